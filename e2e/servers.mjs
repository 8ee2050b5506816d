// The sync servers the e2e tests run against: the relay binary (serving the release build
// too) with its SQLite file in a temporary directory, and pouchdb-server, the
// CouchDB-compatible server from npm, in memory with CORS open for the app's origin.

import { spawn, execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { copyOfRelease } from "./deploy.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RELAY = path.join(ROOT, "target", "debug", "lotse-relay");
const POUCHDB_SERVER = path.join(ROOT, "node_modules", "pouchdb-server", "bin", "pouchdb-server");

function waitForLine(child, pattern) {
  return new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error(`${child.spawnfile} did not say ${pattern} in 30 s`)), 30_000).unref();
    const look = (chunk) => {
      const found = chunk.toString().match(pattern);
      if (found) resolve(found);
    };
    child.stdout?.on("data", look);
    child.stderr?.on("data", look);
    child.on("exit", (code) => reject(new Error(`${child.spawnfile} exited with ${code}`)));
  });
}

export async function startRelay() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lotse-relay-"));
  const data = path.join(dataDir, "relay.sqlite");
  const child = spawn(RELAY, ["serve", "--listen", "127.0.0.1:0", "--data", data, "--app", await copyOfRelease()]);
  const [, url] = await waitForLine(child, /listening on (http:\/\/[\d.:]+)/);
  return {
    url,
    dataDir,
    data,
    /** Creates an organisation's database and returns its first device key. */
    createOrg(name) {
      const printed = execFileSync(RELAY, ["create-org", name, "--data", data], { encoding: "utf8" });
      const token = printed.match(/token \(shown once\): (\w+)/)?.[1];
      if (!token) throw new Error(printed);
      return token;
    },
    async close() {
      child.kill();
      await rm(dataDir, { recursive: true, force: true });
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
  const child = spawn(process.execPath, [POUCHDB_SERVER, "--in-memory", "--port", String(port), "-c", config]);
  await waitForLine(child, /has started on/);
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      child.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
