// A minimal static server for a build folder, as a real deployment would serve it: a folder
// gets its index.html, every unknown path without a file extension gets the root index.html
// (the app routes itself), wasm is
// served as application/wasm, and index.html / sw.js are never cached by HTTP caches.
// `setRoot` switches the served folder, which is how tests "deploy" a new version.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
  ".json": "application/json",
};

export async function startStaticServer(root) {
  let currentRoot = path.resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      let file = path.join(currentRoot, decodeURIComponent(url.pathname));
      if (!file.startsWith(currentRoot)) {
        res.writeHead(403).end();
        return;
      }
      if (await stat(file).then((s) => s.isDirectory(), () => false)) file = path.join(file, "index.html");
      const isFile = await stat(file).then((s) => s.isFile(), () => false);
      if (!isFile) {
        if (path.extname(url.pathname) !== "") {
          res.writeHead(404, { "content-type": "text/plain" }).end("not found");
          return;
        }
        file = path.join(currentRoot, "index.html");
      }
      const body = await readFile(file);
      const name = path.basename(file);
      const headers = { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" };
      headers["cache-control"] = name === "index.html" || name === "sw.js" ? "no-cache" : "max-age=31536000, immutable";
      res.writeHead(200, headers).end(body);
    } catch (err) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(err));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    setRoot(dir) {
      currentRoot = path.resolve(dir);
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
