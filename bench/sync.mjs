#!/usr/bin/env node
// Sync benchmarks; prints figures, never fails on time. Needs the release app in dist/, the
// harness in target/bench-harness/ and the relay at target/release/lotse-relay
// (scripts/bench.sh builds all three).
// - Initial sync of 10,000 changes from the relay into an empty phone, next to PouchDB
//   replicating the same database from the same relay into IndexedDB, alternating in the
//   same browser run: medians and the ratio (goal: Lotse at least 3x faster); and next to its
//   limit: plain JavaScript fetching the same `_changes` pages (1,000 with documents, as Lotse
//   asks) and putting each document into IndexedDB, one transaction per page (goal: Lotse at
//   most 1.5x; Lotse also joins, opens every seal, merges and draws).
// - Relay throughput: 20 simulated devices pushing 500 changes each at once, then each
//   pulling everything: changes per second.
// Usage: node bench/sync.mjs [runs]

import { chromium } from "playwright-core";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM } from "../e2e/browser.mjs";
import { startRelay } from "../e2e/servers.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.argv[2] ?? 3);
const CHANGES = 10_000;
const DEVICES = 20;
const PER_DEVICE = 500;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n) => `${n.toFixed(0)} ms`;

/** The release relay, serving the app plus PouchDB's browser build and the harness that
 * seals test data from the same origin. */
async function startBenchRelay() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lotse-bench-app-"));
  await cp(path.join(ROOT, "dist"), dir, { recursive: true });
  await cp(path.join(ROOT, "node_modules", "pouchdb", "dist", "pouchdb.min.js"), path.join(dir, "pouchdb.min.js"));
  await cp(path.join(ROOT, "target", "bench-harness"), path.join(dir, "bench-harness"), { recursive: true });
  const relay = await startRelay({ build: "release", app: dir });
  return { ...relay, close: async () => { await relay.close(); await rm(dir, { recursive: true, force: true }); } };
}

async function call(method, url, token, body) {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function invitation(relay, db, token) {
  const { secret } = await call("POST", `${relay.url}/db/${db}/_lotse/invitations`, token, {});
  return secret;
}

/** 10,000 real sealed changes of a generated organisation, made by the wasm harness. */
async function sealedChanges(browser, relay, key) {
  const page = await browser.newPage();
  try {
    await page.goto(`${relay.url}/bench-harness/`);
    await page.waitForFunction(() => window.wasmBindings?.sealed_changes);
    return JSON.parse(await page.evaluate(({ count, key }) => window.wasmBindings.sealed_changes(count, new Uint8Array(key)), { count: CHANGES, key: [...key] }));
  } finally {
    await page.close();
  }
}

async function lotseInitialSync(browser, relay, db, token, key) {
  const code = Buffer.from(
    JSON.stringify({ u: `${relay.url}/db/${db}`, s: await invitation(relay, db, token), k: key.toString("base64"), e: 1 }),
  ).toString("base64url");
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  try {
    await page.goto(`${relay.url}/settings`);
    await page.getByRole("textbox", { name: "Einladungs-Code" }).fill(code);
    // Timed inside the page, from the click to the first frame whose DOM says the sync is
    // done: Playwright's polling would add up to its polling interval (100 ms and more) and
    // its accessibility queries would take the page's main thread while it works.
    await page.evaluate(() => {
      const button = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Beitreten");
      button.addEventListener("click", () => (window.__clicked = performance.now()), { capture: true });
      new MutationObserver((_, observer) => {
        const region = document.querySelector('section[aria-labelledby="sync-title"]');
        if (/Zuletzt synchronisiert um/.test(region?.textContent ?? "")) {
          window.__synced = performance.now();
          observer.disconnect();
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole("button", { name: "Beitreten" }).click();
    await page.getByRole("region", { name: "Synchronisation" }).getByText(/^Zuletzt synchronisiert um/).waitFor({ timeout: 600_000 });
    return await page.evaluate(() => window.__synced - window.__clicked);
  } finally {
    await context.close();
  }
}

async function pouchInitialSync(browser, relay, db, token) {
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  try {
    await page.goto(`${relay.url}/manifest.webmanifest`);
    await page.addScriptTag({ url: `${relay.url}/pouchdb.min.js` });
    return await page.evaluate(
      async ({ url, token }) => {
        const remote = new PouchDB(url, {
          fetch: (u, options) => {
            options.headers.set("authorization", `Bearer ${token}`);
            return PouchDB.fetch(u, options);
          },
        });
        const local = new PouchDB(`copy-${Math.random()}`);
        const start = performance.now();
        await PouchDB.replicate(remote, local, { batch_size: 500 });
        const elapsed = performance.now() - start;
        const { doc_count } = await local.info();
        if (doc_count < 1) throw new Error("nothing replicated");
        return elapsed;
      },
      { url: `${relay.url}/db/${db}`, token },
    );
  } finally {
    await context.close();
  }
}

/** The limit of a first sync: fetch every page of the feed and store what it brings. */
async function plainInitialSync(browser, relay, db, token) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${relay.url}/manifest.webmanifest`);
    return await page.evaluate(
      async ({ url, token }) => {
        const asked = (request) =>
          new Promise((resolve, reject) => {
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
        const start = performance.now();
        const open = indexedDB.open(`plain-${Math.random()}`, 1);
        open.onupgradeneeded = () => open.result.createObjectStore("changes", { keyPath: "_id" });
        const idb = await asked(open);
        let since = "0";
        let stored = 0;
        for (;;) {
          const answer = await fetch(`${url}/_changes?since=${since}&limit=1000&include_docs=true`, {
            headers: { authorization: `Bearer ${token}` },
          });
          if (!answer.ok) throw new Error(`_changes answered ${answer.status}`);
          const feed = await answer.json();
          if (feed.results.length === 0) break;
          await new Promise((resolve, reject) => {
            const tx = idb.transaction("changes", "readwrite");
            for (const row of feed.results) tx.objectStore("changes").put(row.doc);
            tx.oncomplete = resolve;
            tx.onabort = () => reject(tx.error);
          });
          stored += feed.results.length;
          since = feed.last_seq;
        }
        idb.close();
        if (stored < 1) throw new Error("nothing fetched");
        return performance.now() - start;
      },
      { url: `${relay.url}/db/${db}`, token },
    );
  } finally {
    await context.close();
  }
}

async function initialSync(browser, relay) {
  const db = "initial";
  const token = relay.createOrg(db);
  const key = randomBytes(32);
  const docs = await sealedChanges(browser, relay, key);
  for (let i = 0; i < docs.length; i += 1_000) {
    await call("POST", `${relay.url}/db/${db}/_bulk_docs`, token, { docs: docs.slice(i, i + 1_000) });
  }
  const lotse = [];
  const pouch = [];
  const plain = [];
  for (let run = 0; run < RUNS; run++) {
    lotse.push(await lotseInitialSync(browser, relay, db, token, key));
    pouch.push(await pouchInitialSync(browser, relay, db, token));
    plain.push(await plainInitialSync(browser, relay, db, token));
  }
  console.log(`Initial sync of ${CHANGES.toLocaleString("en")} changes from the relay into an empty phone, ${RUNS} alternating runs (no throttling)`);
  console.log("| client | median | min | max | PouchDB / Lotse |");
  console.log("|---|---:|---:|---:|---:|");
  console.log(`| Lotse (join, pull, open, merge, store, show) | ${ms(median(lotse))} | ${ms(Math.min(...lotse))} | ${ms(Math.max(...lotse))} | ${(median(pouch) / median(lotse)).toFixed(2)}x |`);
  console.log(`| PouchDB 9 replicate into IndexedDB | ${ms(median(pouch))} | ${ms(Math.min(...pouch))} | ${ms(Math.max(...pouch))} | 1.00x |`);
  console.log(`| limit: plain JS fetch of the same pages + put into IndexedDB | ${ms(median(plain))} | ${ms(Math.min(...plain))} | ${ms(Math.max(...plain))} | ${(median(pouch) / median(plain)).toFixed(2)}x |`);
  console.log(`\nLotse / limit: ${(median(lotse) / median(plain)).toFixed(2)}x (goal ≤ 1.5x)\n`);
}

async function relayThroughput(relay) {
  const db = "throughput";
  const first = relay.createOrg(db);
  const tokens = [first];
  for (let n = 1; n < DEVICES; n++) {
    const secret = await invitation(relay, db, first);
    tokens.push((await call("POST", `${relay.url}/db/${db}/_lotse/join`, null, { secret, device: `bench ${n}` })).token);
  }
  const fakeDoc = (device) => ({
    _id: randomUUID(),
    stamp: `${Date.now()}-000000-device-${device}`,
    device: `device-${device}`,
    epoch: 1,
    sealed: randomBytes(360).toString("base64"),
  });
  const pushStart = performance.now();
  await Promise.all(
    tokens.map(async (token, device) => {
      for (let sent = 0; sent < PER_DEVICE; sent += 100) {
        await call("POST", `${relay.url}/db/${db}/_bulk_docs`, token, { docs: Array.from({ length: 100 }, () => fakeDoc(device)) });
      }
    }),
  );
  const pushSeconds = (performance.now() - pushStart) / 1000;
  const pullStart = performance.now();
  const pulled = await Promise.all(
    tokens.map(async (token) => {
      let since = "0";
      let count = 0;
      for (;;) {
        const page = await call("GET", `${relay.url}/db/${db}/_changes?since=${since}&limit=500&include_docs=true`, token);
        if (page.results.length === 0) return count;
        count += page.results.length;
        since = page.last_seq;
      }
    }),
  );
  const pullSeconds = (performance.now() - pullStart) / 1000;
  const pushedTotal = DEVICES * PER_DEVICE;
  const pulledTotal = pulled.reduce((a, b) => a + b, 0);
  console.log(`\nRelay throughput, ${DEVICES} devices at once on loopback (release build, SQLite on disk)`);
  console.log("| direction | changes | seconds | changes per second |");
  console.log("|---|---:|---:|---:|");
  console.log(`| push (_bulk_docs, 100 per request) | ${pushedTotal.toLocaleString("en")} | ${pushSeconds.toFixed(2)} | ${Math.round(pushedTotal / pushSeconds).toLocaleString("en")} |`);
  console.log(`| pull (_changes, 500 per request, with documents) | ${pulledTotal.toLocaleString("en")} | ${pullSeconds.toFixed(2)} | ${Math.round(pulledTotal / pullSeconds).toLocaleString("en")} |`);
}

const relay = await startBenchRelay();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
try {
  await initialSync(browser, relay);
  await relayThroughput(relay);
} finally {
  await browser.close();
  await relay.close();
}
