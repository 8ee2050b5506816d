// A person asks to be erased (GDPR Art. 17). A coordinator erases her on phone A while phone B
// is offline – and B even edits her meanwhile. A's database, the relay's SQLite file (and its
// WAL) no longer hold her; B, back online, removes her too and does not bring her back; a
// third phone joining afterwards never sees her.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startPouchServer, startRelay } from "./servers.mjs";
import { addMember, nav, openMember, setPhone, syncNow } from "./phone.mjs";
import { changeIdsOnPhone, everythingOnPhone, invite, joinWithCode, startTwoPhones } from "./organisation.mjs";
import { fill, texts } from "./texts.mjs";

const de = texts("de");
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

/** The relay's file and its write-ahead log, as bytes. */
async function relayFiles() {
  const file = await readFile(relay.data);
  const wal = await readFile(`${relay.data}-wal`).catch(() => Buffer.alloc(0));
  return Buffer.concat([file, wal]);
}

/** The helper list finds nobody for `name`. */
async function findsNobody(page, name) {
  await nav(page).getByRole("link", { name: "Helfende" }).click();
  await page.getByRole("searchbox").fill(name);
  await page.getByText(de.loosen_intro).waitFor();
  assert.equal(await page.getByRole("main").getByRole("link", { name, exact: true }).count(), 0);
}

test("a person erased on one phone is gone from it, from the relay, from a phone that was offline, and from a phone that joins later", async () => {
  const { first, second, token } = await startTwoPhones({ relay, url: relay.url }, "erasure");
  let third;
  try {
    const [a, b] = [first.page, second.page];
    await addMember(a, "Farid Ahmadi", "0171 7654321");
    await addMember(a, "Aylin Kaya", "0171 5550101");
    // Her case, under her name, with a note.
    await nav(a).getByRole("link", { name: "Fälle" }).click();
    await a.getByRole("textbox", { name: "Person oder Familie" }).fill("Aylin Kaya");
    await a.getByRole("button", { name: "Fall anlegen" }).click();
    await a.getByRole("heading", { level: 1, name: "Aylin Kaya" }).waitFor();
    await a.getByRole("textbox", { name: "Geschrieben von" }).fill("Olga");
    await a.getByRole("textbox", { name: "Was ist passiert?" }).fill("Termin beim Jobcenter am Montag");
    await a.getByRole("button", { name: "Notiz speichern" }).click();
    // No consent to case notes recorded for her: asked first.
    await a.getByRole("button", { name: "Trotzdem speichern" }).click();
    await a.getByText("Termin beim Jobcenter am Montag").waitFor();
    await syncNow(a);
    await syncNow(b);
    await openMember(b, "Aylin Kaya");

    // The sealed documents the relay holds now, by id.
    const before = new Set(await changeIdsOnPhone(a));
    const sealed = new Map();
    for (const id of before) {
      const answer = await fetch(`${relay.url}/db/erasure/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${token}` } });
      if (answer.ok) sealed.set(id, (await answer.json()).sealed);
    }
    assert.ok(sealed.size >= 4, "the member, the case, the note and Farid are on the relay");

    // B goes offline and changes her number there.
    await second.context.setOffline(true);
    await setPhone(b, "Aylin Kaya", "0171 5550202");

    // A erases her: from her page, after typing her name.
    await openMember(a, "Aylin Kaya");
    await a.getByRole("link", { name: de.erase_open }).click();
    const section = a.getByRole("region", { name: de.erase_title });
    await section.getByText(fill(de.erase_goes, { count: "3" })).waitFor();
    const confirmField = section.getByRole("textbox", { name: fill(de.erase_confirm_label, { name: "Aylin Kaya" }) });
    await confirmField.fill("Aylin");
    await section.getByRole("button", { name: de.erase_button }).click();
    await section.getByText(de.erase_confirm_wrong).waitFor();
    assert.equal(await confirmField.getAttribute("aria-invalid"), "true");
    await confirmField.fill("aylin kaya");
    await section.getByRole("button", { name: de.erase_button }).click();
    await a.getByText(fill(de.erase_done, { name: "Aylin Kaya" })).waitFor();
    await findsNobody(a, "Aylin Kaya");
    await nav(a).getByRole("link", { name: "Fälle" }).click();
    assert.equal(await a.getByRole("main").getByRole("link", { name: /Aylin Kaya/ }).count(), 0);

    // Gone from A: not in any store, and her changes with her.
    const after = new Set(await changeIdsOnPhone(a));
    const gone = [...before].filter((id) => !after.has(id));
    assert.ok(gone.length >= 3, "the member's, the case's and the note's changes went");
    const onA = await everythingOnPhone(a);
    for (const secret of ["Aylin", "5550101", "Jobcenter am Montag"]) assert.equal(onA.includes(secret), false, `${secret} on A`);
    assert.ok(onA.includes("Farid Ahmadi"), "the others stay");

    // A syncs: the erasure goes out, and the relay forgets her documents – file and WAL.
    await syncNow(a);
    const files = await relayFiles();
    const kept = [...before].find((id) => after.has(id) && sealed.has(id));
    assert.ok(files.includes(sealed.get(kept)), "the test sees a document the relay keeps");
    for (const id of gone) {
      if (sealed.has(id)) assert.equal(files.includes(sealed.get(id)), false, `the relay still holds ${id}`);
    }

    // B comes back: its own edit of her goes with her, nothing of her comes back.
    await second.context.setOffline(false);
    await syncNow(b);
    await findsNobody(b, "Aylin Kaya");
    const onB = await everythingOnPhone(b);
    for (const secret of ["Aylin", "5550101", "5550202", "Jobcenter am Montag"]) {
      assert.equal(onB.includes(secret), false, `${secret} on B`);
    }
    await syncNow(a);
    await findsNobody(a, "Aylin Kaya");

    // A third phone joins afterwards: it gets the erasure (ids only), never her.
    third = await joinWithCode(relay.url, await invite(a));
    const c = third.page;
    await syncNow(c);
    await openMember(c, "Farid Ahmadi");
    await findsNobody(c, "Aylin Kaya");
    const onC = await everythingOnPhone(c);
    assert.equal(onC.includes("Aylin"), false, "on the third phone");
    assert.ok(onC.includes('"kind":"erasure"'), "the third phone keeps the erasure");
    const relayNow = await relayFiles();
    for (const secret of ["Aylin", "5550202"]) assert.equal(relayNow.includes(secret), false);
    for (const phone of [first, third]) assert.deepEqual(phone.consoleErrors, []);
  } finally {
    await first.close();
    await second.close();
    await third?.close();
  }
});

test("on a CouchDB that refuses to purge, the erasure still reaches the other phone and the phone says what the server kept", async () => {
  const { first, second } = await startTwoPhones({ relay, couch, url: relay.url }, "erasure-couch", { server: "CouchDB" });
  try {
    const [a, b] = [first.page, second.page];
    await addMember(a, "Farid Ahmadi", "0171 7654321");
    await addMember(a, "Aylin Kaya", "0171 5550101");
    await syncNow(a);
    await syncNow(b);
    await openMember(b, "Aylin Kaya");
    await openMember(a, "Aylin Kaya");
    await a.getByRole("link", { name: de.erase_open }).click();
    const section = a.getByRole("region", { name: de.erase_title });
    await section.getByRole("textbox", { name: fill(de.erase_confirm_label, { name: "Aylin Kaya" }) }).fill("Aylin Kaya");
    await section.getByRole("button", { name: de.erase_button }).click();
    await a.getByText(fill(de.erase_done, { name: "Aylin Kaya" })).waitFor();
    // pouchdb-server answers `_purge` with 400: the sync goes through and says so.
    await syncNow(a);
    await a.getByText(fill(de.purge_waiting, { count: "1" })).waitFor();
    await syncNow(b);
    await findsNobody(b, "Aylin Kaya");
    assert.equal((await everythingOnPhone(b)).includes("Aylin"), false);
  } finally {
    await first.close();
    await second.close();
  }
});
