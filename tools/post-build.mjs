#!/usr/bin/env node
// Trunk post-build hook (see Trunk.toml): runs on the finished build in TRUNK_STAGING_DIR,
// before Trunk moves it to dist/. Order matters: the service worker's version and file list
// must describe the final, minified files.

import { minifyScripts } from "./minify-scripts.mjs";
import { writeServiceWorker } from "./precache.mjs";

const folder = process.env.TRUNK_STAGING_DIR;
if (!folder) {
  console.error("tools/post-build.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)");
  process.exit(2);
}
const minified = await minifyScripts(folder);
const { version, count } = await writeServiceWorker(folder, process.env.TRUNK_PUBLIC_URL ?? "/");
console.log(`post-build: ${minified} script(s) minified; sw.js version ${version}, ${count} files precached`);
