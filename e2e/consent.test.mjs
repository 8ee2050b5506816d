// Consent per purpose as a coordinator records it: a form printed in Turkish for Aylin to
// sign (the app stays German), her consents recorded with date, way, recorder and language
// (refused without a purpose), the history kept when she withdraws one; a case note about
// her asks first without consent to case notes; a helper's call and message links appear in
// a request only once he consented to passing his contact on; the organisation's own purpose
// is asked for and printed.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openBrowser } from "./browser.mjs";
import { startStaticServer } from "./static-server.mjs";
import { copyOfRelease } from "./deploy.mjs";
import { addMember, nav, openMember } from "./phone.mjs";
import { texts } from "./texts.mjs";

const de = texts("de");
const tr = texts("tr");
let server;

before(async () => {
  server = await startStaticServer(await copyOfRelease());
});

after(async () => {
  await server?.close();
});

/** Opens "Einwilligung erfassen" unless it is open. */
async function openRecording(region) {
  const details = region.locator("details");
  if (!(await details.evaluate((d) => d.open))) await region.getByText(de.consent_record, { exact: true }).click();
}

async function recordConsent(page, purposes, { withdraw = false } = {}) {
  const region = page.getByRole("region", { name: de.consent_title });
  await openRecording(region);
  for (const purpose of purposes) await region.getByRole("checkbox", { name: purpose }).check();
  if (withdraw) await region.getByRole("combobox", { name: de.consent_what }).selectOption({ label: de.consent_withdrawn });
  await region.getByRole("combobox", { name: de.consent_way }).selectOption({ label: de.consent_way_verbal });
  await region.getByRole("combobox", { name: de.consent_language }).selectOption({ label: "Türkçe" });
  await region.getByRole("button", { name: de.consent_save }).click();
  await region.getByText(de.saved, { exact: true }).waitFor();
  return region;
}

test("consents are recorded per purpose with their history, printed in the person's language, and acted on", async () => {
  const phone = await openBrowser();
  try {
    const page = phone.page;
    await page.goto(`${server.url}/settings`);
    const own = page.getByRole("region", { name: de.consent_title });
    await own.getByRole("textbox", { name: de.consent_settings_purposes }).fill("Fotos auf der Website");
    await own.getByRole("textbox", { name: de.consent_settings_text }).fill("Datenschutz: Frau Yilmaz, 0231 1234");
    await own.getByRole("button", { name: de.consent_settings_save }).click();
    await own.getByText(de.saved, { exact: true }).waitFor();

    await addMember(page, "Aylin Kaya", "0171 5550101");
    const region = page.getByRole("region", { name: de.consent_title });
    await region.getByText(`${de.purpose_case_notes}: ${de.consent_never}`).waitFor();

    // Nothing chosen, nobody named: said next to the fields, nothing stored.
    await openRecording(region);
    await region.getByRole("textbox", { name: de.consent_recorded_by }).fill("");
    await region.getByRole("button", { name: de.consent_save }).click();
    await region.getByText(de.consent_no_purpose).waitFor();
    await region.getByText(de.consent_no_recorder).waitFor();
    await region.getByRole("textbox", { name: de.consent_recorded_by }).fill("Olga");
    await recordConsent(page, [de.purpose_contact, "Fotos auf der Website"]);
    const givenContact = region.getByRole("listitem").filter({ hasText: `${de.purpose_contact}: ${de.consent_given}` });
    await givenContact.first().waitFor();
    assert.match(await givenContact.first().innerText(), /mündlich, erfasst von Olga, informiert auf Türkçe/);

    // The form to sign, in Turkish, with every purpose and the organisation's text.
    await region.getByRole("link", { name: de.consent_print }).click();
    await page.getByRole("combobox", { name: de.data_language }).selectOption({ label: "Türkçe" });
    const form = page.locator("article.consent-form");
    await form.getByRole("heading", { name: tr.consent_form_title }).waitFor();
    assert.equal(await form.getAttribute("lang"), "tr");
    for (const purpose of [tr.purpose_contact, tr.purpose_pass_on, tr.purpose_case_notes, tr.purpose_partner, tr.purpose_statistics, "Fotos auf der Website"]) {
      await form.getByRole("rowheader", { name: purpose }).waitFor();
    }
    await form.getByText("Datenschutz: Frau Yilmaz, 0231 1234").waitFor();
    await form.getByText("Aylin Kaya").waitFor();
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.getByRole("combobox", { name: de.data_language }).isVisible(), false, "the picker is not printed");
    const pdf = await page.pdf({ format: "A4" });
    assert.ok(pdf.length > 1000);
    await page.emulateMedia({ media: "screen" });

    // A note in her case asks first: she has not consented to case notes.
    await nav(page).getByRole("link", { name: "Fälle" }).click();
    await page.getByRole("textbox", { name: "Person oder Familie" }).fill("Aylin Kaya");
    await page.getByRole("button", { name: de.new_case }).click();
    await page.getByRole("heading", { level: 1, name: "Aylin Kaya" }).waitFor();
    const caseUrl = page.url();
    await page.getByRole("textbox", { name: "Geschrieben von" }).fill("Olga");
    await page.getByRole("textbox", { name: "Was ist passiert?" }).fill("Termin beim Jobcenter");
    await page.getByRole("button", { name: "Notiz speichern" }).click();
    await page.getByRole("alert").getByText(/Aylin Kaya hat nicht eingewilligt/).waitFor();
    assert.equal(await page.getByRole("listitem").filter({ hasText: "Termin beim Jobcenter" }).count(), 0, "not saved yet");
    // She consents (by phone); then the note is saved without asking.
    await openMember(page, "Aylin Kaya");
    await recordConsent(page, [de.purpose_case_notes]);
    await page.goto(caseUrl);
    await page.getByRole("textbox", { name: "Was ist passiert?" }).fill("Termin beim Jobcenter");
    await page.getByRole("button", { name: "Notiz speichern" }).click();
    await page.getByRole("listitem").filter({ hasText: "Termin beim Jobcenter" }).waitFor();

    // She withdraws it later: what holds now changes, the history keeps both.
    await openMember(page, "Aylin Kaya");
    await recordConsent(page, [de.purpose_case_notes], { withdraw: true });
    const history = page.getByRole("region", { name: de.consent_title }).locator("ol.consent-history li");
    const lines = await history.allInnerTexts();
    assert.equal(lines.filter((l) => l.startsWith(de.purpose_case_notes)).length, 2, lines.join("\n"));
    await region.getByRole("list").first().getByText(`${de.purpose_case_notes}: ${de.consent_withdrawn}`).waitFor();

    // A helper's number reaches a request only with his consent to pass it on.
    await addMember(page, "Farid Ahmadi", "0171 2345678");
    await page.getByRole("link", { name: "Angebot hinzufügen" }).click();
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Begleitung zu Ämtern und Terminen" });
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByRole("heading", { level: 2, name: "Hilfsangebote" }).waitFor();
    await nav(page).getByRole("link", { name: "Anfragen" }).click();
    await page.getByRole("main").getByRole("link", { name: "Neue Anfrage" }).click();
    await page.getByRole("textbox", { name: "Wer braucht Hilfe?" }).fill("Familie R.");
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Begleitung zu Ämtern und Terminen" });
    await page.getByRole("button", { name: "Speichern" }).click();
    const suggestions = page.getByRole("region", { name: "Passende Helfende" });
    const farid = suggestions.getByRole("listitem").filter({ hasText: "Farid Ahmadi" }).first();
    await farid.getByText(de.consent_pass_on_missing).waitFor();
    assert.equal(await farid.getByRole("link", { name: "Farid Ahmadi anrufen" }).count(), 0);
    const requestUrl = page.url();
    await openMember(page, "Farid Ahmadi");
    await recordConsent(page, [de.purpose_pass_on]);
    await page.goto(requestUrl);
    await suggestions.getByRole("link", { name: "Farid Ahmadi anrufen" }).waitFor();
    assert.deepEqual(phone.consoleErrors, []);
  } finally {
    await phone.close();
  }
});
