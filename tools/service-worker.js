// Lotse service worker. tools/precache.mjs prepends VERSION and PRECACHE (the exact files of
// this build) and writes the result to dist/sw.js.
//
// - Install caches every file of this build under one versioned cache, all or nothing.
// - A new version waits until the page asks it to take over (the user confirmed the update),
//   then the page reloads: a page never runs with files of two versions.
// - Only this app's own files are served from the cache; every other request goes to the
//   network untouched and is never stored.

const CACHE = `lotse-${VERSION}`;
const INDEX = "/index.html";
const PRECACHED = new Set(PRECACHE);
// Trunk names built files by content hash (lotse-<16 hex>_bg.wasm): such a file never changes,
// so the copy the page just downloaded may be reused. Everything else is fetched afresh so
// an old index.html can never enter a new cache.
const CONTENT_HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.addAll(PRECACHE.map((url) => new Request(url, { cache: CONTENT_HASHED.test(url) ? "default" : "reload" }))),
      ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith("lotse-") && name !== CACHE).map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && !PRECACHED.has(url.pathname)) {
    // Every page of the app is the same index.html; the router picks the page. (A file of
    // the build opened directly, such as the manifest, is that file.)
    event.respondWith(fromCache(INDEX, request));
  } else if (PRECACHED.has(url.pathname)) {
    event.respondWith(fromCache(url.pathname, request));
  }
});

async function fromCache(path, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(path);
  return hit ?? fetch(request);
}
