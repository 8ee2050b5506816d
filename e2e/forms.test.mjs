// Every form saves once, however often "save" is tapped: a double tap on a slow phone must
// not store a request, an offer, a case, a note, a member or a category twice.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { withBrowser } from "./browser.mjs";
import { startStaticServer } from "./static-server.mjs";
import { copyOfRelease } from "./deploy.mjs";
import { fromPhoneStorage, nav } from "./phone.mjs";

let server;
before(async () => {
  server = await startStaticServer(await copyOfRelease());
});
after(async () => {
  await server?.close();
});

const main = (page) => page.getByRole("main");

/** How many live records of `kind` the phone holds. */
async function stored(page, kind) {
  const rows = await fromPhoneStorage(page, "records", "getAll");
  return rows.filter((row) => row.kind === kind && !row.deleted).length;
}

test("a double tap on save stores once, on every form", async () => {
  await withBrowser({}, async ({ page }) => {
    await page.goto(server.url);
    await nav(page).getByRole("link", { name: "Helfende" }).waitFor();

    await nav(page).getByRole("link", { name: "Helfende" }).click();
    await main(page).getByRole("link", { name: "Mitglied hinzufügen" }).click();
    await page.getByRole("textbox", { name: "Name" }).fill("Farid Ahmadi");
    await page.getByRole("textbox", { name: "Telefon" }).fill("0171 1234567");
    await page.getByRole("button", { name: "Speichern" }).dblclick();
    await page.getByRole("heading", { level: 1, name: "Farid Ahmadi" }).waitFor();
    assert.equal(await stored(page, "member"), 1, "one member");

    await page.getByRole("link", { name: "Angebot hinzufügen" }).click();
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Kinderbetreuung" });
    await page.getByRole("button", { name: "Speichern" }).dblclick();
    await page.getByRole("region", { name: "Hilfsangebote" }).getByText("Kinderbetreuung", { exact: true }).waitFor();
    assert.equal(await stored(page, "offer"), 1, "one offer");

    await nav(page).getByRole("link", { name: "Anfragen" }).click();
    await main(page).getByRole("link", { name: "Neue Anfrage" }).click();
    await page.getByRole("textbox", { name: "Wer braucht Hilfe?" }).fill("Familie R.");
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Kinderbetreuung" });
    await page.getByRole("button", { name: "Speichern" }).dblclick();
    await page.getByRole("region", { name: "Passende Helfende" }).waitFor();
    assert.equal(await stored(page, "request"), 1, "one request");

    await nav(page).getByRole("link", { name: "Fälle" }).click();
    await page.getByRole("textbox", { name: "Person oder Familie" }).fill("Familie R.");
    await page.getByRole("button", { name: "Fall anlegen" }).dblclick();
    await page.getByRole("heading", { level: 1, name: "Familie R." }).waitFor();
    assert.equal(await stored(page, "case"), 1, "one case");

    await page.getByRole("textbox", { name: "Geschrieben von" }).fill("Olga");
    await page.getByRole("textbox", { name: "Was ist passiert?" }).fill("Erstgespräch.");
    await page.getByRole("button", { name: "Notiz speichern" }).dblclick();
    await page.getByText("Erstgespräch.").waitFor();
    // The form is empty again once the note is saved.
    await page.waitForFunction(() => document.querySelector("#note-text")?.value === "");
    assert.equal(await stored(page, "note"), 1, "one note");

    await nav(page).getByRole("link", { name: "Einstellungen" }).click();
    await page.getByRole("textbox", { name: "Name der neuen Art" }).fill("Nähkurs");
    await page.getByRole("button", { name: "Hinzufügen" }).dblclick();
    // Saved: the field is empty again and the new kind is listed.
    await page.getByRole("region", { name: "Eigene Arten der Hilfe" }).getByText("Nähkurs", { exact: true }).waitFor();
    await page.waitForFunction(() => document.querySelector("#category-name")?.value === "");
    assert.equal(await stored(page, "category"), 1, "one category");
  });
});
