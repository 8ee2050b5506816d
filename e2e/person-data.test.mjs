// A person's right of access (GDPR Art. 15), as a coordinator answers "what do you keep about
// me?": from the member's page, a document in the person's own language with everything held
// about them – their contact details, their case and its note, who changed what – to print,
// and the same as a JSON file.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { withBrowser } from "./browser.mjs";
import { startStaticServer } from "./static-server.mjs";
import { copyOfRelease } from "./deploy.mjs";
import { nav } from "./phone.mjs";
import { fill, texts } from "./texts.mjs";

let server;

before(async () => {
  server = await startStaticServer(await copyOfRelease());
});

after(async () => {
  await server?.close();
});

test("a member's data: a document in her language, printable, and a JSON file holding her case note", async () => {
  const de = texts("de");
  const tr = texts("tr");
  await withBrowser({ locale: "de-DE" }, async ({ page, consoleErrors }) => {
    await page.goto(server.url);
    await nav(page).getByRole("link", { name: "Helfende" }).click();
    await page.getByRole("main").getByRole("link", { name: "Mitglied hinzufügen" }).click();
    await page.getByRole("textbox", { name: "Name" }).fill("Aylin Kaya");
    await page.getByRole("textbox", { name: "Telefon" }).fill("0171 2345678");
    await page.getByRole("combobox", { name: "Sprache", exact: true }).selectOption({ label: "Türkisch" });
    await page.getByRole("combobox", { name: "Niveau" }).selectOption({ label: "Muttersprache" });
    await page.getByRole("button", { name: "Sprache hinzufügen" }).click();
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByRole("heading", { level: 1, name: "Aylin Kaya" }).waitFor();
    const memberUrl = page.url();
    // She consented to notes on her case (so the note below is not asked about).
    const consents = page.getByRole("region", { name: de.consent_title });
    await consents.getByText(de.consent_record, { exact: true }).click();
    await consents.getByRole("checkbox", { name: de.purpose_case_notes }).check();
    await consents.getByRole("textbox", { name: de.consent_recorded_by }).fill("Olga");
    await consents.getByRole("button", { name: de.consent_save }).click();
    await consents.getByText(de.saved, { exact: true }).waitFor();

    // Her case, opened under her name, with a note.
    await nav(page).getByRole("link", { name: "Fälle" }).click();
    await page.getByRole("textbox", { name: "Person oder Familie" }).fill("Aylin Kaya");
    await page.getByRole("button", { name: "Fall anlegen" }).click();
    await page.getByRole("heading", { level: 1, name: "Aylin Kaya" }).waitFor();
    await page.getByRole("textbox", { name: "Geschrieben von" }).fill("Olga");
    await page.getByRole("textbox", { name: "Was ist passiert?" }).fill("Termin beim Jobcenter am Montag");
    await page.getByRole("button", { name: "Notiz speichern" }).click();
    await page.getByText("Termin beim Jobcenter am Montag").waitFor();

    await page.goto(memberUrl);
    await page.getByRole("link", { name: de.data_open }).click();
    await page.getByRole("heading", { level: 1, name: de.data_open }).waitFor();
    // In Turkish, her native language, before anyone chose.
    const document = page.locator("article.person-data");
    await document.getByRole("heading", { level: 1, name: fill(tr.data_title, { name: "Aylin Kaya" }) }).waitFor();
    assert.equal(await document.getAttribute("lang"), "tr");
    assert.equal(await page.getByRole("combobox", { name: de.data_language }).inputValue(), "tr");
    await document.getByRole("heading", { level: 2, name: tr.data_cases }).waitFor();
    await document.getByRole("heading", { level: 2, name: tr.consent_title }).waitFor();
    await document.getByText(`${tr.purpose_case_notes}:`, { exact: false }).waitFor();
    await document.getByText("Termin beim Jobcenter am Montag", { exact: false }).waitFor();
    // The number as Lotse keeps it (international form).
    await document.getByText("+491712345678").waitFor();
    // Who changed what: the member, the case and the note were each written once here.
    const history = document.getByRole("table");
    assert.ok((await history.getByRole("row").count()) >= 4, "a heading row and three changes");
    await history.getByRole("cell", { name: tr.kind_note, exact: true }).waitFor();

    // On paper: the document only.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.getByRole("button", { name: de.data_print }).isVisible(), false);
    assert.equal(await page.getByRole("combobox", { name: de.data_language }).isVisible(), false);
    assert.ok(await document.isVisible());
    await page.emulateMedia({ media: "screen" });

    // The file: everything, the note included.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: de.data_json }).click()]);
    assert.match(download.suggestedFilename(), /^auskunft-[\w-]+-\d{4}-\d\d-\d\d\.json$/);
    const held = JSON.parse(await readFile(await download.path(), "utf8"));
    assert.equal(held.member.name, "Aylin Kaya");
    assert.deepEqual(held.member.phones, ["+491712345678"]);
    assert.equal(held.cases.length, 1);
    assert.equal(held.cases[0].notes[0].text, "Termin beim Jobcenter am Montag");
    assert.ok(held.history.some((line) => line.kind === "note"), "the note's change in the history");
    assert.deepEqual(held.consents.map((c) => [c.purpose, c.given, c.recorded_by]), [["case_notes", true, "Olga"]]);

    // A language whose file cannot be had: said next to the choice, the document in German.
    await page.context().route("**/i18n/uk.txt", (route) => route.abort());
    await page.evaluate(() => caches.keys().then((keys) => Promise.all(keys.map((k) => caches.delete(k)))));
    await page.getByRole("combobox", { name: de.data_language }).selectOption("uk");
    await page.getByRole("alert").filter({ hasText: de.data_language_failed }).waitFor();
    assert.equal(await document.getAttribute("lang"), "de");
    await page.context().unroute("**/i18n/uk.txt");
    // The browser logs the refused download; that one is expected, any other error is not.
    const others = consoleErrors.filter((e) => !e.endsWith("Failed to load resource: net::ERR_FAILED"));
    assert.ok(others.length < consoleErrors.length, "the refused language file was asked for");
    consoleErrors.splice(0, consoleErrors.length, ...others);

    // Another language for the document, the app stays German.
    await page.getByRole("combobox", { name: de.data_language }).selectOption("de");
    await document.getByRole("heading", { level: 1, name: fill(de.data_title, { name: "Aylin Kaya" }) }).waitFor();
    await nav(page).getByRole("link", { name: "Helfende" }).waitFor();
    assert.deepEqual(consoleErrors, []);
  });
});
