// Launches Debian's Chromium through playwright-core the way the tests and benchmarks need it:
// a persistent context on a fresh temporary profile (installability checks say "in-incognito"
// otherwise), no network chatter of Chromium's own, and a record of every console error.

import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const PHONE = { width: 360, height: 640 };

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function openBrowser({ viewport = PHONE, locale = "de-DE", profileDir, args = [] } = {}) {
  const profile = profileDir ?? (await mkdtemp(path.join(os.tmpdir(), "lotse-profile-")));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...ARGS, ...args],
    viewport,
    locale,
  });
  const consoleErrors = [];
  const watch = (page) => {
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on("pageerror", (err) => consoleErrors.push(`${page.url()}: ${err.message}`));
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    consoleErrors,
    async close() {
      await context.close();
      if (!profileDir) await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Resolves once a service worker controls `page` (i.e. the app can now work offline). */
export async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
  });
}

/** Runs `body` with a fresh browser profile and fails if the console saw any error. */
export async function withBrowser(options, body) {
  const browser = await openBrowser(options);
  try {
    await body(browser);
    assert.deepEqual(browser.consoleErrors, [], "no errors in the console");
  } finally {
    await browser.close();
  }
}
