// What a volunteer does on a phone in the sync tests, by role and accessible name (German UI),
// and a look into the phone's IndexedDB where a test must count what is stored.

import assert from "node:assert/strict";

export const nav = (page) => page.getByRole("navigation", { name: "Hauptnavigation" });

export async function addMember(page, name, phone = "0171 1234567") {
  await nav(page).getByRole("link", { name: "Helfende" }).click();
  await page.getByRole("main").getByRole("link", { name: "Mitglied hinzufügen" }).click();
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("textbox", { name: "Telefon" }).fill(phone);
  await page.getByRole("button", { name: "Speichern" }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/** Presses "sync now" and waits for THAT run to finish: the status must change after the
 * click (the line of an earlier run says the same words, and a busy machine may show it a
 * while longer), then say when it last worked. */
export async function syncNow(page) {
  await nav(page).getByRole("link", { name: "Einstellungen" }).click();
  const region = page.getByRole("region", { name: "Synchronisation" });
  const status = region.getByRole("status").first();
  await status.waitFor();
  const changed = status.evaluate(
    (line) =>
      new Promise((resolve, reject) => {
        const gaveUp = setTimeout(() => reject(new Error("the sync status did not change within a minute")), 60_000);
        new MutationObserver((_, watching) => {
          watching.disconnect();
          clearTimeout(gaveUp);
          resolve();
        }).observe(line, { childList: true, characterData: true, subtree: true });
      }),
  );
  await page.getByRole("button", { name: "Jetzt synchronisieren" }).click();
  await changed;
  await region.getByText(/^Zuletzt synchronisiert um \d\d:\d\d\.$/).waitFor();
}

export async function seesHelper(page, name) {
  await nav(page).getByRole("link", { name: "Helfende" }).click();
  await page.getByRole("searchbox").fill(name);
  await page.getByRole("main").getByRole("link", { name, exact: true }).waitFor();
}

export async function openMember(page, name) {
  await seesHelper(page, name);
  await page.getByRole("main").getByRole("link", { name, exact: true }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

export async function setPhone(page, name, phone) {
  await openMember(page, name);
  await page.getByRole("main").getByRole("link", { name: "Bearbeiten", exact: true }).click();
  await page.getByRole("textbox", { name: "Telefon" }).fill(phone);
  await page.getByRole("button", { name: "Speichern" }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/** The member's number is `tel` and nothing about him is left to settle. */
export async function expectSettledNumber(page, name, tel) {
  await openMember(page, name);
  await page.getByRole("link", { name: `${name} anrufen` }).waitFor();
  assert.equal(await page.getByRole("link", { name: `${name} anrufen` }).getAttribute("href"), `tel:${tel}`);
  assert.equal(await page.getByRole("region", { name: "Auf zwei Geräten gleichzeitig geändert" }).count(), 0);
}

/** Runs one request on an object store of the phone's database and returns its result. */
export function fromPhoneStorage(page, store, method, ...args) {
  return page.evaluate(
    ({ store, method, args }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("lotse");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(store).objectStore(store)[method](...args);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        };
      }),
    { store, method, args },
  );
}

/** From the next page load on, this phone's clock runs `millis` ahead (every `Date`). */
export async function shiftClock(phone, millis) {
  await phone.context.addInitScript((shift) => {
    const RealDate = Date;
    class ShiftedDate extends RealDate {
      constructor(...args) {
        if (args.length === 0) super(RealDate.now() + shift);
        else super(...args);
      }
      static now() {
        return RealDate.now() + shift;
      }
    }
    globalThis.Date = ShiftedDate;
  }, millis);
  await phone.page.reload();
}

/** Unfolds the helper filters beyond the search box (folded on a phone, open on a laptop). */
export async function showFilters(page) {
  const more = page.getByText("Weitere Filter", { exact: true });
  await more.waitFor();
  const open = await more.evaluate((label) => label.closest("details").open);
  if (!open) await more.click();
  await page.getByRole("combobox", { name: "Art der Hilfe" }).waitFor();
}
