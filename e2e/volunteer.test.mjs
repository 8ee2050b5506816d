// A volunteer's session, end to end in Chromium against the release build: add members and
// their offers, go offline for real, find a helper by language, category and day, take a
// request and assign the best helper, keep a case with notes (and a correction), reload while
// still offline and find everything again. Elements are found by role and accessible name.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { withBrowser, waitForServiceWorker } from "./browser.mjs";
import { startStaticServer } from "./static-server.mjs";
import { copyOfRelease } from "./deploy.mjs";
import { showFilters } from "./phone.mjs";

let server;
before(async () => {
  server = await startStaticServer(await copyOfRelease());
});
after(async () => {
  await server?.close();
});

const nav = (page) => page.getByRole("navigation", { name: "Hauptnavigation" });
const main = (page) => page.getByRole("main");

/** The next Tuesday (never today), as YYYY-MM-DD. */
function nextTuesday() {
  const date = new Date();
  date.setDate(date.getDate() + (((2 - date.getDay() + 7) % 7) || 7));
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

function today() {
  const date = new Date();
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

async function addMember(page, { name, phone, languages, district, slots }) {
  await nav(page).getByRole("link", { name: "Helfende" }).click();
  await main(page).getByRole("link", { name: "Mitglied hinzufügen" }).click();
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("textbox", { name: "Telefon" }).fill(phone);
  for (const [language, level] of languages) {
    await page.getByRole("combobox", { name: "Sprache", exact: true }).selectOption({ label: language });
    await page.getByRole("combobox", { name: "Niveau" }).selectOption({ label: level });
    await page.getByRole("button", { name: "Sprache hinzufügen" }).click();
  }
  await page.getByRole("combobox", { name: "Stadtteil" }).fill(district);
  for (const slot of slots) await page.getByRole("checkbox", { name: slot }).check();
  await page.getByRole("button", { name: "Speichern" }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/** Switches to the demo organisation from the settings page (different on every start). */
async function loadDemo(page) {
  await page.goto(`${server.url}/settings`);
  await page.getByRole("button", { name: "Demo ausprobieren" }).click();
  await page.getByRole("banner").getByText("Beispielverein Brücke (Demo)").waitFor();
  await page.waitForFunction(() => performance.getEntriesByName("lotse-interactive").length > 0);
}

async function addOffer(page, category) {
  await page.getByRole("link", { name: "Angebot hinzufügen" }).click();
  await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: category });
  await page.getByRole("button", { name: "Speichern" }).click();
  await page.getByRole("heading", { level: 2, name: "Hilfsangebote" }).waitFor();
  await main(page).getByText(category, { exact: true }).waitFor();
}

test("a volunteer's session: members, offers, offline search, a request, a case", async () => {
  await withBrowser({}, async ({ context, page }) => {
    await page.goto(server.url);
    await waitForServiceWorker(page);

    await addMember(page, {
      name: "Farid Ahmadi",
      phone: "0171 2345678",
      languages: [["Dari", "Muttersprache"], ["Deutsch", "gut"]],
      district: "Dortmund-Nordstadt",
      slots: ["Di vormittags", "Do abends"],
    });
    const call = page.getByRole("link", { name: "Farid Ahmadi anrufen" });
    assert.equal(await call.getAttribute("href"), "tel:+491712345678");
    assert.equal(
      await page.getByRole("link", { name: "Farid Ahmadi per WhatsApp schreiben" }).getAttribute("href"),
      "https://wa.me/491712345678",
    );
    await addOffer(page, "Begleitung zu Ämtern und Terminen");

    await addMember(page, {
      name: "Hans Müller",
      phone: "+49 231 123456",
      languages: [["Deutsch", "Muttersprache"]],
      district: "Bochum-Mitte",
      slots: ["Di vormittags"],
    });
    await addOffer(page, "Begleitung zu Ämtern und Terminen");

    // A form with mistakes says what is wrong next to each field and keeps what was typed.
    await nav(page).getByRole("link", { name: "Helfende" }).click();
    await main(page).getByRole("link", { name: "Mitglied hinzufügen" }).click();
    await page.getByRole("textbox", { name: "Telefon" }).fill("2345678");
    await page.getByRole("combobox", { name: "Stadtteil" }).fill("Eving");
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("Bitte einen Namen eingeben.").waitFor();
    await page.getByText("Nummer 1: bitte mit Vorwahl (0…) oder Ländervorwahl (+…).").waitFor();
    assert.equal(await page.getByRole("textbox", { name: "Telefon" }).inputValue(), "2345678");
    assert.equal(await page.getByRole("combobox", { name: "Stadtteil" }).inputValue(), "Eving");

    // Into the waiting room: no connection from here on.
    await context.setOffline(true);

    await nav(page).getByRole("link", { name: "Helfende" }).click();
    await showFilters(page);
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Begleitung zu Ämtern und Terminen" });
    await page.getByRole("combobox", { name: "Sprache", exact: true }).selectOption({ label: "Dari" });
    await page.getByRole("combobox", { name: "Tag", exact: true }).selectOption({ label: "Di" });
    await page.getByRole("combobox", { name: "Tageszeit" }).selectOption({ label: "vormittags" });
    const results = page.getByRole("list", { name: "Gefundene Helfende" });
    await results.getByRole("link", { name: "Farid Ahmadi", exact: true }).waitFor();
    await page.getByText("1 gefunden").waitFor();
    assert.equal(await results.getByRole("link", { name: "Hans Müller", exact: true }).count(), 0);

    await page.getByRole("combobox", { name: "Sprache", exact: true }).selectOption({ label: "alle" });
    await page.getByRole("searchbox", { name: "Suche nach Name oder Fähigkeit" }).fill("mueller");
    await results.getByRole("link", { name: "Hans Müller", exact: true }).waitFor();

    // A request for Tuesday morning: Farid fits best and is assigned.
    await nav(page).getByRole("link", { name: "Anfragen" }).click();
    await main(page).getByRole("link", { name: "Neue Anfrage" }).click();
    await page.getByRole("textbox", { name: "Wer braucht Hilfe?" }).fill("Familie R.");
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Begleitung zu Ämtern und Terminen" });
    await page.getByRole("combobox", { name: "Sprache", exact: true }).selectOption({ label: "Dari" });
    await page.getByRole("combobox", { name: "Ort oder Stelle" }).fill("Jobcenter Dortmund-Nordstadt");
    await page.getByLabel("Datum").fill(nextTuesday());
    await page.getByLabel("Uhrzeit").fill("09:30");
    await page.getByRole("button", { name: "Speichern" }).click();
    const suggestions = page.getByRole("region", { name: "Passende Helfende" });
    await suggestions.waitFor();
    const first = suggestions.getByRole("listitem").first();
    await first.getByRole("link", { name: "Farid Ahmadi", exact: true }).waitFor();
    await first.getByText("spricht Dari – Muttersprache").waitFor();
    await first.getByText("hat zu der Zeit meist Zeit").waitFor();
    await suggestions.getByRole("button", { name: "Farid Ahmadi zuweisen" }).click();
    const assigned = page.getByRole("region", { name: "Helfende" });
    await assigned.getByRole("link", { name: "Farid Ahmadi", exact: true }).waitFor();
    await page.getByText("vergeben", { exact: true }).waitFor();
    const requestUrl = page.url();

    // A case with a note, then a correction that keeps the original visible.
    await nav(page).getByRole("link", { name: "Fälle" }).click();
    await page.getByRole("textbox", { name: "Person oder Familie" }).fill("Familie R.");
    await page.getByRole("button", { name: "Fall anlegen" }).click();
    await page.getByRole("heading", { level: 1, name: "Familie R." }).waitFor();
    await page.getByRole("textbox", { name: "Geschrieben von" }).fill("Olga");
    await page.getByRole("textbox", { name: "Was ist passiert?" }).fill("Jobcenter-Termin am Montag, Farid begleitet.");
    await page.getByLabel("Wiedervorlage").fill(today());
    await page.getByRole("button", { name: "Notiz speichern" }).click();
    await page.getByText("Jobcenter-Termin am Montag, Farid begleitet.").waitFor();
    await page.getByRole("button", { name: "Korrigieren" }).click();
    await page.getByRole("textbox", { name: "Was ist passiert?" }).fill("Jobcenter-Termin am Dienstag, Farid begleitet.");
    await page.getByRole("button", { name: "Notiz speichern" }).click();
    await page.getByText("Jobcenter-Termin am Dienstag, Farid begleitet.").waitFor();
    await page.getByText("korrigiert – siehe spätere Notiz").waitFor();
    const caseUrl = page.url();

    // Still offline: reload, and everything is there.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Familie R." }).waitFor();
    await page.getByText("Jobcenter-Termin am Montag, Farid begleitet.").waitFor();
    await page.getByText("Jobcenter-Termin am Dienstag, Farid begleitet.").waitFor();
    assert.equal(caseUrl, page.url());

    await nav(page).getByRole("link", { name: "Heute" }).click();
    await page.getByRole("region", { name: "Fällige Wiedervorlagen" }).getByRole("link", { name: "Familie R.", exact: true }).waitFor();

    await page.goto(requestUrl);
    await page.getByRole("region", { name: "Helfende" }).getByRole("link", { name: "Farid Ahmadi", exact: true }).waitFor();

    await nav(page).getByRole("link", { name: "Helfende" }).click();
    await page.getByRole("searchbox", { name: "Suche nach Name oder Fähigkeit" }).fill("Farid");
    await results.getByRole("link", { name: "Farid Ahmadi", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Farid Ahmadi" }).waitFor();
    await main(page).getByText("Begleitung zu Ämtern und Terminen", { exact: true }).waitFor();

  });
});

test("a paused offer is not found, and a deleted member leaves every list", async () => {
  await withBrowser({}, async ({ page }) => {
    await page.goto(server.url);
    await addMember(page, {
      name: "Olga Petrenko",
      phone: "0176 5555555",
      languages: [["Ukrainisch", "Muttersprache"]],
      district: "Dortmund-Eving",
      slots: ["Mi abends"],
    });
    await addOffer(page, "Übersetzen / Dolmetschen");
    await page.getByRole("button", { name: "Pausieren" }).click();
    await main(page).getByText("pausiert").waitFor();

    await nav(page).getByRole("link", { name: "Helfende" }).click();
    await showFilters(page);
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Übersetzen / Dolmetschen" });
    await page.getByText("0 gefunden").waitFor();

    // An offer can also be deleted outright.
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "alle" });
    await page.getByRole("link", { name: "Olga Petrenko", exact: true }).click();
    await addOffer(page, "Fahrten");
    await page.getByRole("link", { name: "Angebot Fahrten bearbeiten" }).click();
    await page.getByRole("button", { name: "Angebot löschen" }).click();
    await page.getByRole("heading", { level: 1, name: "Olga Petrenko" }).waitFor();
    assert.equal(await main(page).getByText("Fahrten", { exact: true }).count(), 0);
    await nav(page).getByRole("link", { name: "Helfende" }).click();

    await showFilters(page);
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "alle" });
    await page.getByRole("link", { name: "Olga Petrenko", exact: true }).click();
    await page.getByRole("button", { name: "Mitglied löschen" }).click();
    await page.getByRole("button", { name: "Ja, löschen" }).click();
    await page.getByRole("heading", { level: 1, name: "Wer kann helfen?" }).waitFor();
    await page.getByText("0 gefunden").waitFor();
    await page.reload();
    await page.getByText("0 gefunden").waitFor();
  });
});

test("markup typed into a member shows as text everywhere, never runs", async () => {
  await withBrowser({}, async ({ page }) => {
    const payload = `<img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script>`;
    await page.goto(server.url);
    await addMember(page, { name: payload, phone: "0171 1111111", languages: [], district: "<b>Nord</b>", slots: [] });
    await main(page).getByText("<b>Nord</b>").waitFor();
    await nav(page).getByRole("link", { name: "Helfende" }).click();
    await page.getByRole("list", { name: "Gefundene Helfende" }).getByRole("link", { name: payload, exact: true }).waitFor();
    assert.equal(await main(page).locator("img, script, b").count(), 0);
    assert.notEqual(await page.title(), "pwned");
  });
});

test("editing a member, an organisation's own kind of help, finishing a request, closing a case", async () => {
  await withBrowser({}, async ({ page }) => {
    await page.goto(`${server.url}/settings`);
    await page.getByRole("textbox", { name: "Name der neuen Art" }).fill("  Nähkurs  ");
    await page.getByRole("button", { name: "Hinzufügen" }).click();
    await page.getByRole("region", { name: "Eigene Arten der Hilfe" }).getByText("Nähkurs", { exact: true }).waitFor();

    await addMember(page, {
      name: "Ayşe Yılmaz",
      phone: "0171 3333333",
      languages: [["Türkisch", "Muttersprache"]],
      district: "Duisburg-Marxloh",
      slots: ["Mo nachmittags"],
    });
    await addOffer(page, "Nähkurs");

    // Editing keeps what was stored and changes only what is typed.
    await main(page).getByRole("link", { name: "Bearbeiten", exact: true }).click();
    // Reloaded on the edit page (or opened from a bookmark), the form still starts from what
    // is stored – never blank, which would overwrite the member on saving.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Mitglied bearbeiten" }).waitFor();
    assert.equal(await page.getByRole("textbox", { name: "Name" }).inputValue(), "Ayşe Yılmaz");
    assert.equal(await page.getByRole("textbox", { name: "Telefon" }).inputValue(), "+491713333333");
    assert.equal(await page.getByRole("checkbox", { name: "Mo nachmittags" }).isChecked(), true);
    await page.getByRole("combobox", { name: "Stadtteil" }).fill("Duisburg-Hochfeld");
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByRole("heading", { level: 1, name: "Ayşe Yılmaz" }).waitFor();
    await main(page).getByText("Duisburg-Hochfeld").waitFor();
    await main(page).getByText("Türkisch – Muttersprache").waitFor();

    // The organisation's own kind of help is a filter like the built-in ones.
    await nav(page).getByRole("link", { name: "Helfende" }).click();
    await showFilters(page);
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Nähkurs" });
    await page.getByRole("list", { name: "Gefundene Helfende" }).getByRole("link", { name: "Ayşe Yılmaz", exact: true }).waitFor();

    // A request is finished with what came of it.
    await nav(page).getByRole("link", { name: "Anfragen" }).click();
    await main(page).getByRole("link", { name: "Neue Anfrage" }).click();
    await page.getByRole("textbox", { name: "Wer braucht Hilfe?" }).fill("Frau D.");
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Nähkurs" });
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByRole("button", { name: "Ayşe Yılmaz zuweisen" }).click();
    await page.getByRole("region", { name: "Helfende" }).getByRole("link", { name: "Ayşe Yılmaz", exact: true }).waitFor();
    await page.getByRole("textbox", { name: "Ergebnis" }).fill("Nähmaschine ausgeliehen, Kurs ab Montag.");
    await page.getByRole("button", { name: "Als erledigt markieren" }).click();
    await page.getByText("erledigt", { exact: true }).waitFor();
    await main(page).getByText("Nähmaschine ausgeliehen, Kurs ab Montag.").waitFor();
    assert.equal(await page.getByRole("button", { name: "Als erledigt markieren" }).count(), 0);
    await nav(page).getByRole("link", { name: "Anfragen" }).click();
    await page.getByRole("heading", { name: "Abgeschlossen" }).waitFor();
    await main(page).getByRole("link", { name: /Frau D\./ }).waitFor();
    // The helper's page shows what she helped with.
    await nav(page).getByRole("link", { name: "Helfende" }).click();
    await page.getByRole("list", { name: "Gefundene Helfende" }).getByRole("link", { name: "Ayşe Yılmaz", exact: true }).click();
    await page.getByRole("list", { name: "Hilft bei" }).getByRole("link", { name: "Frau D. – Nähkurs" }).waitFor();

    // A closed case no longer asks for a follow-up today.
    await nav(page).getByRole("link", { name: "Fälle" }).click();
    await page.getByRole("textbox", { name: "Person oder Familie" }).fill("Familie D.");
    await page.getByRole("button", { name: "Fall anlegen" }).click();
    await page.getByRole("textbox", { name: "Geschrieben von" }).fill("Olga");
    await page.getByRole("textbox", { name: "Was ist passiert?" }).fill("Erstgespräch.");
    await page.getByLabel("Wiedervorlage").fill(today());
    await page.getByRole("button", { name: "Notiz speichern" }).click();
    await page.getByText("Erstgespräch.").waitFor();
    await nav(page).getByRole("link", { name: "Heute" }).click();
    const due = page.getByRole("region", { name: "Fällige Wiedervorlagen" });
    await due.getByRole("link", { name: "Familie D.", exact: true }).click();
    await page.getByRole("button", { name: "Fall abschließen" }).click();
    await page.getByRole("button", { name: "Wieder öffnen" }).waitFor();
    await nav(page).getByRole("link", { name: "Heute" }).click();
    await due.getByText("Heute ist nichts fällig.").waitFor();

  });
});

test("a request for someone who is a member is linked to them; another name typed unlinks", async () => {
  await withBrowser({}, async ({ page }) => {
    await page.goto(`${server.url}/`);
    await addMember(page, {
      name: "Farid Ahmadi",
      phone: "0171 4444444",
      languages: [["Dari", "Muttersprache"]],
      district: "Dortmund-Nordstadt",
      slots: [],
    });
    await nav(page).getByRole("link", { name: "Anfragen" }).click();
    await main(page).getByRole("link", { name: "Neue Anfrage" }).click();
    const person = page.getByRole("textbox", { name: "Wer braucht Hilfe?" });
    const matches = page.getByRole("list", { name: /Ist es ein Mitglied\?/ });
    // The member's name (however spelt) is offered; a name that is no member's offers nothing.
    await person.fill("farid");
    await matches.waitFor();
    await person.fill("Frau K.");
    await matches.waitFor({ state: "detached" });
    await person.fill("ahmadi farid");
    await matches.getByRole("button", { name: "Farid Ahmadi (Dortmund-Nordstadt)" }).click();
    assert.equal(await person.inputValue(), "Farid Ahmadi");
    await main(page).getByText("Verknüpft mit dem Mitglied").waitFor();
    // Typing another name is another person: the link goes.
    await person.fill("Farid A. (Neffe)");
    await main(page).getByText("Verknüpft mit dem Mitglied").waitFor({ state: "detached" });
    await person.fill("Farid");
    await matches.getByRole("button", { name: /^Farid Ahmadi/ }).click();
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Formulare und Briefe" });
    await page.getByRole("button", { name: "Speichern" }).click();
    // The request names the member, and leads to them.
    await page.getByRole("heading", { level: 1, name: /Farid Ahmadi/ }).waitFor();
    await main(page).getByRole("link", { name: "Farid Ahmadi", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Farid Ahmadi" }).waitFor();
    // The member's page lists it among the requests they asked for.
    await page
      .getByRole("list", { name: "Hat selbst Hilfe angefragt" })
      .getByRole("link", { name: "Farid Ahmadi – Formulare und Briefe" })
      .waitFor();
    assert.equal(await page.getByRole("list", { name: "Hilft bei" }).count(), 0);
  });
});

test("the demo is an organisation of its own: never synced, never mixed with real data, gone in one tap", async () => {
  await withBrowser({}, async ({ page }) => {
    // A phone that already holds a real member (a name the demo never draws).
    await page.goto(server.url);
    await addMember(page, { name: "Wanda Zimmermann", phone: "0171 1234567", languages: [], district: "Eving", slots: [] });
    await loadDemo(page);
    const banner = page.getByRole("complementary", { name: "Beispieldaten" });
    await banner.getByText("Demo mit erfundenen Daten – nur auf diesem Gerät, wird nie synchronisiert.").waitFor();
    await nav(page).getByRole("link", { name: "Helfende" }).click();
    await page.getByText("12 von 60 gezeigt – Suche eingrenzen").waitFor();
    assert.equal(await page.getByRole("list", { name: "Gefundene Helfende" }).getByRole("listitem").count(), 12);
    await page.getByRole("searchbox").fill("Wanda Zimmermann");
    await page.getByText("0 gefunden", { exact: true }).waitFor();
    // No way to sync it, and no way to load it twice (before: 120 members).
    await nav(page).getByRole("link", { name: "Einstellungen" }).click();
    const sync = page.getByRole("region", { name: "Synchronisation" });
    await sync.getByText(/^In der Demo wird nicht synchronisiert\./).waitFor();
    assert.equal(await page.getByRole("button", { name: "Beitreten" }).count(), 0);
    assert.equal(await page.getByRole("button", { name: "Demo ausprobieren" }).count(), 0);
    await page.reload();
    await nav(page).getByRole("link", { name: "Helfende" }).click();
    await page.getByText("12 von 60 gezeigt – Suche eingrenzen").waitFor();

    // One tap: the real member is back, the made-up ones are gone.
    await banner.getByRole("button", { name: "Demo beenden" }).click();
    await banner.waitFor({ state: "detached" });
    await nav(page).getByRole("link", { name: "Helfende" }).click();
    await page.getByText("1 gefunden", { exact: true }).waitFor();
    await page.getByRole("link", { name: "Wanda Zimmermann", exact: true }).waitFor();
    const databases = await page.evaluate(async () => {
      // Deleted at the start after the demo ended.
      for (let i = 0; i < 100; i++) {
        const names = (await indexedDB.databases()).map((d) => d.name);
        if (!names.includes("lotse-demo")) return names;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      return (await indexedDB.databases()).map((d) => d.name);
    });
    assert.deepEqual(databases, ["lotse"]);
  });
});

test("typing a language or a kind of help finds the helpers, in German, Turkish and Arabic", async () => {
  await withBrowser({}, async ({ page }) => {
    await loadDemo(page);
    await nav(page).getByRole("link", { name: "Helfende" }).click();
    const found = (label) => page.getByRole("list", { name: label }).getByRole("listitem");
    // What the language filter finds is what typing the language's name finds.
    const filtered = page.getByRole("status").filter({ hasText: /gefunden|gezeigt/ });
    const everyone = await filtered.textContent();
    await showFilters(page);
    await page.getByRole("combobox", { name: "Sprache" }).selectOption({ label: "Dari" });
    await filtered.filter({ hasNotText: everyone }).waitFor();
    const byFilter = await filtered.textContent();
    assert.doesNotMatch(byFilter, /^0 gefunden/);
    await page.getByRole("combobox", { name: "Sprache" }).selectOption({ label: "alle" });
    await page.getByRole("searchbox").fill("Dari");
    await filtered.filter({ hasText: byFilter }).waitFor();
    await page.getByRole("searchbox").fill("Dolmetschen");
    await filtered.filter({ hasNotText: /^0 gefunden/ }).waitFor();
    assert.ok((await found("Gefundene Helfende").count()) > 0);

    for (const [code, query, results] of [
      ["tr", "Darice", "Bulunan yardımcılar"],
      ["ar", "العربية", "المساعدون الذين وُجدوا"],
    ]) {
      await page.evaluate((code) => localStorage.setItem("lotse.language", code), code);
      await page.goto(`${server.url}/helpers`);
      await page.getByRole("searchbox").fill(query);
      await found(results).first().waitFor();
      assert.ok((await found(results).count()) > 0, `${code}: ${query} finds someone`);
    }
  });
});

test("a request that needs a language suggests its speakers first, the others apart and marked", async () => {
  await withBrowser({}, async ({ page }) => {
    await loadDemo(page);
    for (const [kind, language] of [
      ["Übersetzen / Dolmetschen", "Dari"],
      ["Begleitung zu Ämtern und Terminen", "Arabisch"],
    ]) {
      await nav(page).getByRole("link", { name: "Anfragen" }).click();
      await main(page).getByRole("link", { name: "Neue Anfrage" }).click();
      await page.getByRole("textbox", { name: "Wer braucht Hilfe?" }).fill("Familie R.");
      await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: kind });
      await page.getByRole("combobox", { name: "Sprache", exact: true }).selectOption({ label: language });
      await page.getByRole("button", { name: "Speichern" }).click();
      const fitting = page.getByRole("region", { name: "Passende Helfende" });
      await fitting.waitFor();
      const cards = fitting.getByRole("listitem").filter({ has: page.getByRole("button") });
      const count = await cards.count();
      // Demo data differs on every load: when nobody who offers the help speaks the language,
      // the page says so and shows who speaks it.
      if (count === 0) {
        await fitting.getByText(/^Niemand, der diese Hilfe anbietet, spricht die gebrauchte Sprache/).waitFor();
        assert.ok(await page.getByRole("region", { name: /könnten gefragt werden/ }).count(), `${language}: speakers shown`);
      }
      for (let i = 0; i < count; i++) {
        await cards.nth(i).getByText(`spricht ${language} – `).waitFor();
      }
      assert.equal(await fitting.getByText("spricht keine der Sprachen").count(), 0);
      const apart = page.getByRole("region", { name: /sprechen aber keine der gebrauchten Sprachen/ });
      if (await apart.count()) {
        const others = apart.getByRole("listitem").filter({ has: page.getByRole("button") });
        for (let i = 0; i < (await others.count()); i++) {
          await others.nth(i).getByText("spricht keine der Sprachen").waitFor();
        }
      }
      const couldAsk = page.getByRole("region", { name: /könnten gefragt werden/ });
      if (await couldAsk.count()) {
        const asked = couldAsk.getByRole("listitem").filter({ has: page.getByRole("button") });
        for (let i = 0; i < (await asked.count()); i++) {
          await asked.nth(i).getByText(`spricht ${language} – `).waitFor();
          await asked.nth(i).getByText(/^bietet: /).waitFor();
        }
      }
    }
  });
});

test("a coordinator can browse every member, and an empty result says which filter to drop", async () => {
  await withBrowser({}, async ({ page }) => {
    await loadDemo(page);
    await nav(page).getByRole("link", { name: "Helfende" }).click();
    const cards = page.getByRole("list", { name: "Gefundene Helfende" }).getByRole("listitem");
    await page.getByText("12 von 60 gezeigt – Suche eingrenzen").waitFor();
    await page.getByRole("button", { name: "48 weitere zeigen" }).click();
    await page.getByText("60 gefunden", { exact: true }).waitFor();
    assert.equal(await cards.count(), 60);
    assert.equal(await page.getByRole("button", { name: /weitere zeigen/ }).count(), 0);

    // Dari speakers in a district nobody lives in: nobody – and the way out.
    await showFilters(page);
    await page.getByRole("combobox", { name: "Sprache", exact: true }).selectOption({ label: "Dari" });
    await page.getByRole("combobox", { name: "Stadtteil" }).fill("Atlantis");
    await page.getByText("0 gefunden", { exact: true }).waitFor();
    await page.getByText("Niemand gefunden. So findet ihr jemanden:").waitFor();
    const way = page.getByRole("button", { name: /^Ohne „Stadtteil“: \d+ gefunden$/ });
    const promised = Number((await way.textContent()).match(/(\d+) gefunden/)[1]);
    assert.equal(await page.getByRole("button", { name: /^Ohne „Sprache“/ }).count(), 0, "without the language still nobody");
    await way.click();
    assert.equal(await page.getByRole("combobox", { name: "Stadtteil" }).inputValue(), "");
    await page.getByText(new RegExp(`^${promised} gefunden$|von ${promised} gezeigt`)).waitFor();
  });
});

function yesterday() {
  const d = new Date();
  d.setDate(d.getDate() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

test("what is past its date is marked, the writer of notes is remembered, times and numbers read as people write them", async () => {
  await withBrowser({}, async ({ page }) => {
    await page.goto(server.url);
    await nav(page).getByRole("link", { name: "Helfende" }).waitFor();
    await addMember(page, { name: "Farid Ahmadi", phone: "0171 1234567", languages: [], district: "Nordstadt", slots: [] });
    await page.getByText("+49 171 1234567", { exact: true }).waitFor();

    // A request's language starts empty and says what that means.
    await nav(page).getByRole("link", { name: "Anfragen" }).click();
    await main(page).getByRole("link", { name: "Neue Anfrage" }).click();
    const language = page.getByRole("combobox", { name: "Sprache", exact: true });
    assert.equal(await language.inputValue(), "");
    assert.equal(await language.locator("option:checked").textContent(), "keine bestimmte");
    await page.getByText(/^Leer lassen, wenn keine bestimmte Sprache nötig ist/).waitFor();
    await page.getByRole("textbox", { name: "Wer braucht Hilfe?" }).fill("Familie S.");
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Kinderbetreuung" });
    await page.getByLabel("Datum").fill(yesterday());
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByRole("region", { name: "Passende Helfende" }).waitFor();
    await nav(page).getByRole("link", { name: "Anfragen" }).click();
    await main(page).getByRole("listitem").filter({ hasText: "Familie S." }).getByText("überfällig").waitFor();

    // A note: its writer stays for the next note, on the next case too, after a reload.
    await nav(page).getByRole("link", { name: "Fälle" }).click();
    await page.getByRole("textbox", { name: "Person oder Familie" }).fill("Familie S.");
    await page.getByRole("button", { name: "Fall anlegen" }).click();
    await page.getByRole("heading", { level: 1, name: "Familie S." }).waitFor();
    await page.getByRole("textbox", { name: "Geschrieben von" }).fill("Olga");
    await page.getByRole("textbox", { name: "Was ist passiert?" }).fill("Anruf, Termin vereinbart.");
    await page.getByLabel("Wiedervorlage").fill(yesterday());
    await page.getByRole("button", { name: "Notiz speichern" }).click();
    const note = page.getByRole("listitem").filter({ hasText: "Anruf, Termin vereinbart." });
    await note.waitFor();
    const written = await note.locator("p.meta").first().textContent();
    assert.doesNotMatch(written, /\d{4}-\d{2}-\d{2}/, `localised, not ISO: ${written}`);
    assert.match(written, /\d{4}, \d{2}:\d{2}/);
    await nav(page).getByRole("link", { name: "Fälle" }).click();
    await main(page).getByRole("listitem").filter({ hasText: "Familie S." }).getByText("überfällig").waitFor();
    await page.reload();
    await page.getByRole("textbox", { name: "Person oder Familie" }).fill("Familie T.");
    await page.getByRole("button", { name: "Fall anlegen" }).click();
    await page.getByRole("heading", { level: 1, name: "Familie T." }).waitFor();
    const author = page.getByRole("textbox", { name: "Geschrieben von" });
    await page.waitForFunction(() => document.querySelector("#note-author")?.value === "Olga");
    assert.equal(await author.inputValue(), "Olga");
  });
});

test("a saved request can be corrected, a helper unassigned, a cancel confirmed and undone, a duplicate deleted", async () => {
  await withBrowser({}, async ({ page }) => {
    await page.goto(server.url);
    await nav(page).getByRole("link", { name: "Helfende" }).waitFor();
    await addMember(page, { name: "Farid Ahmadi", phone: "0171 1234567", languages: [["Dari", "Muttersprache"]], district: "Nordstadt", slots: [] });
    await addOffer(page, "Begleitung zu Ämtern und Terminen");
    await nav(page).getByRole("link", { name: "Anfragen" }).click();
    await main(page).getByRole("link", { name: "Neue Anfrage" }).click();
    await page.getByRole("textbox", { name: "Wer braucht Hilfe?" }).fill("Familie R.");
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Kinderbetreuung" });
    await page.getByRole("combobox", { name: "Sprache", exact: true }).selectOption({ label: "Dari" });
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByRole("heading", { level: 1, name: "Familie R. – Kinderbetreuung" }).waitFor();

    // The wrong kind of help was chosen: corrected, the language kept.
    await page.getByRole("link", { name: "Anfrage bearbeiten" }).click();
    await page.getByRole("heading", { level: 1, name: "Anfrage bearbeiten" }).waitFor();
    assert.equal(await page.getByRole("combobox", { name: "Sprache", exact: true }).inputValue(), "prs");
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Begleitung zu Ämtern und Terminen" });
    await page.getByRole("combobox", { name: "Dringlichkeit" }).selectOption({ label: "dringend" });
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByRole("heading", { level: 1, name: "Familie R. – Begleitung zu Ämtern und Terminen" }).waitFor();
    await page.getByText("dringend", { exact: true }).waitFor();

    // Assigned, then unassigned: open again.
    await page.getByRole("button", { name: "Farid Ahmadi zuweisen" }).click();
    await page.getByText("vergeben", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Farid Ahmadi: Zuweisung aufheben" }).click();
    await page.getByText("Noch niemand zugewiesen.").waitFor();
    await page.getByText("offen", { exact: true }).waitFor();

    // Cancel asks first; "no" keeps it; "yes" cancels; one tap undoes it.
    await page.getByRole("button", { name: "Absagen", exact: true }).click();
    await page.getByRole("alert").getByText("Diese Anfrage wirklich absagen?").waitFor();
    await page.getByRole("button", { name: "Nein, behalten" }).click();
    assert.equal(await page.getByText("abgesagt", { exact: true }).count(), 0);
    await page.getByRole("button", { name: "Absagen", exact: true }).click();
    await page.getByRole("button", { name: "Ja, absagen" }).click();
    await page.getByText("abgesagt", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Wieder öffnen" }).click();
    await page.getByText("offen", { exact: true }).waitFor();

    // A duplicate: deleted after a "yes", gone from the list.
    await page.getByRole("button", { name: "Anfrage löschen" }).click();
    await page.getByRole("alert").getByText(/^Diese Anfrage wirklich löschen\?/).waitFor();
    await page.getByRole("button", { name: "Ja, löschen" }).click();
    await page.getByRole("heading", { level: 1, name: "Anfragen" }).waitFor();
    assert.equal(await main(page).getByText("Familie R.").count(), 0);
  });
});

test("back in the middle of a form keeps what was typed", async () => {
  await withBrowser({}, async ({ page }) => {
    await page.goto(server.url);
    await nav(page).getByRole("link", { name: "Helfende" }).waitFor();
    await addMember(page, { name: "Farid Ahmadi", phone: "0171 1234567", languages: [], district: "Nordstadt", slots: [] });
    await page.getByRole("link", { name: "Angebot hinzufügen" }).click();
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Fahrten" });
    await page.getByRole("textbox", { name: "Notiz" }).fill("nur mit dem eigenen Auto");
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "Farid Ahmadi" }).waitFor();
    await page.getByRole("link", { name: "Angebot hinzufügen" }).click();
    assert.equal(await page.getByRole("textbox", { name: "Notiz" }).inputValue(), "nur mit dem eigenen Auto");
    assert.equal(await page.getByRole("combobox", { name: "Art der Hilfe" }).inputValue(), "transport");
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByRole("heading", { level: 1, name: "Farid Ahmadi" }).waitFor();
    // Saved: the next new offer starts empty.
    await page.getByRole("link", { name: "Angebot hinzufügen" }).click();
    assert.equal(await page.getByRole("textbox", { name: "Notiz" }).inputValue(), "");

    await nav(page).getByRole("link", { name: "Fälle" }).click();
    await page.getByRole("textbox", { name: "Person oder Familie" }).fill("Familie K.");
    await page.getByRole("button", { name: "Fall anlegen" }).click();
    await page.getByRole("heading", { level: 1, name: "Familie K." }).waitFor();
    await page.getByRole("textbox", { name: "Was ist passiert?" }).fill("Halb geschrieben, dann kam ein Anruf");
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "Fälle" }).waitFor();
    await main(page).getByRole("link", { name: "Familie K." }).click();
    assert.equal(await page.getByRole("textbox", { name: "Was ist passiert?" }).inputValue(), "Halb geschrieben, dann kam ein Anruf");
  });
});

test("on a phone the first screen of helpers shows helpers, and a long organisation name keeps the header on one line", async () => {
  await withBrowser({}, async ({ page }) => {
    await loadDemo(page);
    await nav(page).getByRole("link", { name: "Einstellungen" }).click();
    await page.getByRole("textbox", { name: "Name der Organisation" }).fill("Interkultureller Frauen- und Familienverein Dortmund-Nordstadt e. V.");
    await page.getByRole("button", { name: "Speichern" }).first().click();
    const header = page.getByRole("banner");
    await header.getByText(/^Interkultureller Frauen/).waitFor();
    // One line: before, the name wrapped and the header grew.
    const { height, title } = await header.evaluate((h) => ({
      height: h.getBoundingClientRect().height,
      title: h.querySelector(".app-title").getAttribute("title"),
    }));
    assert.ok(height <= 60, `the header is ${height} px high`);
    assert.equal(title, "Interkultureller Frauen- und Familienverein Dortmund-Nordstadt e. V.", "the whole name is at hand");

    await nav(page).getByRole("link", { name: "Helfende" }).click();
    const first = page.getByRole("list", { name: "Gefundene Helfende" }).getByRole("listitem").first();
    await first.waitFor();
    // Before, the filters filled the first screen: the first helper began below 640 px.
    const top = await first.evaluate((card) => card.getBoundingClientRect().top);
    assert.ok(top < 640 - 100, `the first helper starts at ${top} px`);
    // The filters are one tap away, and say when some are set.
    await showFilters(page);
    await page.getByRole("combobox", { name: "Sprache", exact: true }).selectOption({ label: "Dari" });
    await page.getByText("1 gewählt").waitFor();
  });
  // On a laptop they are open from the start.
  await withBrowser({ viewport: { width: 1280, height: 800 } }, async ({ page }) => {
    await page.goto(`${server.url}/helpers`);
    await page.getByRole("combobox", { name: "Art der Hilfe" }).waitFor();
  });
});
