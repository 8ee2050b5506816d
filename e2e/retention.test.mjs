// Retention (storage limitation): a coordinator sets how long closed cases and members who
// left are kept. A case closed and a member deleted thirty months ago are listed as due,
// erased after a second step, and gone from the phone's database – while this month's case
// stays.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openBrowser } from "./browser.mjs";
import { startStaticServer } from "./static-server.mjs";
import { copyOfRelease } from "./deploy.mjs";
import { addMember, nav, openMember, shiftClock } from "./phone.mjs";
import { everythingOnPhone } from "./organisation.mjs";
import { fill, texts } from "./texts.mjs";

const de = texts("de");
const MONTH = 30 * 24 * 3600 * 1000;
let server;

before(async () => {
  server = await startStaticServer(await copyOfRelease());
});

after(async () => {
  await server?.close();
});

async function closedCase(page, title, note) {
  await nav(page).getByRole("link", { name: "Fälle" }).click();
  await page.getByRole("textbox", { name: "Person oder Familie" }).fill(title);
  await page.getByRole("button", { name: "Fall anlegen" }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await page.getByRole("textbox", { name: "Geschrieben von" }).fill("Olga");
  await page.getByRole("textbox", { name: "Was ist passiert?" }).fill(note);
  await page.getByRole("button", { name: "Notiz speichern" }).click();
  await page.getByText(note).waitFor();
  await page.getByRole("button", { name: de.close_case }).click();
  await page.getByRole("button", { name: de.reopen_case }).waitFor();
}

test("what was finished longer ago than the organisation keeps it is listed, erased after confirming, and gone from the phone", async () => {
  const phone = await openBrowser();
  try {
    const page = phone.page;
    await page.goto(server.url);
    // Thirty months ago: a case closed, a member who left.
    await shiftClock(phone, -30 * MONTH);
    await closedCase(page, "Familie Demir", "Kita-Platz gefunden");
    await addMember(page, "Petro Kovalenko", "0171 5550303");
    await page.getByRole("button", { name: de.delete_member }).click();
    await page.getByRole("button", { name: de.delete_confirm }).click();
    await page.getByRole("heading", { level: 1, name: de.helpers_title }).waitFor();
    // Today: a case closed this month, and someone still there.
    await shiftClock(phone, 30 * MONTH);
    await closedCase(page, "Familie Nowak", "Wohnung gefunden");
    await addMember(page, "Farid Ahmadi");

    await nav(page).getByRole("link", { name: "Einstellungen" }).click();
    const panel = page.getByRole("region", { name: de.retention_title });
    const months = panel.getByRole("textbox", { name: de.retention_cases });
    await months.fill("null");
    await panel.getByRole("button", { name: de.retention_save }).click();
    await panel.getByText(de.retention_not_months).waitFor();
    assert.equal(await months.getAttribute("aria-invalid"), "true");
    await months.fill("24");
    await panel.getByRole("textbox", { name: de.retention_members }).fill("24");
    await panel.getByRole("button", { name: de.retention_save }).click();
    await panel.getByText(fill(de.retention_due, { cases: "1", requests: "0", members: "1" })).click();
    await panel.getByText(/^Familie Demir – /).waitFor();
    await panel.getByText(/^Petro Kovalenko – /).waitFor();
    assert.equal(await panel.getByText(/^Familie Nowak/).count(), 0);

    // The deleted member is still in the database until now (a deletion keeps the fields).
    assert.ok((await everythingOnPhone(page)).includes("Petro Kovalenko"));
    await panel.getByRole("button", { name: de.retention_erase }).click();
    await panel.getByText(de.retention_confirm).waitFor();
    await panel.getByRole("button", { name: de.erase_button }).click();
    await panel.getByText(fill(de.retention_erased, { count: "2" })).waitFor();
    await panel.getByText(de.retention_nothing_due).waitFor();

    const held = await everythingOnPhone(page);
    for (const gone of ["Petro Kovalenko", "5550303", "Familie Demir", "Kita-Platz gefunden"]) {
      assert.equal(held.includes(gone), false, `${gone} is still on the phone`);
    }
    assert.ok(held.includes("Familie Nowak") && held.includes("Wohnung gefunden"), "this month's case stays");
    // The rules are kept on the organisation's record and shown again.
    await page.reload();
    await nav(page).getByRole("link", { name: "Einstellungen" }).click();
    await page.getByRole("region", { name: de.retention_title }).getByRole("textbox", { name: de.retention_cases }).waitFor();
    await page.waitForFunction(() => document.querySelector("#retention-cases")?.value === "24");
    await openMember(page, "Farid Ahmadi");
    assert.deepEqual(phone.consoleErrors, []);
  } finally {
    await phone.close();
  }
});
