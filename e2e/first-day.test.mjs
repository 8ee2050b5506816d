// A new volunteer's first day, on a 360 px phone, in German and in Arabic: joins the
// organisation by the code a coordinator's laptop shows, finds a Dari speaker by typing
// "Dari", takes a request for the Jobcenter and sees the Dari speaker suggested first,
// corrects the request, unassigns the helper, writes two notes. At every step nothing on the
// screen is cut off (no element's content wider or taller than its box); the screenshots are
// kept in e2e/.artifacts to look at.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openBrowser } from "./browser.mjs";
import { startRelay } from "./servers.mjs";
import { nav, syncNow } from "./phone.mjs";
import { invite } from "./organisation.mjs";
import { fill, texts } from "./texts.mjs";

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), ".artifacts");
let relay;

before(async () => {
  relay = await startRelay();
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await relay?.close();
});

/** Elements whose content does not fit their box (scroll containers and text shortened on
 * purpose with "…" aside); a text field counts, as a code cut in half cannot be read. */
function cutOff() {
  const found = [];
  for (const element of document.querySelectorAll("body *")) {
    const style = getComputedStyle(element);
    if (["inline", "contents", "none"].includes(style.display)) continue;
    if (element.clientWidth <= 1 || element.clientHeight <= 1) continue;
    if (["INPUT", "SELECT", "OPTION", "IMG", "PROGRESS"].includes(element.tagName) || element.closest("svg")) continue;
    const scrolls = [style.overflowX, style.overflowY].some((o) => o === "auto" || o === "scroll");
    if (scrolls && element.tagName !== "TEXTAREA") continue;
    if (style.textOverflow === "ellipsis") continue;
    const wide = element.scrollWidth - element.clientWidth;
    const tall = element.scrollHeight - element.clientHeight;
    if (wide > 1 || tall > 1) {
      const text = (element.value ?? element.textContent).trim().slice(0, 40);
      found.push(`${element.tagName.toLowerCase()}.${element.className} "${text}" ${wide > 1 ? `${wide}px wider` : ""}${tall > 1 ? ` ${tall}px taller` : ""}`);
    }
  }
  return found;
}

/** Keeps a screenshot of what the person sees now, and checks nothing in it is cut off. */
async function look(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `first-day-${name}.png`), fullPage: true });
  assert.deepEqual(await page.evaluate(cutOff), [], `${name}: cut off`);
}

/** The coordinator's laptop: the organisation on the relay, Farid (Dari) and Hans (German)
 * both offering to accompany people to offices. */
async function coordinatorWithTwoHelpers(db) {
  const token = relay.createOrg(db);
  const laptop = await openBrowser({ viewport: { width: 1280, height: 800 } });
  const page = laptop.page;
  await page.goto(`${relay.url}/settings`);
  await page.getByRole("textbox", { name: "Adresse der Vereins-Datenbank" }).fill(`${relay.url}/db/${db}`);
  await page.getByRole("textbox", { name: "Geräte-Schlüssel vom Server" }).fill(token);
  await page.getByRole("button", { name: "Verbinden" }).click();
  await page.getByRole("button", { name: "Gerät einladen" }).waitFor();
  for (const [name, language] of [["Hans Müller", "Deutsch"], ["Farid Ahmadi", "Dari"]]) {
    await nav(page).getByRole("link", { name: "Helfende" }).click();
    await page.getByRole("main").getByRole("link", { name: "Mitglied hinzufügen" }).click();
    await page.getByRole("textbox", { name: "Name" }).fill(name);
    await page.getByRole("textbox", { name: "Telefon" }).fill("0171 1234567");
    await page.getByRole("combobox", { name: "Sprache", exact: true }).selectOption({ label: language });
    await page.getByRole("combobox", { name: "Niveau" }).selectOption({ label: "Muttersprache" });
    await page.getByRole("button", { name: "Sprache hinzufügen" }).click();
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    await page.getByRole("link", { name: "Angebot hinzufügen" }).click();
    await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Begleitung zu Ämtern und Terminen" });
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByRole("heading", { level: 2, name: "Hilfsangebote" }).waitFor();
  }
  await syncNow(page);
  return laptop;
}

function nextTuesday() {
  const date = new Date();
  date.setDate(date.getDate() + ((9 - date.getDay()) % 7 || 7));
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

for (const [lang, locale] of [["de", "de-DE"], ["ar", "ar"]]) {
  test(`a new volunteer's first day on a 360 px phone (${lang})`, async () => {
    const t = texts(lang);
    const accompaniment = t.categories[2];
    const dari = t.languageNames.prs;
    const laptop = await coordinatorWithTwoHelpers(`erster-tag-${lang}`);
    const phone = await openBrowser({ locale });
    const page = phone.page;
    const mainArea = page.getByRole("main");
    const menu = page.getByRole("navigation", { name: t.nav_label });
    try {
      const code = await invite(laptop.page);

      // A fresh phone: the first start asks one question.
      await page.goto(relay.url);
      await page.getByRole("link", { name: t.start_join }).first().click();
      await page.getByRole("heading", { level: 1, name: t.join_title }).waitFor();
      await page.getByRole("textbox", { name: t.sync_join_label }).fill(code);
      await page.getByRole("textbox", { name: t.device_name_label }).fill(lang === "ar" ? "هاتف أمل" : "Telefon von Amal");
      await look(page, `${lang}-1-join`);
      await page.getByRole("button", { name: t.sync_join }).click();
      await page.getByText(t.joined).waitFor();

      // Who speaks Dari? Typed, not picked from a list.
      await menu.getByRole("link", { name: t.nav_helpers }).click();
      const found = page.getByRole("list", { name: t.results_label });
      await found.getByRole("link", { name: "Farid Ahmadi", exact: true }).waitFor({ timeout: 60_000 });
      await page.getByRole("searchbox", { name: t.search_label }).fill("Dari");
      await found.getByRole("link", { name: "Hans Müller", exact: true }).waitFor({ state: "detached" });
      await found.getByRole("link", { name: "Farid Ahmadi", exact: true }).waitFor();
      if (lang === "ar") {
        await page.getByRole("searchbox", { name: t.search_label }).fill(dari);
        await found.getByRole("link", { name: "Farid Ahmadi", exact: true }).waitFor();
      }
      await look(page, `${lang}-2-dari`);

      // A request for the Jobcenter in Dari: the Dari speaker is suggested first.
      await menu.getByRole("link", { name: t.nav_requests }).click();
      await mainArea.getByRole("link", { name: t.new_request }).click();
      await page.getByRole("textbox", { name: t.request_person }).fill("Familie R.");
      await page.getByRole("combobox", { name: t.category_label }).selectOption({ label: accompaniment });
      await page.getByRole("combobox", { name: t.language_label, exact: true }).selectOption({ label: dari });
      await page.getByRole("combobox", { name: t.request_place }).fill("Jobcenter Dortmund");
      await page.getByLabel(t.request_date).fill(nextTuesday());
      await page.getByLabel(t.request_time).fill("09:30");
      await look(page, `${lang}-3-request-form`);
      await page.getByRole("button", { name: t.save }).click();
      const suggested = page.getByRole("region", { name: t.suggestions_title }).getByRole("listitem").filter({ has: page.getByRole("button") });
      await suggested.first().waitFor();
      assert.match(await suggested.first().textContent(), /Farid Ahmadi/);
      await suggested.first().getByText(fill(t.reason_speaks, { language: dari, level: t.level_native })).waitFor();
      await look(page, `${lang}-4-suggested`);
      await page.getByRole("button", { name: fill(t.assign_label, { name: "Farid Ahmadi" }) }).click();

      // The place was not quite right: corrected.
      await page.getByRole("link", { name: t.edit_request }).click();
      await page.getByRole("heading", { level: 1, name: t.edit_request }).waitFor();
      await page.getByRole("combobox", { name: t.request_place }).fill("Jobcenter Dortmund-Nordstadt");
      await page.getByRole("button", { name: t.save }).click();
      await mainArea.getByText("Jobcenter Dortmund-Nordstadt", { exact: true }).waitFor();
      // Farid cannot go after all: unassigned, the request waits again.
      await page.getByRole("button", { name: fill(t.unassign_label, { name: "Farid Ahmadi" }) }).click();
      await page.getByText(t.nobody_assigned).waitFor();
      await look(page, `${lang}-5-corrected`);

      // Two notes on the family's case; the second knows who writes.
      await menu.getByRole("link", { name: t.nav_cases }).click();
      await page.getByRole("textbox", { name: t.case_title_label }).fill("Familie R.");
      await page.getByRole("button", { name: t.new_case }).click();
      await page.getByRole("heading", { level: 1, name: "Familie R." }).waitFor();
      await page.getByRole("textbox", { name: t.note_author }).fill("Amal");
      for (const text of ["Erstgespräch, Unterlagen vom Jobcenter fehlen noch.", "Jobcenter angerufen: Termin am Dienstag steht."]) {
        await page.getByRole("textbox", { name: t.note_text }).fill(text);
        await page.getByRole("button", { name: t.save_note }).click();
        await mainArea.getByText(text).waitFor();
      }
      assert.equal(await page.getByRole("textbox", { name: t.note_author }).inputValue(), "Amal");
      await look(page, `${lang}-6-notes`);
      assert.deepEqual(phone.consoleErrors, []);
    } finally {
      await phone.close();
      await laptop.close();
    }
  });
}
