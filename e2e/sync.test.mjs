// Two phones of one organisation syncing through the relay, end to end: real Chromium
// profiles, the release build served by the relay itself, really going offline. The relay's
// SQLite file must not contain anything the volunteers typed. The scenarios that do not need
// the relay's own features (invitation codes, device list) run against a plain CouchDB as
// well: pouchdb-server, with its data on disk.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { openBrowser } from "./browser.mjs";
import { createRequire } from "node:module";
import { startPouchServer, startRelay } from "./servers.mjs";
import { startFaultProxy } from "./fault-proxy.mjs";
import { addMember, expectSettledNumber, nav, openMember, seesHelper, setPhone, shiftClock, syncNow } from "./phone.mjs";
import { changeIdsOnPhone, fillOrganisation, invite, startTwoPhones } from "./organisation.mjs";

const JSQR = createRequire(import.meta.url).resolve("jsqr/dist/jsQR.js");

let relay;
let url;
let firstToken;
let dataDir;
let couch;

before(async () => {
  relay = await startRelay();
  ({ url, dataDir } = relay);
  firstToken = relay.createOrg("bruecke");
  couch = await startPouchServer();
});

after(async () => {
  await relay?.close();
  await couch?.close();
});

/** Where the phones of a test sync. */
const SERVERS = ["relay", "CouchDB"];

const syncLine = (page) => page.getByRole("banner").locator("xpath=following-sibling::p[contains(@class,'sync-line')]");

/** Both phones really offline while `body` runs, then online again. */
async function whileBothOffline(browsers, body) {
  for (const browser of browsers) await browser.context.setOffline(true);
  await body();
  for (const browser of browsers) await browser.context.setOffline(false);
}

/** The first phone sends, the second sends and receives, the first receives. */
async function exchange(a, b) {
  await syncNow(a);
  await syncNow(b);
  await syncNow(a);
}

/** What a camera reads from the QR code: its SVG drawn on a white page and decoded by jsQR. */
async function decodeQr(page, locator) {
  // Evaluated over CDP, like a console: the app's Content-Security-Policy rightly refuses
  // an injected <script>.
  await page.evaluate(await readFile(JSQR, "utf8"));
  return locator.evaluate(async (svg) => {
    const markup = new XMLSerializer().serializeToString(svg);
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
    await image.decode();
    const side = 400;
    const canvas = new OffscreenCanvas(side + 40, side + 40);
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 20, 20, side, side);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
    return window.jsQR(pixels.data, canvas.width, canvas.height)?.data ?? null;
  });
}

/** Both phones (which see "Farid Ahmadi" already) go offline for real and add someone, the
 * status saying what waits; back online they send and receive and end with the same three
 * helpers, with no console error but the offline ones. */
async function addWhileOfflineThenConverge(first, second) {
  const [a, b] = [first.page, second.page];
  await whileBothOffline([first, second], async () => {
    await addMember(a, "Olga Petrenko");
    await addMember(b, "Şirin Yıldız");
    await syncLine(b).getByText("Keine Verbindung – 1 Änderung wird später gesendet.").waitFor();
  });
  await exchange(a, b);
  for (const page of [a, b]) {
    for (const name of ["Farid Ahmadi", "Olga Petrenko", "Şirin Yıldız"]) await seesHelper(page, name);
  }
  for (const phone of [first, second]) {
    assert.deepEqual(phone.consoleErrors.filter((e) => !e.includes("net::ERR_INTERNET_DISCONNECTED")), []);
  }
}

test("two phones: start, invite, join, edit offline on both, reconnect, both see everything", async () => {
  const first = await openBrowser();
  const second = await openBrowser();
  try {
    // The coordinator's phone starts the organisation on the relay.
    const a = first.page;
    await a.goto(`${url}/settings`);
    await a.getByRole("textbox", { name: "Adresse der Vereins-Datenbank" }).fill(`${url}/db/bruecke`);
    await a.getByRole("textbox", { name: "Geräte-Schlüssel vom Server" }).fill(firstToken);
    await a.getByRole("button", { name: "Verbinden" }).click();
    await a.getByRole("button", { name: "Jetzt synchronisieren" }).waitFor();
    await addMember(a, "Farid Ahmadi");
    await syncNow(a);

    // It invites the second phone: a short code to read out or type, the relay's address,
    // and a QR code with both.
    await a.getByRole("button", { name: "Gerät einladen" }).click();
    const code = await a.getByRole("textbox", { name: "Einladungs-Code" }).inputValue();
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}-[0-9A-HJKMNP-TV-Z]{2}$/, "26 characters in groups");
    assert.equal(await a.getByRole("textbox", { name: "Server-Adresse" }).inputValue(), url);
    // The QR code holds a link that opens Lotse with code and address filled in; the new
    // phone's camera app opens it like this.
    const qr = a.getByRole("img", { name: /^QR-Code der Einladung/ });
    const link = `${url}/settings#join=${code}&server=${encodeURIComponent(url)}`;
    assert.equal(await decodeQr(a, qr), link);
    const b = second.page;
    await b.goto(link);
    assert.equal(await b.getByRole("textbox", { name: "Einladungs-Code" }).inputValue(), code);
    assert.equal(await b.getByRole("textbox", { name: "Server-Adresse" }).inputValue(), url);
    await b.getByRole("button", { name: "Beitreten" }).click();
    await b.getByRole("button", { name: "Jetzt synchronisieren" }).waitFor();
    await seesHelper(b, "Farid Ahmadi");

    // A mistyped code is refused next to the field; the right one typed by hand (lower case,
    // spaces, O for 0) is understood, but it cannot be used twice.
    const third = await openBrowser();
    try {
      const c = third.page;
      await c.goto(`${url}/settings`);
      const field = c.getByRole("textbox", { name: "Einladungs-Code" });
      await field.fill(code.slice(0, -1));
      await c.getByRole("button", { name: "Beitreten" }).click();
      await c.getByText("Das ist kein gültiger Einladungs-Code.").waitFor();
      assert.equal(await field.getAttribute("aria-invalid"), "true");
      await field.fill(code.toLowerCase().replaceAll("-", " ").replaceAll("0", "O"));
      await c.getByRole("button", { name: "Beitreten" }).click();
      await c.getByText("Server lehnt ab: Einladung schon benutzt.").waitFor();
    } finally {
      await third.close();
    }

    await addWhileOfflineThenConverge(first, second);
  } finally {
    await first.close();
    await second.close();
  }

  // Whoever runs the relay reads nothing of it.
  const stored = await readFile(path.join(dataDir, "relay.sqlite"));
  const wal = await readFile(path.join(dataDir, "relay.sqlite-wal")).catch(() => Buffer.alloc(0));
  for (const secret of ["Farid", "Ahmadi", "Olga", "Petrenko", "Şirin", "Yıldız", "+491711234567"]) {
    assert.equal(stored.includes(secret), false, `${secret} in the relay's file`);
    assert.equal(wal.includes(secret), false, `${secret} in the relay's WAL`);
  }
});

/** Two phones of organisation `db` (see `startTwoPhones`), on this file's servers. */
const twoPhonesOf = (db, options) => startTwoPhones({ relay, couch, url }, db, options);

test("two phones on a plain CouchDB: start without a login, join by the long code, edit offline on both, reconnect, both see everything", async () => {
  // A relay always gives a key: without one the form says so next to the field.
  const probe = await openBrowser();
  try {
    await probe.page.goto(`${url}/settings`);
    await probe.page.getByRole("textbox", { name: "Adresse der Vereins-Datenbank" }).fill(`${url}/db/bruecke`);
    await probe.page.getByRole("button", { name: "Verbinden" }).click();
    await probe.page.getByText("Bitte den Geräte-Schlüssel eingeben.").waitFor();
  } finally {
    await probe.close();
  }
  const { first, second } = await twoPhonesOf("verein", { server: "CouchDB" });
  const [a, b] = [first.page, second.page];
  try {
    await addMember(a, "Farid Ahmadi");
    await exchange(a, b);
    await seesHelper(b, "Farid Ahmadi");
    await addWhileOfflineThenConverge(first, second);
  } finally {
    await first.close();
    await second.close();
  }
  // Whoever runs the CouchDB reads nothing of it either: not through its API, not in its files.
  const everything = JSON.stringify(await (await fetch(`${couch.url}/verein/_all_docs?include_docs=true`)).json());
  const files = await couch.files();
  for (const secret of ["Farid", "Ahmadi", "Olga", "Petrenko", "Şirin", "Yıldız"]) {
    assert.equal(everything.includes(secret), false, `${secret} readable in CouchDB`);
    assert.equal(files.includes(Buffer.from(secret)), false, `${secret} in pouchdb-server's files`);
  }
});

for (const server of SERVERS) test(`the same field edited on two phones is shown as a conflict, and the choice syncs (${server})`, async () => {
  const { first, second } = await twoPhonesOf("konflikt", { server });
  const [a, b] = [first.page, second.page];
  try {
    await addMember(a, "Farid Ahmadi");
    await syncNow(a);
    await syncNow(b);
    await seesHelper(b, "Farid Ahmadi");

    await whileBothOffline([first, second], async () => {
      await setPhone(a, "Farid Ahmadi", "0171 1111111");
      await setPhone(b, "Farid Ahmadi", "0171 2222222");
    });
    await exchange(a, b);

    // Both values are there, with who made them; the list marks the member.
    await seesHelper(a, "Farid Ahmadi");
    await a.getByRole("main").getByText("gleichzeitig geändert", { exact: true }).waitFor();
    await a.getByRole("main").getByRole("link", { name: "Farid Ahmadi", exact: true }).click();
    const conflict = a.getByRole("region", { name: "Auf zwei Geräten gleichzeitig geändert" });
    await conflict.getByText("+491711111111", { exact: true }).waitFor();
    await conflict.getByText("+491712222222", { exact: true }).waitFor();
    await conflict.getByText(/^dieses Gerät · \d\d:\d\d$/).waitFor();
    await conflict.getByText(/^Gerät [0-9a-f]{8} · \d\d:\d\d$/).waitFor();

    // The coordinator takes the second phone's number; every device ends with it. The second
    // phone is offline meanwhile and shows the marked helper list; when the connection comes
    // back, sync runs by itself and the mark goes without leaving the list.
    await second.context.setOffline(true);
    await conflict.getByRole("button", { name: "Diesen nehmen – +491712222222 (Telefon)" }).click();
    await conflict.waitFor({ state: "detached" });
    await syncNow(a);
    await seesHelper(b, "Farid Ahmadi");
    const mark = b.getByRole("main").getByText("gleichzeitig geändert", { exact: true });
    await mark.waitFor();
    await second.context.setOffline(false);
    await mark.waitFor({ state: "detached" });
    await syncNow(b);
    for (const page of [a, b]) await expectSettledNumber(page, "Farid Ahmadi", "+491712222222");
  } finally {
    await first.close();
    await second.close();
  }
});

async function changesOnServer(server, db, token) {
  const info = server === "relay"
    ? await fetch(`${url}/db/${db}/`, { headers: { authorization: `Bearer ${token}` } })
    : await fetch(`${couch.url}/${db}/`);
  return (await info.json()).doc_count;
}

for (const server of SERVERS) test(`a sync cut mid-response resumes without loss or duplication (${server})`, async () => {
  const proxy = await startFaultProxy(server === "relay" ? url : couch.url);
  // Both phones reach the server through the proxy (on the relay, the app too: one origin,
  // as in production).
  const { first, second, token } = await twoPhonesOf("tunnel", { server, via: proxy.url });
  const [a, b] = [first.page, second.page];
  try {
    // A filled organisation is hundreds of changes: several push batches. The answer to the
    // first push is cut after the server stored it; the phone sends that batch again next
    // time. Armed before the data exists, so the cut hits the first push.
    const pushCut = proxy.cutNext("/_bulk_docs");
    // The phone syncs as it starts again after the filling.
    await fillOrganisation(a, { members: 60, offers: 110, requests: 25, cases: 12, notes: 40 });
    await pushCut;
    await a.getByRole("region", { name: "Synchronisation" }).getByText(/^Keine Verbindung – /).waitFor();
    await syncNow(a);
    const onA = (await changeIdsOnPhone(a)).sort();
    assert.equal(await changesOnServer(server, "tunnel", token), onA.length, "every change once on the server");

    // The second phone's first pull is cut half-way: nothing of that batch is applied and
    // its position stays; the next sync takes it from there.
    const pullCut = proxy.cutNext("/_changes");
    await b.getByRole("button", { name: "Jetzt synchronisieren" }).click();
    await pullCut;
    // Nothing of its own waits to be sent: it says the server cannot be reached.
    await b.getByRole("region", { name: "Synchronisation" }).getByText(/^Der Server ist gerade nicht erreichbar\./).waitFor();
    await syncNow(b);
    assert.deepEqual((await changeIdsOnPhone(b)).sort(), onA, "the second phone holds exactly the same changes, each once");
    await nav(b).getByRole("link", { name: "Helfende" }).click();
    await b.getByText("12 von 60 gezeigt – Suche eingrenzen").waitFor();
  } finally {
    await first.close();
    await second.close();
    await proxy.close();
  }
});

test("a first sync of a large organisation shows how far it has got", async () => {
  const { first, second } = await twoPhonesOf("gross");
  const [a, b] = [first.page, second.page];
  try {
    // The second phone's second page of changes is held back until the bar has been seen.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    let pagesWithChanges = 0;
    await b.route(/\/_changes\?/, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      if (body.results.length > 0 && ++pagesWithChanges === 2) await held;
      await route.fulfill({ response, json: body });
    });
    // Over a thousand changes: more than one page.
    await fillOrganisation(a, { members: 300, offers: 500, requests: 200, cases: 100, notes: 200 });
    await syncNow(a);
    const total = (await changeIdsOnPhone(a)).length;

    await b.getByRole("button", { name: "Jetzt synchronisieren" }).click();
    const bar = b.getByRole("progressbar", { name: "Synchronisiert …" });
    await bar.waitFor();
    assert.deepEqual(await bar.evaluate((p) => [p.value, p.max]), [1000, total]);
    await b
      .getByRole("region", { name: "Synchronisation" })
      .getByText(`1.000 von ${total.toLocaleString("de-DE")} Änderungen geladen`, { exact: true })
      .waitFor();
    release();
    await bar.waitFor({ state: "detached" });
    await b.getByRole("region", { name: "Synchronisation" }).getByText(/^Zuletzt synchronisiert um/).waitFor();
    assert.equal((await changeIdsOnPhone(b)).length, total);
  } finally {
    await first.close();
    await second.close();
  }
});

for (const server of SERVERS) test(`a phone whose clock is two hours ahead does not outvote a later edit (${server})`, async () => {
  const { first, second } = await twoPhonesOf("uhrzeit", { server });
  const [a, b] = [first.page, second.page];
  try {
    // The second phone's clock runs two hours ahead from now on.
    await shiftClock(second, 2 * 60 * 60 * 1000);
    await addMember(b, "Farid Ahmadi");
    await syncNow(b);
    await syncNow(a);
    // The first phone changes the number after seeing the member: its edit is the later one,
    // whatever the clocks say, and wins everywhere without a conflict.
    await setPhone(a, "Farid Ahmadi", "0171 3333333");
    await syncNow(a);
    await syncNow(b);
    for (const page of [a, b]) await expectSettledNumber(page, "Farid Ahmadi", "+491713333333");
  } finally {
    await first.close();
    await second.close();
  }
});

test("deleted on one phone while changed on the other: shown, not dropped, and kept on request", async () => {
  const { first, second } = await twoPhonesOf("loeschen");
  const [a, b] = [first.page, second.page];
  try {
    await addMember(a, "Farid Ahmadi");
    // He offers childcare; deleting him deletes the offer with him.
    await a.getByRole("link", { name: "Angebot hinzufügen" }).click();
    await a.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Kinderbetreuung" });
    await a.getByRole("button", { name: "Speichern" }).click();
    await a.getByRole("region", { name: "Hilfsangebote" }).getByText("Kinderbetreuung", { exact: true }).waitFor();
    await syncNow(a);
    await syncNow(b);

    await whileBothOffline([first, second], async () => {
      await openMember(a, "Farid Ahmadi");
      await a.getByRole("button", { name: "Mitglied löschen" }).click();
      await a.getByRole("button", { name: "Ja, löschen" }).click();
      await setPhone(b, "Farid Ahmadi", "0171 4444444");
    });
    await exchange(a, b);

    // The phone that deleted him sees him again, with the question.
    await openMember(a, "Farid Ahmadi");
    const conflict = a.getByRole("region", { name: "Auf zwei Geräten gleichzeitig geändert" });
    await conflict.getByRole("heading", { name: "Gelöscht oder behalten?" }).waitFor();
    await conflict.getByRole("button", { name: "Behalten – zugleich geändert (Gelöscht oder behalten?)" }).click();
    await conflict.waitFor({ state: "detached" });
    await syncNow(a);
    await syncNow(b);
    for (const page of [a, b]) {
      await expectSettledNumber(page, "Farid Ahmadi", "+491714444444");
      // Kept with what was deleted with him.
      await openMember(page, "Farid Ahmadi");
      await page.getByRole("region", { name: "Hilfsangebote" }).getByText("Kinderbetreuung", { exact: true }).waitFor();
    }
  } finally {
    await first.close();
    await second.close();
  }
});

test("removing a phone locks it out and the others move on to a new key", async () => {
  const { first, second, token } = await twoPhonesOf("entfernen");
  const third = await openBrowser();
  const [a, b, c] = [first.page, second.page, third.page];
  try {
    // A third phone joins too, with a new code (the second phone used the first).
    const code = await invite(a);
    await c.goto(`${url}/settings#join=${code}`);
    await c.getByRole("button", { name: "Beitreten" }).click();
    await c.getByRole("button", { name: "Jetzt synchronisieren" }).waitFor();
    const thirdId = (await c.locator("code").first().textContent()).trim();

    // The new phone records the relay's id for itself (a device record without a name) once
    // it sees itself listed; arriving here, that record must not make it "Entfernen – "
    // (`DeviceName::given_name`, tested natively).
    // The first phone removes it, after saying what that means. The list shows the new
    // phone after the next sync, without a reload.
    await syncNow(a);
    const devices = a.getByRole("region", { name: "Synchronisation" });
    await devices.getByText("dieses Gerät", { exact: true }).waitFor();
    const remove = devices.getByRole("button", { name: `Entfernen – Gerät ${thirdId.slice(0, 8)}` });
    // In full runs the relay now and then told the busy phones to wait, and the list showed
    // nothing new (a refused list had read as an empty one; now the last list stays): a
    // person would sync once more, and so does the test.
    // (Still seen, rarely, in loaded full runs after one more sync: up to four, and if it
    // never comes the failure says what the list showed.)
    const shown = () => remove.waitFor({ timeout: 10_000 }).then(() => true, () => false);
    for (let attempt = 0; attempt < 4 && !(await shown()); attempt += 1) await syncNow(a);
    if (!(await remove.isVisible())) assert.fail(`the third phone ${thirdId} never showed up: ${await devices.innerText()}`);
    await remove.click();
    await devices.getByText(`Gerät ${thirdId.slice(0, 8)} wirklich entfernen?`, { exact: false }).waitFor();
    await devices.getByRole("button", { name: "Ja, entfernen" }).click();
    await devices.getByText("Gerät entfernt. Ab jetzt gilt ein neuer Schlüssel.").waitFor();
    // There is no button to remove this phone itself.
    assert.equal(await devices.getByRole("button", { name: /^Entfernen – dieses Gerät/ }).count(), 0);
    await addMember(a, "Olga Petrenko");
    await syncNow(a);

    // The removed phone is told, and – having nothing unsent – deletes the organisation's
    // data at once and starts afresh.
    await nav(c).getByRole("link", { name: "Einstellungen" }).click();
    await c.getByRole("button", { name: "Jetzt synchronisieren" }).click();
    await c.getByRole("region", { name: "Synchronisation" }).getByText("Dieses Gerät wurde aus der Organisation entfernt, und die Daten der Organisation sind von ihm gelöscht.", { exact: false }).waitFor();
    await c.getByRole("button", { name: "Beitreten" }).waitFor();

    // The phone that stays writes something before it has heard of the removal: its next
    // run takes the new key from the feed first, so not even this is sealed with the old one.
    await addMember(b, "Şirin Yıldız");
    await syncNow(b);
    await seesHelper(b, "Olga Petrenko");
    await syncNow(a);
    await seesHelper(a, "Şirin Yıldız");
    const headers = { authorization: `Bearer ${token}` };
    const feed = await (await fetch(`${url}/db/entfernen/_changes?include_docs=true`, { headers })).json();
    const docs = feed.results.map((r) => r.doc);
    // The new key is in the feed once for each phone that stays (sealed to its own public
    // key, not with the old data key the removed phone knows), none for the removed one.
    const { devices: staying } = await (await fetch(`${url}/db/entfernen/_lotse/devices`, { headers })).json();
    assert.ok(staying.every((d) => /^[0-9a-f]{64}$/.test(d.public_key)), "every device registered its public key");
    const keyDocs = docs.filter((d) => d.type === "key");
    assert.deepEqual(keyDocs.map((d) => [d.for, d.epoch]).sort(), staying.map((d) => [d.id, 2]).sort());
    const after = docs.slice(docs.indexOf(keyDocs.at(-1)) + 1);
    assert.ok(after.length > 0 && after.every((d) => d.epoch === 2), "everything after it uses the new key");
  } finally {
    await first.close();
    await second.close();
    await third.close();
  }
});
