// The app lock as a volunteer with a shared family phone uses it: set a passphrase (refused
// when too short or mistyped), reload – the lock screen shows nothing of the organisation and
// neither IndexedDB nor the service worker's caches hold a name, number or note typed – wrong
// passphrases are slowed down, the right one opens everything; the app locks itself when
// nobody uses it; the phone's authenticator (Chromium's virtual one) unlocks too; turning the
// lock off with the passphrase leaves the data readable again.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openBrowser } from "./browser.mjs";
import { startStaticServer } from "./static-server.mjs";
import { copyOfRelease } from "./deploy.mjs";
import { addMember, nav, openMember } from "./phone.mjs";
import { everythingOnPhone } from "./organisation.mjs";
import { fill, texts } from "./texts.mjs";
import { axeViolations } from "./axe.mjs";

const de = texts("de");
const PASSPHRASE = "der Bus kommt um acht";
const SECRETS = ["Aylin Kaya", "5550101", "Termin beim Ausländeramt", "Verein Brücke"];
let server;

before(async () => {
  server = await startStaticServer(await copyOfRelease());
});

after(async () => {
  await server?.close();
});

/** Every cached response of the service worker, as text. */
const cachedText = (page) =>
  page.evaluate(async () => {
    const texts = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        texts.push(await response.text());
      }
    }
    return texts.join("\n");
  });

const found = (text) => SECRETS.filter((secret) => text.includes(secret));

async function organisationWithACase(page) {
  await nav(page).getByRole("link", { name: "Einstellungen" }).click();
  await page.getByRole("textbox", { name: de.org_name_label }).fill("Verein Brücke");
  await page.getByRole("region", { name: de.org_section }).getByRole("button", { name: de.save }).click();
  await page.getByRole("banner").getByText("Verein Brücke").waitFor();
  await addMember(page, "Aylin Kaya", "0171 5550101");
  await nav(page).getByRole("link", { name: "Fälle" }).click();
  await page.getByRole("textbox", { name: "Person oder Familie" }).fill("Familie Kaya");
  await page.getByRole("button", { name: de.new_case }).click();
  await page.getByRole("heading", { level: 1, name: "Familie Kaya" }).waitFor();
  await page.getByRole("textbox", { name: "Geschrieben von" }).fill("Olga");
  await page.getByRole("textbox", { name: "Was ist passiert?" }).fill("Termin beim Ausländeramt");
  await page.getByRole("button", { name: "Notiz speichern" }).click();
  await page.getByText("Termin beim Ausländeramt").waitFor();
}

async function setLock(page) {
  await nav(page).getByRole("link", { name: "Einstellungen" }).click();
  const panel = page.getByRole("region", { name: de.lock_settings_title });
  const passphrase = panel.getByLabel(de.lock_new_passphrase, { exact: true });
  const repeat = panel.getByLabel(de.lock_repeat, { exact: true });
  const turnOn = panel.getByRole("button", { name: de.lock_turn_on });
  await passphrase.fill("kurz");
  await repeat.fill("kurz");
  await turnOn.click();
  await panel.getByText(fill(de.lock_too_short, { count: 8 })).waitFor();
  await passphrase.fill(PASSPHRASE);
  await panel.getByText(de.lock_strength_strong).waitFor();
  await repeat.fill("der Bus kommt um neun");
  await turnOn.click();
  await panel.getByText(de.lock_mismatch).waitFor();
  await repeat.fill(PASSPHRASE);
  // Sealing says how far it got: a progress bar while it rewrites what is stored.
  await page.evaluate(() => {
    window.__sawProgress = false;
    new MutationObserver((_, observer) => {
      if (document.querySelector("#lock progress")) {
        window.__sawProgress = true;
        observer.disconnect();
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  await turnOn.click();
  await panel.getByText(de.lock_is_on).waitFor();
  await page.waitForFunction(() => window.__sawProgress);
  await panel.locator("progress").waitFor({ state: "detached" });
  return panel;
}

async function unlock(page, passphrase) {
  await page.getByLabel(de.lock_passphrase, { exact: true }).fill(passphrase);
  await page.getByRole("button", { name: de.lock_unlock, exact: true }).click();
}

async function seesLockScreen(page) {
  await page.getByRole("heading", { level: 1, name: de.lock_title }).waitFor();
  const shown = await page.locator("body").innerText();
  assert.deepEqual(found(shown), [], `the lock screen shows: ${shown}`);
}

test("a locked phone shows and stores nothing readable, slows down guessing and opens with the passphrase", async () => {
  const phone = await openBrowser();
  try {
    const page = phone.page;
    await page.goto(server.url);
    await organisationWithACase(page);
    assert.deepEqual(found(await everythingOnPhone(page)), SECRETS, "the test sees what was typed");
    // A second tab, open while the lock is set, starts again at the lock screen too (it would
    // otherwise go on writing readable values).
    const other = await phone.context.newPage();
    await other.goto(server.url);
    await other.getByRole("banner").getByText("Verein Brücke").waitFor();
    await setLock(page);
    await seesLockScreen(other);
    await other.close();

    await page.reload();
    await seesLockScreen(page);
    assert.deepEqual(await axeViolations(page), [], "the lock screen passes axe");
    assert.deepEqual(found(await everythingOnPhone(page)), [], "IndexedDB holds none of it");
    assert.deepEqual(found(await cachedText(page)), [], "the caches hold none of it");

    await unlock(page, "der Bus kommt um neun");
    await page.getByText(de.lock_wrong).waitFor();
    for (let i = 0; i < 2; i++) await unlock(page, "falsch falsch");
    await page.getByText(fill(de.lock_wait, { seconds: 2 })).waitFor();
    assert.ok(await page.getByRole("button", { name: de.lock_unlock, exact: true }).isDisabled());
    // A reload does not reset the wait.
    await page.reload();
    await page.getByText(/Nächster Versuch in \d s\./).waitFor();
    // Clicking waits until the button is enabled again.
    await unlock(page, PASSPHRASE);
    await page.getByRole("banner").getByText("Verein Brücke").waitFor();
    await openMember(page, "Aylin Kaya");
    await page.getByText(/5550101/).first().waitFor();

    // Written while unlocked: sealed too.
    await addMember(page, "Selin Demir", "0171 5550202");
    assert.ok(!(await everythingOnPhone(page)).includes("Selin Demir"));
    assert.deepEqual(phone.consoleErrors, []);
  } finally {
    await phone.close();
  }
});

test("the app locks itself when nobody uses it for the idle time", async () => {
  const phone = await openBrowser();
  try {
    const page = phone.page;
    await page.clock.install();
    await page.goto(server.url);
    await organisationWithACase(page);
    const panel = await setLock(page);
    await panel.getByRole("combobox", { name: de.lock_idle }).selectOption("1");
    await panel.getByText(de.saved, { exact: true }).waitFor();
    await page.clock.fastForward(50_000);
    await page.getByRole("banner").getByText("Verein Brücke").waitFor();
    await page.clock.fastForward(30_000);
    await seesLockScreen(page);
    await unlock(page, PASSPHRASE);
    await page.getByRole("banner").getByText("Verein Brücke").waitFor();
  } finally {
    await phone.close();
  }
});

test("the phone's authenticator unlocks as a second key, and turning the lock off opens the data again", async () => {
  const phone = await openBrowser();
  try {
    const page = phone.page;
    const cdp = await phone.context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        ctap2Version: "ctap2_1",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
        hasPrf: true,
      },
    });
    // WebAuthn wants a domain: localhost, not 127.0.0.1.
    await page.goto(server.url.replace("127.0.0.1", "localhost"));
    await organisationWithACase(page);
    const panel = await setLock(page);
    await panel.getByRole("button", { name: de.lock_quick_add }).click();
    await panel.getByText(de.lock_quick_on).waitFor();

    await page.getByRole("banner").getByRole("button", { name: de.lock_now }).click();
    await seesLockScreen(page);
    await page.getByRole("button", { name: de.lock_unlock_quick }).click();
    await page.getByRole("banner").getByText("Verein Brücke").waitFor();

    await nav(page).getByRole("link", { name: "Einstellungen" }).click();
    await panel.getByText(de.lock_turn_off, { exact: true }).click();
    await panel.getByLabel(de.lock_passphrase, { exact: true }).fill("falsch falsch");
    await panel.getByRole("button", { name: de.lock_turn_off_button }).click();
    await panel.getByText(de.lock_wrong).waitFor();
    await panel.getByLabel(de.lock_passphrase, { exact: true }).fill(PASSPHRASE);
    await panel.getByRole("button", { name: de.lock_turn_off_button }).click();
    await panel.getByRole("button", { name: de.lock_turn_on }).waitFor();
    await page.reload();
    await page.getByRole("banner").getByText("Verein Brücke").waitFor();
    assert.deepEqual(found(await everythingOnPhone(page)), SECRETS, "readable again, nothing lost");
    assert.deepEqual(phone.consoleErrors, []);
  } finally {
    await phone.close();
  }
});

test("over plain http to another machine the lock says it needs https, and nothing is changed", async () => {
  // Chromium offers WebCrypto only in a secure context; a name that is not this machine's
  // (mapped to it) makes the page an ordinary http one, as a phone on the Wi-Fi would see it.
  const phone = await openBrowser({ args: ["--host-resolver-rules=MAP lotse.test 127.0.0.1"] });
  try {
    const page = phone.page;
    await page.goto(server.url.replace("127.0.0.1", "lotse.test"));
    await nav(page).getByRole("link", { name: "Einstellungen" }).click();
    const panel = page.getByRole("region", { name: de.lock_settings_title });
    await panel.getByLabel(de.lock_new_passphrase, { exact: true }).fill(PASSPHRASE);
    await panel.getByLabel(de.lock_repeat, { exact: true }).fill(PASSPHRASE);
    await panel.getByRole("button", { name: de.lock_turn_on }).click();
    await panel.getByText(de.lock_not_secure).waitFor();
    await page.reload();
    await nav(page).getByRole("link", { name: "Einstellungen" }).waitFor();
    assert.equal(await page.getByRole("heading", { level: 1, name: de.lock_title }).count(), 0, "not locked");
  } finally {
    await phone.close();
  }
});
