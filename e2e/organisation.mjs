// An organisation as the sync tests set one up: its first phone starts it on a server, a
// second joins by invitation; and what a phone holds, read from its IndexedDB.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { HARNESS } from "./deploy.mjs";
import { openBrowser } from "./browser.mjs";
import { nav } from "./phone.mjs";

/** Starts organisation `db` on the first phone and joins the second by invitation: on the
 * relay `relay` serving at `url` (app and database at `via`, the relay's address unless a
 * proxy is in between), or on the pouchdb-server `couch` (the database at `via`, pouchdb-server's address unless a proxy is in
 * between; it runs without logins, so the key stays empty and the invitation is the long
 * code that carries the database's address and the data key). */
export async function startTwoPhones({ relay, couch, url }, db, { server = "relay", via } = {}) {
  const onRelay = server === "relay";
  // The organisation's database is made by whoever runs the server: `lotse-relay
  // create-org`, or a CouchDB admin creating an empty database.
  const token = onRelay ? relay.createOrg(db) : "";
  if (!onRelay) assert.equal((await fetch(`${couch.url}/${db}`, { method: "PUT" })).status, 201);
  const appBase = onRelay ? (via ?? url) : url;
  const database = onRelay ? `${appBase}/db/${db}` : `${via ?? couch.url}/${db}`;
  const first = await openBrowser();
  const second = await openBrowser();
  const a = first.page;
  await a.goto(`${appBase}/settings`);
  await a.getByRole("textbox", { name: "Adresse der Vereins-Datenbank" }).fill(database);
  await a.getByRole("textbox", { name: "Geräte-Schlüssel vom Server" }).fill(token);
  await a.getByRole("button", { name: "Verbinden" }).click();
  await a.getByRole("button", { name: "Gerät einladen" }).click();
  const code = await a.getByRole("textbox", { name: "Einladungs-Code" }).inputValue();
  const b = second.page;
  await b.goto(`${appBase}/settings`);
  await b.getByRole("textbox", { name: "Einladungs-Code" }).fill(code);
  await b.getByRole("button", { name: "Beitreten" }).click();
  await b.getByRole("button", { name: "Jetzt synchronisieren" }).waitFor();
  return { first, second, token };
}

/** The ids of every change a phone holds: its own (and any it stored one by one) in
 * `changes`, pulled ones packed in `change_pages`; a change held twice is listed twice. */
export const changeIdsOnPhone = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("lotse");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(["changes", "change_pages"]);
          const single = tx.objectStore("changes").getAllKeys();
          const pages = tx.objectStore("change_pages").getAll();
          tx.oncomplete = () =>
            resolve([...single.result, ...pages.result.flatMap((p) => JSON.parse(p.changes).map((c) => c.id))]);
          tx.onerror = () => reject(tx.error);
        };
      }),
  );


/**
 * Fills the organisation on `page` with generated records (the same ones each time, as many
 * of each kind as `size` says) through Lotse's own storage layer, as if typed on this phone:
 * they wait to be sent. Uses the benchmark harness served beside the app (see
 * `copyOfRelease`), then reloads the page.
 */
export async function fillOrganisation(page, { members, offers, requests, cases, notes }) {
  const index = await readFile(path.join(HARNESS, "index.html"), "utf8").catch(() => "");
  const glue = index.match(/\/bench-harness\/lotse-bench-[\w-]+\.js/)?.[0];
  assert.ok(glue, "the benchmark harness is built (scripts/test.sh builds it)");
  await page.evaluate(
    async ([glue, size]) => {
      const harness = await import(glue);
      // Trunk names the wasm after the script; the script's own default would miss it.
      await harness.default({ module_or_path: glue.replace(/\.js$/, "_bg.wasm") });
      await harness.seed_app(...size);
    },
    [glue, [members, offers, requests, cases, notes]],
  );
  await page.reload();
}

/** The invitation code a phone shows after "Gerät einladen" (a new one each time). */
export async function invite(page) {
  await nav(page).getByRole("link", { name: "Einstellungen" }).click();
  const field = page.getByRole("textbox", { name: "Einladungs-Code" });
  const before = (await field.count()) > 0 ? await field.inputValue() : "";
  await page.getByRole("button", { name: "Gerät einladen" }).click();
  await page.waitForFunction((old) => {
    const shown = document.querySelector("#sync-invitation");
    return shown && shown.value && shown.value !== old;
  }, before);
  return field.inputValue();
}


/** Everything a phone's database holds, as text: every value of every store (for tests that
 * must not find something anywhere in it). */
export const everythingOnPhone = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("lotse");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const names = [...open.result.objectStoreNames];
          const tx = open.result.transaction(names);
          const reads = names.map((name) => tx.objectStore(name).getAll());
          tx.oncomplete = () => resolve(reads.map((read) => JSON.stringify(read.result)).join("\n"));
          tx.onerror = () => reject(tx.error);
        };
      }),
  );

/** A new phone joins the organisation with an invitation `code` from one of its phones. */
export async function joinWithCode(url, code) {
  const phone = await openBrowser();
  await phone.page.goto(`${url}/settings`);
  await phone.page.getByRole("textbox", { name: "Einladungs-Code" }).fill(code);
  await phone.page.getByRole("button", { name: "Beitreten" }).click();
  await phone.page.getByRole("button", { name: "Jetzt synchronisieren" }).waitFor();
  return phone;
}
