// Sync as volunteers meet it in the field, against the relay binary serving the release
// build: a Wi-Fi login page answering in the server's place, a document no phone can open,
// a phone invited after another was removed, and a removed phone that still holds changes of
// its own.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { openBrowser } from "./browser.mjs";
import { startRelay } from "./servers.mjs";
import { startFaultProxy } from "./fault-proxy.mjs";
import { addMember, fromPhoneStorage, nav, seesHelper, shiftClock, syncNow } from "./phone.mjs";
import { changeIdsOnPhone, invite, startTwoPhones } from "./organisation.mjs";

let relay;
let url;

before(async () => {
  relay = await startRelay();
  ({ url } = relay);
});

after(async () => {
  await relay?.close();
});

const syncRegion = (page) => page.getByRole("region", { name: "Synchronisation" });

const NOT_THE_SERVER = "Die Verbindung antwortet nicht wie der Sync-Server (vielleicht eine WLAN-Anmeldeseite).";

/** How many documents the relay holds for `db`. */
async function docsOnRelay(db, token) {
  const info = await fetch(`${url}/db/${db}/`, { headers: { authorization: `Bearer ${token}` } });
  return (await info.json()).doc_count;
}

/** Removes the device whose settings page shows `id`, confirming when asked. */
async function removeDevice(page, id) {
  await syncNow(page);
  const region = syncRegion(page);
  await region.getByRole("button", { name: `Entfernen – Gerät ${id.slice(0, 8)}` }).click();
  await region.getByRole("button", { name: "Ja, entfernen" }).click();
}

const deviceIdOf = async (page) => {
  await nav(page).getByRole("link", { name: "Einstellungen" }).click();
  return (await page.locator("code").first().textContent()).trim();
};

test("a Wi-Fi login page answering a push loses nothing: the change waits and arrives once", async () => {
  const proxy = await startFaultProxy(url);
  const { first, second, token } = await startTwoPhones({ relay, url }, "portal", { via: proxy.url });
  const [a, b] = [first.page, second.page];
  try {
    // The login page answers the next push with 200 and HTML, as hotel and library Wi-Fi do.
    const portal = proxy.answerNext("/_bulk_docs");
    await addMember(a, "Farid Ahmadi");
    await portal;
    await a.getByText(`${NOT_THE_SERVER} Nichts geht verloren: 1 Änderung wird später gesendet.`).first().waitFor();
    // Still waiting after a reload; the next sync through a working connection sends it.
    await a.reload();
    await nav(a).getByRole("link", { name: "Einstellungen" }).click();
    await syncNow(a);
    assert.equal(await docsOnRelay("portal", token), (await changeIdsOnPhone(a)).length, "every change on the relay, once");
    await syncRegion(a).getByText(/^Zuletzt synchronisiert um \d\d:\d\d\.$/).waitFor();
    await syncNow(b);
    await seesHelper(b, "Farid Ahmadi");
    for (const phone of [first, second]) {
      assert.deepEqual(phone.consoleErrors.filter((e) => !e.includes("Failed to load resource")), []);
    }
  } finally {
    await first.close();
    await second.close();
    await proxy.close();
  }
});

test("a document no phone can open is set aside and shown, and the rest still arrives, on a phone joining later too", async () => {
  const first = await openBrowser();
  const later = await openBrowser();
  const [a, b] = [first.page, later.page];
  const token = relay.createOrg("kaputt");
  try {
    await a.goto(`${url}/settings`);
    await a.getByRole("textbox", { name: "Adresse der Vereins-Datenbank" }).fill(`${url}/db/kaputt`);
    await a.getByRole("textbox", { name: "Geräte-Schlüssel vom Server" }).fill(token);
    await a.getByRole("button", { name: "Verbinden" }).click();
    await addMember(a, "Farid Ahmadi");
    await syncNow(a);
    // Two documents of the right shape that no phone can open: garbage sealed text, and a key
    // epoch no phone ever had.
    const junk = (id, epoch) => ({ _id: id, stamp: "1764000000000-000000-x", device: "x", epoch, sealed: "AAAAAAAA" });
    const pushed = await fetch(`${url}/db/kaputt/_bulk_docs`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ docs: [junk("kaputt-1", 1), junk("kaputt-2", 7)] }),
    });
    assert.equal(pushed.status, 201);
    await addMember(a, "Olga Petrenko");
    await syncNow(a);
    await syncRegion(a).getByText("Vom Server beiseitegelegt, weil nicht zu öffnen (2): kaputt-1, kaputt-2.", { exact: false }).waitFor();

    // A phone that joins now gets everything else.
    const code = await invite(a);
    await b.goto(`${url}/settings#join=${code}`);
    await b.getByRole("button", { name: "Beitreten" }).click();
    await syncRegion(b).getByText(/^Zuletzt synchronisiert um/).waitFor();
    await syncRegion(b).getByText("Vom Server beiseitegelegt, weil nicht zu öffnen (2): kaputt-1, kaputt-2.", { exact: false }).waitFor();
    for (const name of ["Farid Ahmadi", "Olga Petrenko"]) await seesHelper(b, name);
  } finally {
    await first.close();
    await later.close();
  }
});

test("a phone invited after a removal gets every key and every record; the removed phone's invitations die; a fake answer removes nothing", async () => {
  const proxy = await startFaultProxy(url);
  const { first, second } = await startTwoPhones({ relay, url }, "nachfolger", { via: proxy.url });
  const third = await openBrowser();
  const [a, b, c] = [first.page, second.page, third.page];
  try {
    await addMember(a, "Farid Ahmadi");
    await syncNow(a);
    // The phone that will be removed has handed out an invitation.
    const fromRemoved = await invite(b);
    const removedId = await deviceIdOf(b);

    // A login page answers the removal: nothing is removed, nothing is rotated, and the
    // phone says so; the next sync finishes the removal through the real relay.
    const portal = proxy.answerNext("/_lotse/devices/", { method: "DELETE" });
    await removeDevice(a, removedId);
    await portal;
    await syncRegion(a).getByText(`Entfernen noch nicht abgeschlossen: ${NOT_THE_SERVER}`, { exact: false }).waitFor();
    await syncNow(a);
    await syncRegion(a).getByRole("button", { name: `Entfernen – Gerät ${removedId.slice(0, 8)}` }).waitFor({ state: "detached" });
    await addMember(a, "Olga Petrenko");
    await syncNow(a);

    // The removed phone's invitation lets no one in; one withdrawn lets no one in either.
    await c.goto(`${proxy.url}/settings#join=${fromRemoved}`);
    await c.getByRole("button", { name: "Beitreten" }).click();
    await c.getByText("Server lehnt ab: Einladung ungültig.").waitFor();
    const withdrawn = await invite(a);
    await syncRegion(a).getByRole("heading", { name: "Offene Einladungen" }).waitFor();
    await syncRegion(a).getByRole("button", { name: /^Zurückziehen – Gültig bis / }).click();
    await syncRegion(a).getByText("Einladung zurückgezogen.").waitFor();
    await c.getByRole("textbox", { name: "Einladungs-Code" }).fill(withdrawn);
    await c.getByRole("button", { name: "Beitreten" }).click();
    await c.getByText("Server lehnt ab: Einladung ungültig.").waitFor();

    // A new invitation brings every key: the new phone reads what was sealed before the
    // removal and after it.
    const code = await invite(a);
    await c.getByRole("textbox", { name: "Einladungs-Code" }).fill(code);
    await c.getByRole("button", { name: "Beitreten" }).click();
    await syncRegion(c).getByText(/^Zuletzt synchronisiert um/).waitFor();
    for (const name of ["Farid Ahmadi", "Olga Petrenko"]) await seesHelper(c, name);
  } finally {
    await first.close();
    await second.close();
    await third.close();
    await proxy.close();
  }
});

test("a removed phone drops its keys at once, offers what it never sent as a file, then deletes the organisation's data", async () => {
  const { first, second } = await startTwoPhones({ relay, url }, "entfernt");
  const [a, b] = [first.page, second.page];
  try {
    await addMember(a, "Farid Ahmadi");
    await syncNow(a);
    await syncNow(b);
    await seesHelper(b, "Farid Ahmadi");
    const removedId = await deviceIdOf(b);
    // Offline, the phone gets a change of its own that never reaches the relay.
    await second.context.setOffline(true);
    await addMember(b, "Olga Petrenko");
    await removeDevice(a, removedId);
    await syncRegion(a).getByText("Gerät entfernt. Ab jetzt gilt ein neuer Schlüssel.").waitFor();

    await second.context.setOffline(false);
    await nav(b).getByRole("link", { name: "Einstellungen" }).click();
    await syncRegion(b).getByText("Dieses Gerät wurde aus der Organisation entfernt. Seine Schlüssel sind gelöscht.").waitFor();
    await syncRegion(b).getByText("1 Änderung dieses Geräts kam nie beim Server an.", { exact: false }).waitFor();
    // The keys are gone from the device at once.
    const settings = JSON.parse(await fromPhoneStorage(b, "meta", "get", "sync.config"));
    assert.deepEqual([settings.keys ?? [], settings.token ?? "", settings.device_secret ?? null], [[], "", null]);

    const [download] = await Promise.all([
      b.waitForEvent("download"),
      syncRegion(b).getByRole("link", { name: "Nicht gesendete Änderungen speichern" }).click(),
    ]);
    const saved = JSON.parse(await readFile(await download.path(), "utf8"));
    assert.ok(JSON.stringify(saved.changes).includes("Olga Petrenko"), "the unsent member is in the file");

    await syncRegion(b).getByRole("button", { name: "Daten der Organisation von diesem Gerät löschen" }).click();
    await b.getByText("Dieses Gerät wurde aus der Organisation entfernt, und die Daten der Organisation sind von ihm gelöscht.", { exact: false }).waitFor();
    assert.equal(await fromPhoneStorage(b, "records", "count"), 0);
    assert.equal(await fromPhoneStorage(b, "change_pages", "count"), 0);
    assert.equal(await fromPhoneStorage(b, "meta", "get", "sync.config"), undefined);
    // And it can join again, like any new phone.
    await b.getByRole("button", { name: "Beitreten" }).waitFor();
  } finally {
    await first.close();
    await second.close();
  }
});

test("a phone whose clock says 2126 does not drag the others' clocks there, and they say so", async () => {
  const { first, second } = await startTwoPhones({ relay, url }, "zukunft");
  const [a, b] = [first.page, second.page];
  try {
    // The second phone's clock runs a hundred years ahead from now on.
    await shiftClock(second, 100 * 365 * 24 * 60 * 60 * 1000);
    await addMember(b, "Farid Ahmadi");
    await syncNow(b);
    const wildId = await deviceIdOf(b);
    await syncNow(a);
    await seesHelper(a, "Farid Ahmadi");
    await nav(a).getByRole("link", { name: "Einstellungen" }).click();
    await syncRegion(a).getByText(`Die Uhr von Gerät ${wildId.slice(0, 8)} geht weit vor.`, { exact: false }).waitFor();
    // What the first phone writes next is stamped with its own time, not the wild one.
    await addMember(a, "Olga Petrenko");
    const stamp = await fromPhoneStorage(a, "meta", "get", "last_stamp");
    const millis = Number(stamp.split("-")[0]);
    assert.ok(millis < Date.now() + 24 * 60 * 60 * 1000, `stamp ${stamp} follows this phone's clock`);
  } finally {
    await first.close();
    await second.close();
  }
});

test("a mistyped key, another organisation's database and an unreachable server each say what happened and what to do", async () => {
  const token = relay.createOrg("richtig");
  relay.createOrg("andere");
  const phone = await openBrowser();
  const page = phone.page;
  try {
    await page.goto(`${url}/settings`);
    // Joining and starting an organisation are two headed choices, not one form after another.
    const join = page.getByRole("region", { name: "Einer Organisation beitreten" });
    const start = page.getByRole("region", { name: "Organisation auf einem Server beginnen" });
    await join.getByRole("button", { name: "Beitreten" }).waitFor();
    const connect = async (address, key) => {
      await start.getByRole("textbox", { name: "Adresse der Vereins-Datenbank" }).fill(address);
      await start.getByRole("textbox", { name: "Geräte-Schlüssel vom Server" }).fill(key);
      await start.getByRole("button", { name: "Verbinden" }).click();
    };
    // A key with a typo is not a removal: before, this said "Dieses Gerät wurde aus der
    // Organisation entfernt."
    await connect(`${url}/db/richtig`, `${token.slice(0, -1)}x`);
    await start.getByText(/^Der Server nimmt den Geräte-Schlüssel nicht an\. Prüfe, ob er vollständig/).waitFor();
    assert.equal(await page.getByText(/entfernt/).count(), 0);
    // The right key with the address of another organisation: before, the relay's English.
    await connect(`${url}/db/andere`, token);
    await start.getByText(/^Dieser Schlüssel gilt nicht für diese Vereins-Datenbank/).waitFor();
    assert.equal(await page.getByText(/organisation\./).count(), 0, "no English from the server");
    // Nothing listens there.
    await connect("http://127.0.0.1:9/db/richtig", token);
    await start.getByText(/^Der Server ist gerade nicht erreichbar\./).waitFor();

    await connect(`${url}/db/richtig`, token);
    await page.getByRole("button", { name: "Jetzt synchronisieren" }).waitFor();
    await syncNow(page);
    // Offline with nothing waiting: before, "Keine Verbindung – 0 Änderung(en) werden später gesendet."
    await phone.context.setOffline(true);
    await page.getByRole("button", { name: "Jetzt synchronisieren" }).click();
    await syncRegion(page)
      .getByText("Der Server ist gerade nicht erreichbar. Auf diesem Gerät ist alles gespeichert; synchronisiert wird, sobald er wieder erreichbar ist.")
      .waitFor();
    assert.equal(await page.getByText(/0 Änderung/).count(), 0);
  } finally {
    await phone.close();
  }
});

test("devices are listed by the names their people gave them, and the relay never learns those names", async () => {
  const token = relay.createOrg("namen");
  const first = await openBrowser();
  const second = await openBrowser();
  const [a, b] = [first.page, second.page];
  try {
    await a.goto(`${url}/settings`);
    await a.getByRole("textbox", { name: "Adresse der Vereins-Datenbank" }).fill(`${url}/db/namen`);
    await a.getByRole("textbox", { name: "Geräte-Schlüssel vom Server" }).fill(token);
    await a.getByRole("button", { name: "Verbinden" }).click();
    // Connected (before that, the join form has a field of the same name).
    await a.getByRole("button", { name: "Gerät einladen" }).waitFor();
    // The first device is named in the settings (the relay calls it "first device").
    await a.getByRole("textbox", { name: "Name dieses Geräts" }).fill("Büro-Laptop");
    await syncRegion(a).getByRole("button", { name: "Speichern" }).click();
    await syncRegion(a).getByText("Gespeichert.").waitFor();
    const code = await invite(a);
    // A new phone is named as it joins.
    await b.goto(`${url}/settings`);
    await b.getByRole("textbox", { name: "Einladungs-Code" }).fill(code);
    await b.getByRole("textbox", { name: "Name dieses Geräts" }).fill("Telefon von Amal");
    await b.getByRole("button", { name: "Beitreten" }).click();
    await b.getByRole("button", { name: "Jetzt synchronisieren" }).waitFor();
    await syncNow(b);
    await syncNow(a);
    await syncNow(b);
    // Before, both lists said "Gerät ed717835".
    await syncRegion(a).getByText("Telefon von Amal", { exact: true }).waitFor();
    await syncRegion(a).getByText("Büro-Laptop (dieses Gerät)").waitFor();
    await syncRegion(b).getByText("Büro-Laptop", { exact: true }).waitFor();
    await syncRegion(b).getByText("Telefon von Amal (dieses Gerät)").waitFor();
    // Removing asks first, by name.
    await syncRegion(a).getByRole("button", { name: "Entfernen – Telefon von Amal" }).click();
    await syncRegion(a).getByText(/^Telefon von Amal wirklich entfernen\?/).waitFor();
    await syncRegion(a).getByRole("button", { name: "Abbrechen" }).click();

    // What the relay keeps (its SQLite file and the write-ahead log beside it).
    const kept = Buffer.concat(await Promise.all([relay.data, `${relay.data}-wal`].map((f) => readFile(f).catch(() => Buffer.alloc(0)))));
    assert.ok(kept.length > 0);
    for (const name of ["Telefon von Amal", "Büro-Laptop"]) {
      assert.ok(!kept.includes(Buffer.from(name)), `the relay's database holds "${name}" readable`);
    }
  } finally {
    await first.close();
    await second.close();
  }
});

test("joining from a phone that already holds data asks what to do with it", async () => {
  const { first, second } = await startTwoPhones({ relay, url }, "eigene");
  const third = await openBrowser();
  const [a, c] = [first.page, third.page];
  try {
    await addMember(a, "Farid Ahmadi");
    await syncNow(a);
    // A phone where someone typed a member before being invited.
    await c.goto(url);
    await addMember(c, "Probe Person");
    const code = await invite(a);
    await c.goto(`${url}/settings`);
    await c.getByRole("textbox", { name: "Einladungs-Code" }).fill(code);
    await c.getByRole("button", { name: "Beitreten" }).click();
    // Before, it joined at once and sent its made-up members into the organisation.
    const question = c.getByRole("group", { name: /^Auf diesem Gerät ist schon 1 Eintrag gespeichert/ });
    await question.waitFor();
    await question.getByRole("button", { name: "Vor dem Beitreten von diesem Gerät löschen" }).click();
    await c.getByRole("button", { name: "Jetzt synchronisieren" }).waitFor();
    await syncNow(c);
    await seesHelper(c, "Farid Ahmadi");
    await c.getByRole("searchbox").fill("Probe Person");
    await c.getByText("0 gefunden", { exact: true }).waitFor();
    await syncNow(a);
    await nav(a).getByRole("link", { name: "Helfende" }).click();
    await a.getByRole("searchbox").fill("Probe Person");
    await a.getByText("0 gefunden", { exact: true }).waitFor();
  } finally {
    await first.close();
    await second.close();
    await third.close();
  }
});
