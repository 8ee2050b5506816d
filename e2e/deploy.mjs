// Test deployments of the release build in dist/: a copy per test, and a "new version" made
// the way a real deployment differs (changed files, regenerated sw.js).

import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DIST = path.join(ROOT, "dist");

export async function copyOfRelease() {
  if (!existsSync(path.join(DIST, "sw.js"))) {
    throw new Error("dist/ has no release build: run `trunk build --release` (scripts/test.sh does)");
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "lotse-deploy-"));
  await cp(DIST, dir, { recursive: true });
  // Beside the app, not part of it: the benchmark harness, with which a test fills a phone's
  // own organisation with hundreds of records through Lotse's storage layer.
  if (existsSync(HARNESS)) await cp(HARNESS, path.join(dir, "bench-harness"), { recursive: true });
  return dir;
}

export const HARNESS = path.join(ROOT, "target", "bench-harness");

/** A copy of the release whose index.html carries `build` as a marker, with its own sw.js. */
export async function newVersionOfRelease(build) {
  const dir = await copyOfRelease();
  const index = path.join(dir, "index.html");
  const html = await readFile(index, "utf8");
  const marked = html.replace(/<meta charset[^>]*>/i, (charset) => `${charset}<meta name="lotse-test-build" content="${build}">`);
  if (marked === html) throw new Error("index.html has no <meta charset> to put the build marker after");
  await writeFile(index, marked);
  execFileSync("node", [path.join(ROOT, "tools", "precache.mjs"), dir], { stdio: "pipe" });
  return dir;
}
