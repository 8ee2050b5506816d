// The sync servers the e2e tests run against: the relay binary (serving the release build
// too) with its SQLite file in a temporary directory, and pouchdb-server, the
// CouchDB-compatible server from npm, in memory with CORS open for the app's origin.

import { spawn, execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import readline from "node:readline";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { copyOfRelease } from "./deploy.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const POUCHDB_SERVER = path.join(ROOT, "node_modules", "pouchdb-server", "bin", "pouchdb-server");

/**
 * Waits for a line of the child's output matching `pattern`. Output is read as whole lines:
 * a program may write one line in many pieces (Rust's unbuffered stderr writes
 * "listening on http://" and each part of the address separately), and a pattern matched
 * against a piece would miss it or catch half a port. On failure the child is stopped, so
 * that a server which never came up cannot keep the test file running, and the error
 * carries what it printed.
 */
function waitForLine(child, pattern) {
  const printed = [];
  return new Promise((resolve, reject) => {
    // Once the line came, the server is up and lives as long as the tests want it.
    let started = false;
    const fail = (why) => {
      if (started) return;
      child.kill("SIGKILL");
      reject(new Error(`${child.spawnfile} ${why}; it printed:\n${printed.join("\n")}`));
    };
    const timer = setTimeout(() => fail(`did not say ${pattern} in 30 s`), 30_000);
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on("line", (line) => {
        printed.push(line);
        const found = line.match(pattern);
        if (found && !started) {
          started = true;
          clearTimeout(timer);
          resolve(found);
        }
      });
    }
    child.on("error", (err) => fail(`could not start: ${err.message}`));
    child.on("exit", (code, signal) => fail(`exited with ${code ?? signal}`));
  });
}

/**
 * Starts the relay on a free loopback port with a fresh SQLite file. `build` is the cargo
 * profile whose binary runs (the tests use the debug build, the benchmark the release
 * build); `app` is the directory it serves (a copy of the release build unless given).
 */
export async function startRelay({ build = "debug", app } = {}) {
  const binary = path.join(ROOT, "target", build, "lotse-relay");
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lotse-relay-"));
  const data = path.join(dataDir, "relay.sqlite");
  const served = app ?? (await copyOfRelease());
  const child = spawn(binary, ["serve", "--listen", "127.0.0.1:0", "--data", data, "--app", served]);
  const [, url] = await waitForLine(child, /listening on (http:\/\/[\d.:]+)$/);
  return {
    url,
    dataDir,
    data,
    /** Creates an organisation's database and returns its first device key. */
    createOrg(name) {
      const printed = execFileSync(binary, ["create-org", name, "--data", data], { encoding: "utf8" });
      const token = printed.match(/token \(shown once\): (\w+)/)?.[1];
      if (!token) throw new Error(printed);
      return token;
    },
    async close() {
      child.kill();
      await rm(dataDir, { recursive: true, force: true });
      if (!app) await rm(served, { recursive: true, force: true });
    },
  };
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPouchServer() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lotse-pouchdb-"));
  const config = path.join(dir, "config.json");
  await writeFile(
    config,
    JSON.stringify({
      httpd: { enable_cors: true },
      cors: { origins: "*", credentials: true, methods: "GET, PUT, POST, HEAD, DELETE", headers: "accept, authorization, content-type, origin, referer" },
      log: { file: path.join(dir, "log.txt") },
    }),
  );
  const port = await freePort();
  const data = path.join(dir, "data");
  await mkdir(data);
  const child = spawn(process.execPath, [POUCHDB_SERVER, "--dir", data, "--port", String(port), "-c", config]);
  await waitForLine(child, /has started on/);
  return {
    url: `http://127.0.0.1:${port}`,
    /** Every byte pouchdb-server has written for its databases, for grep tests. */
    async files() {
      const names = await readdir(data, { recursive: true });
      const contents = await Promise.all(names.map((name) => readFile(path.join(data, name)).catch(() => Buffer.alloc(0))));
      return Buffer.concat(contents);
    },
    async close() {
      child.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
