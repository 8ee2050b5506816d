// Minifies the JavaScript that wasm-bindgen generated (Trunk's own minifier fails on it and
// leaves it as is, with a warning) and updates the subresource-integrity hashes that
// index.html carries for it, so the browser still verifies what it runs.

import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { minify } from "terser";
import { listFiles } from "./precache.mjs";

const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

export async function minifyScripts(folder) {
  const indexPath = path.join(folder, "index.html");
  let index = await readFile(indexPath, "utf8");
  const scripts = (await listFiles(folder)).filter((file) => file.endsWith(".js") && file !== "sw.js");
  for (const file of scripts) {
    const full = path.join(folder, file);
    const original = await readFile(full);
    const result = await minify(original.toString("utf8"), { module: true, compress: true, mangle: true });
    if (typeof result.code !== "string") throw new Error(`terser produced nothing for ${file}`);
    await writeFile(full, result.code);
    index = index.replaceAll(sri(original), sri(Buffer.from(result.code)));
  }
  await writeFile(indexPath, index);
  return scripts.length;
}
