#!/usr/bin/env node
// Benchmark of the app shell; prints figures, never fails on time.
// - Bytes over the wire for a first visit (html, css, js, wasm): raw, gzip -9, brotli -q 11.
// - Navigation -> interactive (the app's "lotse-interactive" mark: data loaded, UI usable) in
//   headless Chromium with 4x CPU throttling, cold (empty cache) and warm (service worker),
//   next to a baseline static HTML page measured alternately in the same browser run.
// Usage: node bench/first-visit.mjs [runs]   (scripts/bench.sh builds first)

import { chromium } from "playwright-core";
import { readFile, mkdtemp, writeFile } from "node:fs/promises";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import os from "node:os";
import path from "node:path";
import { startStaticServer } from "../e2e/static-server.mjs";
import { DIST } from "../e2e/deploy.mjs";
import { CHROMIUM } from "../e2e/browser.mjs";

const RUNS = Number(process.argv[2] ?? 15);
const THROTTLE = 4;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(0)} ms`;

function kindOf(url) {
  const ext = path.extname(new URL(url).pathname);
  if (ext === ".wasm") return "wasm";
  if (ext === ".js") return "js";
  if (ext === ".css") return "css";
  if (ext === "" || ext === ".html") return "html";
  return null;
}

async function firstVisitTransfer(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = new Map();
  page.on("response", (response) => {
    const kind = kindOf(response.url());
    if (kind && !response.url().endsWith("/sw.js")) {
      seen.set(new URL(response.url()).pathname, kind);
    }
  });
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName("lotse-interactive").length > 0);
  await context.close();
  const rows = new Map();
  for (const [pathname, kind] of seen) {
    const file = pathname === "/" ? "index.html" : pathname.slice(1);
    const body = await readFile(path.join(DIST, file));
    const row = rows.get(kind) ?? { files: 0, raw: 0, gzip: 0, brotli: 0 };
    row.files += 1;
    row.raw += body.length;
    row.gzip += gzipSync(body, { level: 9 }).length;
    row.brotli += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    rows.set(kind, row);
  }
  return rows;
}

async function timeToInteractive(browser, url, { warm }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (warm) {
    await page.goto(url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
      }
    });
  }
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  if (warm) await page.reload();
  else await page.goto(url);
  const handle = await page.waitForFunction(
    () => performance.getEntriesByName("lotse-interactive")[0]?.startTime,
    null,
    { timeout: 60_000 },
  );
  const value = await handle.jsonValue();
  await context.close();
  return value;
}

const server = await startStaticServer(DIST);
const baselineDir = await mkdtemp(path.join(os.tmpdir(), "lotse-baseline-"));
await writeFile(
  path.join(baselineDir, "index.html"),
  `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Baseline</title></head>` +
    `<body><h1>Static page</h1><script>performance.mark("lotse-interactive")</script></body></html>`,
);
const baseline = await startStaticServer(baselineDir);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

try {
  const transfer = await firstVisitTransfer(browser, server.url);
  console.log("\nFirst visit: bytes over the wire\n");
  console.log("| part | files | raw | gzip | brotli |");
  console.log("|---|---:|---:|---:|---:|");
  const total = { files: 0, raw: 0, gzip: 0, brotli: 0 };
  for (const kind of ["html", "css", "js", "wasm"]) {
    const row = transfer.get(kind) ?? { files: 0, raw: 0, gzip: 0, brotli: 0 };
    for (const key of Object.keys(total)) total[key] += row[key];
    console.log(`| ${kind} | ${row.files} | ${kb(row.raw)} | ${kb(row.gzip)} | ${kb(row.brotli)} |`);
  }
  console.log(`| **total** | ${total.files} | ${kb(total.raw)} | ${kb(total.gzip)} | ${kb(total.brotli)} |`);

  const cold = [];
  const warm = [];
  const base = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(await timeToInteractive(browser, baseline.url, { warm: false }));
    cold.push(await timeToInteractive(browser, server.url, { warm: false }));
    warm.push(await timeToInteractive(browser, server.url, { warm: true }));
  }
  console.log(`\nNavigation -> interactive, ${THROTTLE}x CPU throttling, ${RUNS} runs each (alternating)\n`);
  console.log("| page | median | min | max | median / baseline |");
  console.log("|---|---:|---:|---:|---:|");
  const line = (name, xs) =>
    console.log(
      `| ${name} | ${ms(median(xs))} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} | ${(median(xs) / median(base)).toFixed(1)}x |`,
    );
  line("baseline: static HTML page", base);
  line("Lotse, cold (empty cache)", cold);
  line("Lotse, warm (service worker)", warm);
  console.log(`\nCold start against its limit, the static page: ${(median(cold) / median(base)).toFixed(1)}x (goal ≤ 5x)`);
} finally {
  await browser.close();
  await server.close();
  await baseline.close();
}
