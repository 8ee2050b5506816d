#!/usr/bin/env node
// Writes sw.js into a build folder: tools/service-worker.js headed by the exact list of that
// build's files and a version derived from their contents, so any change to any file makes a
// new service worker (and so an "update available").
//
// Part of the Trunk post-build hook (tools/post-build.mjs). By hand, e.g. to make a test
// deployment: node tools/precache.mjs <folder>

import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const SW_FILE = "sw.js";

export async function listFiles(root, dir = root) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(root, full) : [path.relative(root, full)];
    }),
  );
  return nested.flat();
}

export async function writeServiceWorker(folder, publicUrl = "/") {
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
  return { version, count: urls.length };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const folder = process.argv[2];
  if (!folder) {
    console.error("usage: node tools/precache.mjs <build folder>");
    process.exit(2);
  }
  const { version, count } = await writeServiceWorker(folder);
  console.log(`sw.js: version ${version}, ${count} files precached`);
}
