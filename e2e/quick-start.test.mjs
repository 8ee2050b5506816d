// Quick start 1 as a newcomer runs it: `./scripts/serve.sh` and nothing else. Two phones start
// an organisation on it with the device key it printed, and a member typed on one arrives on
// the other.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { addMember, seesHelper, syncNow } from "./phone.mjs";
import { startTwoPhones } from "./organisation.mjs";

/** A port nothing listens on. */
const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

test("./scripts/serve.sh alone is enough for two phones to sync", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lotse-quick-start-"));
  const address = `127.0.0.1:${await freePort()}`;
  const serve = spawn("./scripts/serve.sh", [], {
    env: { ...process.env, LOTSE_DATA: path.join(dir, "relay.sqlite"), LOTSE_ADDRESS: address },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let printed = "";
  serve.stdout.on("data", (chunk) => (printed += chunk));
  serve.stderr.on("data", (chunk) => (printed += chunk));
  let phones;
  try {
    const url = `http://${address}`;
    // Ready when it says where Lotse is and the relay answers (the build may take a while).
    await new Promise((resolve, reject) => {
      serve.on("exit", (code) => reject(new Error(`serve.sh ended (${code}):\n${printed}`)));
      const poll = async () => {
        if (printed.includes(`Lotse: ${url}`)) {
          const answer = await fetch(url).catch(() => null);
          if (answer?.ok) return resolve();
        }
        setTimeout(poll, 200);
      };
      poll();
    });
    const token = printed.match(/token \(shown once\): (\w+)/)?.[1];
    assert.ok(token, `serve.sh printed the first device key:\n${printed}`);
    assert.match(printed, new RegExp(`${url}/db/verein`), "and the organisation's address");
    phones = await startTwoPhones({ relay: { createOrg: () => token }, url }, "verein");
    const [a, b] = [phones.first.page, phones.second.page];
    await addMember(a, "Amal Haddad");
    await syncNow(a);
    await syncNow(b);
    await seesHelper(b, "Amal Haddad");
  } finally {
    await phones?.first.close();
    await phones?.second.close();
    process.kill(-serve.pid, "SIGTERM");
    await rm(dir, { recursive: true, force: true });
  }
});
