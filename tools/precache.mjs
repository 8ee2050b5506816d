#!/usr/bin/env node
// Writes sw.js into a build folder: tools/service-worker.js headed by the exact list of that
// build's files and a version derived from their contents, so any change to any file makes a
// new service worker (and so an "update available").
//
// Trunk runs it after every build (post_build hook; folder in TRUNK_STAGING_DIR).
// By hand: node tools/precache.mjs <folder>

import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const SW_FILE = "sw.js";

async function listFiles(root, dir = root) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(root, full) : [path.relative(root, full)];
    }),
  );
  return nested.flat();
}

async function main() {
  const folder = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!folder) {
    console.error("usage: node tools/precache.mjs <build folder> (or run as a Trunk hook)");
    process.exit(2);
  }
  const publicUrl = process.env.TRUNK_PUBLIC_URL ?? "/";
  const files = (await listFiles(folder)).filter((file) => file !== SW_FILE).sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file);
    hash.update(await readFile(path.join(folder, file)));
  }
  const version = hash.digest("hex").slice(0, 16);
  const urls = files.map((file) => publicUrl + file.split(path.sep).join("/"));
  const source = await readFile(new URL("./service-worker.js", import.meta.url), "utf8");
  const header = `const VERSION = ${JSON.stringify(version)};\nconst PRECACHE = ${JSON.stringify(urls)};\n\n`;
  await writeFile(path.join(folder, SW_FILE), header + source);
  console.log(`sw.js: version ${version}, ${urls.length} files precached`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
