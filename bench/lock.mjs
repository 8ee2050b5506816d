#!/usr/bin/env node
// Benchmark of the app lock (issue 14); prints figures, never fails on time. Needs the
// release build in dist/ and the harness in target/bench-harness/ (scripts/bench.sh).
// - Writing 10,000 records through the storage layer with the lock on (every change and
//   page sealed) next to the same with the lock off, alternating: medians and the extra cost.
// - With 5,000 members, 10,000 offers, 2,000 requests, 1,000 cases and 20,000 notes stored
//   and the lock on, at 4x CPU throttling: opening the app at the helper list without the
//   lock (measured first, same data) and, with it, the time from tapping "Entsperren" until
//   the cards show offers (goal: at most 1.5 s median), with the passphrase's PBKDF2 alone
//   (600,000 iterations, WebCrypto, in the same throttled tab) printed as its share.
// Usage: node bench/lock.mjs [runs]

import { chromium } from "playwright-core";
import { cp } from "node:fs/promises";
import path from "node:path";
import { startStaticServer } from "../e2e/static-server.mjs";
import { copyOfRelease } from "../e2e/deploy.mjs";
import { CHROMIUM } from "../e2e/browser.mjs";

const RUNS = Number(process.argv[2] ?? 5);
const WRITES = 10_000;
const THROTTLE = 4;
const LARGE = { members: 5_000, offers: 10_000, requests: 2_000, cases: 1_000, notes: 20_000 };
const PASSPHRASE = "der Bus kommt um acht";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n) => `${n.toFixed(1)} ms`;
const row = (label, xs) => console.log(`| ${label} | ${ms(median(xs))} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} | ${xs.length} |`);

async function harnessPage(context, url) {
  const page = await context.newPage();
  await page.goto(`${url}/bench-harness/`);
  await page.waitForFunction(() => window.wasmBindings?.write_sealed);
  return page;
}

async function writes(browser, url) {
  const context = await browser.newContext();
  const page = await harnessPage(context, url);
  const open = [];
  const sealed = [];
  for (let round = 0; round < RUNS; round++) {
    open.push(await page.evaluate(([n, c]) => window.wasmBindings.write_via_storage(n, c), [`bench-open-${round}`, WRITES]));
    sealed.push(await page.evaluate(([n, c]) => window.wasmBindings.write_sealed(n, c), [`bench-sealed-${round}`, WRITES]));
  }
  await context.close();
  console.log(`\nWriting ${WRITES.toLocaleString("en")} records, ${RUNS} alternating rounds (no throttling)\n`);
  console.log("| writer | median | min | max | runs |");
  console.log("|---|---:|---:|---:|---:|");
  row("lock off", open);
  row("lock on (sealed)", sealed);
  console.log(`\nExtra cost of the lock: ${ms(median(sealed) - median(open))} (${(median(sealed) / median(open)).toFixed(2)}x)`);
}

/** A throttled tab at the helper list; `typed` unlocks first. Returns the milliseconds from
 * navigation (or from the tap on "Entsperren") until the cards show offers. */
async function openHelpers(context, url, typed) {
  const app = await context.newPage();
  const cdp = await context.newCDPSession(app);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
  await app.addInitScript(() => {
    const seen = (window.__opened = {});
    addEventListener("click", () => (seen.tapped ??= performance.now()), true);
    const look = () => {
      const cards = document.querySelectorAll(".result:not([hidden])");
      if ([...cards].some((card) => card.querySelector("p.meta:nth-of-type(3)")?.textContent)) seen.offers ??= performance.now();
      if (!seen.offers) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await app.goto(`${url}/helpers`);
  if (typed) {
    await app.locator("#unlock-passphrase").fill(typed);
    await app.locator("form button[type=submit]").click();
  }
  const opened = await (await app.waitForFunction(() => window.__opened.offers && window.__opened, null, { timeout: 120_000 })).jsonValue();
  const kdf = await app.evaluate(async () => {
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("x".repeat(20)), "PBKDF2", false, ["deriveBits"]);
    const start = performance.now();
    await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: new Uint8Array(16), iterations: 600_000 }, key, 256);
    return performance.now() - start;
  });
  await app.close();
  return { time: typed ? opened.offers - opened.tapped : opened.offers, kdf };
}

async function unlockAndOpen(browser, url) {
  const context = await browser.newContext();
  const page = await harnessPage(context, url);
  await page.evaluate((s) => window.wasmBindings.seed_app(s.members, s.offers, s.requests, s.cases, s.notes), LARGE);
  const plain = [];
  for (let run = 0; run < RUNS; run++) plain.push((await openHelpers(context, url)).time);
  const sealing = await page.evaluate((p) => window.wasmBindings.lock_app(p), PASSPHRASE);
  const unlocked = [];
  const kdf = [];
  for (let run = 0; run < RUNS; run++) {
    const opened = await openHelpers(context, url, PASSPHRASE);
    unlocked.push(opened.time);
    kdf.push(opened.kdf);
  }
  await context.close();
  console.log(`\nWith ${LARGE.members.toLocaleString("en")} members, ${LARGE.offers.toLocaleString("en")} offers, ${LARGE.notes.toLocaleString("en")} notes; ${THROTTLE}x CPU throttling`);
  console.log(`Turning the lock on sealed the organisation in ${ms(sealing)} (no throttling)\n`);
  console.log("| measure | median | min | max | runs |");
  console.log("|---|---:|---:|---:|---:|");
  row("open the helper list, lock off (navigation -> cards with offers)", plain);
  row("unlock and open it, lock on (tap 'Entsperren' -> cards with offers; goal ≤ 1.5 s)", unlocked);
  row("... of which PBKDF2-SHA256, 600,000 iterations (WebCrypto, same tab)", kdf);
}

const deployment = await copyOfRelease();
await cp(path.resolve("target/bench-harness"), path.join(deployment, "bench-harness"), { recursive: true });
const server = await startStaticServer(deployment);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  await writes(browser, server.url);
  await unlockAndOpen(browser, server.url);
} finally {
  await browser.close();
  await server.close();
}
