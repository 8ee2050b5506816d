// CouchDB compatibility: PouchDB's replicator copies an organisation's database from the
// relay into pouchdb-server (the CouchDB-compatible server the tests use) and back, and Lotse
// syncs from either copy with the same result. What pouchdb-server holds is sealed too.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import PouchDB from "pouchdb";
import { openBrowser } from "./browser.mjs";
import { startPouchServer, startRelay } from "./servers.mjs";
import { addMember, fromPhoneStorage, nav, syncNow } from "./phone.mjs";

let relay;
let couch;
before(async () => {
  relay = await startRelay();
  couch = await startPouchServer();
});
after(async () => {
  await relay?.close();
  await couch?.close();
});

/** The relay's database as PouchDB sees it, with the device key as Bearer token. */
function relayDb(name, token) {
  return new PouchDB(`${relay.url}/db/${name}`, {
    fetch: (url, options) => {
      options.headers.set("authorization", `Bearer ${token}`);
      return PouchDB.fetch(url, options);
    },
  });
}

async function helperNames(page) {
  await nav(page).getByRole("link", { name: "Helfende" }).click();
  const list = page.getByRole("list", { name: "Gefundene Helfende" });
  await list.getByRole("listitem").first().waitFor();
  return (await list.getByRole("link").allTextContents()).sort();
}

/** This phone's sync settings (the data key is in them). */
const syncConfigOf = async (page) => JSON.parse(await fromPhoneStorage(page, "meta", "get", "sync.config"));

test("PouchDB copies the relay into CouchDB and back; Lotse syncs from either copy alike", async () => {
  const token = relay.createOrg("kopie");
  const first = await openBrowser();
  const second = await openBrowser();
  try {
    // A phone starts the organisation on the relay and adds two members.
    const a = first.page;
    await a.goto(`${relay.url}/settings`);
    await a.getByRole("textbox", { name: "Adresse der Vereins-Datenbank" }).fill(`${relay.url}/db/kopie`);
    await a.getByRole("textbox", { name: "Geräte-Schlüssel vom Server" }).fill(token);
    await a.getByRole("button", { name: "Verbinden" }).click();
    await a.getByRole("button", { name: "Jetzt synchronisieren" }).waitFor();
    await addMember(a, "Farid Ahmadi");
    await addMember(a, "Olga Petrenko");
    await syncNow(a);

    // PouchDB replicates the relay's database into pouchdb-server.
    const copy = new PouchDB(`${couch.url}/kopie`);
    const there = await PouchDB.replicate(relayDb("kopie", token), copy);
    assert.equal(there.ok, true);
    const relayInfo = await relayDb("kopie", token).info();
    assert.equal((await copy.info()).doc_count, relayInfo.doc_count);
    assert.ok(relayInfo.doc_count >= 2);

    // A second phone syncs with the CouchDB copy only: an invitation for a plain CouchDB
    // carries its credentials (none: pouchdb-server runs without users here) and the key.
    const { keys } = await syncConfigOf(a);
    const invitation = { u: `${couch.url}/kopie`, s: "", k: keys[0][1], e: keys[0][0], t: "" };
    const code = Buffer.from(JSON.stringify(invitation)).toString("base64url");
    const b = second.page;
    await b.goto(`${relay.url}/settings`);
    await b.getByRole("textbox", { name: "Einladungs-Code" }).fill(code);
    await b.getByRole("button", { name: "Beitreten" }).click();
    await b.getByRole("button", { name: "Jetzt synchronisieren" }).waitFor();
    await syncNow(b);
    assert.deepEqual(await helperNames(b), await helperNames(a));

    // It adds a member there; PouchDB replicates back; the relay phone gets it.
    await addMember(b, "Şirin Yıldız");
    await syncNow(b);
    const back = await PouchDB.replicate(copy, relayDb("kopie", token));
    assert.equal(back.ok, true);
    await syncNow(a);
    const names = ["Farid Ahmadi", "Olga Petrenko", "Şirin Yıldız"];
    assert.deepEqual(await helperNames(a), names);
    assert.deepEqual(await helperNames(b), names);
    assert.equal((await relayDb("kopie", token).info()).doc_count, (await copy.info()).doc_count);

    // What CouchDB holds is as sealed as the relay's copy.
    const everything = JSON.stringify(await copy.allDocs({ include_docs: true }));
    for (const secret of ["Farid", "Ahmadi", "Olga", "Petrenko", "Şirin", "Yıldız"]) {
      assert.equal(everything.includes(secret), false, `${secret} readable in CouchDB`);
    }
    assert.deepEqual(first.consoleErrors, []);
    assert.deepEqual(second.consoleErrors, []);
  } finally {
    await first.close();
    await second.close();
  }
});
