// The board's overview as a board member preparing a meeting uses it: where help is missing,
// what rests on one person (and who that is), who carries how much – each figure leading to
// the records behind it; in German and right to left in Arabic.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { withBrowser } from "./browser.mjs";
import { startStaticServer } from "./static-server.mjs";
import { copyOfRelease } from "./deploy.mjs";
import { nav } from "./phone.mjs";
import { fill, texts } from "./texts.mjs";
import { readFile } from "node:fs/promises";

let server;

before(async () => {
  server = await startStaticServer(await copyOfRelease());
});

after(async () => {
  await server?.close();
});

/** Farid (Dari) accompanies to offices; a childcare request needs Tigrinya, which nobody speaks. */
async function smallOrganisation(page) {
  await page.goto(server.url);
  await nav(page).getByRole("link", { name: "Helfende" }).click();
  await page.getByRole("main").getByRole("link", { name: "Mitglied hinzufügen" }).click();
  await page.getByRole("textbox", { name: "Name" }).fill("Farid Ahmadi");
  await page.getByRole("textbox", { name: "Telefon" }).fill("0171 1234567");
  await page.getByRole("combobox", { name: "Sprache", exact: true }).selectOption({ label: "Dari" });
  await page.getByRole("combobox", { name: "Niveau" }).selectOption({ label: "Muttersprache" });
  await page.getByRole("button", { name: "Sprache hinzufügen" }).click();
  await page.getByRole("button", { name: "Speichern" }).click();
  await page.getByRole("heading", { level: 1, name: "Farid Ahmadi" }).waitFor();
  await page.getByRole("link", { name: "Angebot hinzufügen" }).click();
  await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Begleitung zu Ämtern und Terminen" });
  await page.getByRole("button", { name: "Speichern" }).click();
  await page.getByRole("heading", { level: 2, name: "Hilfsangebote" }).waitFor();
  await nav(page).getByRole("link", { name: "Anfragen" }).click();
  await page.getByRole("main").getByRole("link", { name: "Neue Anfrage" }).click();
  await page.getByRole("textbox", { name: "Wer braucht Hilfe?" }).fill("Familie T.");
  await page.getByRole("combobox", { name: "Art der Hilfe" }).selectOption({ label: "Kinderbetreuung" });
  await page.getByRole("combobox", { name: "Sprache", exact: true }).selectOption({ label: "Tigrinya" });
  await page.getByRole("button", { name: "Speichern" }).click();
  await page.getByRole("heading", { level: 1, name: /^Familie T\./ }).waitFor();
}

for (const [lang, locale] of [["de", "de-DE"], ["ar", "ar"]]) {
  test(`the overview shows a gap, a single point of failure and who carries what, each leading on (${lang})`, async () => {
    const t = texts(lang);
    await withBrowser({ viewport: { width: 1280, height: 900 } }, async ({ page, consoleErrors }) => {
      await smallOrganisation(page);
      if (lang === "ar") {
        await page.evaluate(() => localStorage.setItem("lotse.language", "ar"));
        await page.reload();
      }
      await page.getByRole("navigation", { name: t.nav_label }).getByRole("link", { name: t.nav_board }).click();
      await page.getByRole("heading", { level: 1, name: t.nav_board }).waitFor();
      if (lang === "ar") assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
      // This year: the request was taken today.
      await page.getByRole("combobox", { name: t.board_period }).selectOption({ label: t.board_this_year });

      // The gap: childcare in Tigrinya – asked once, nobody.
      const table = page.getByRole("region", { name: t.coverage_title }).getByRole("table");
      const childcare = table.getByRole("row", { name: new RegExp(`^${t.categories[0]}`) });
      const tigrinya = (await table.getByRole("columnheader").allTextContents()).indexOf(t.languageNames.ti);
      assert.ok(tigrinya > 0, "Tigrinya has a column because it was asked for");
      const gap = childcare.getByRole("cell").nth(tigrinya - 1);
      assert.equal(await gap.getAttribute("class"), "coverage-gap");
      assert.match(await gap.textContent(), /^0/);

      // The single point of failure, followed to the person.
      const single = page.getByRole("region", { name: t.single_title });
      await single.getByText(`${t.categories[2]} ${lang === "de" ? "auf" : "باللغة"} ${t.languageNames.prs}`, { exact: false }).waitFor();
      await single.getByRole("link", { name: "Farid Ahmadi" }).first().click();
      await page.getByRole("heading", { level: 1, name: "Farid Ahmadi" }).waitFor();
      await page.goBack();

      // A figure leads to the helpers it counts, the filters set.
      await page.getByRole("link", { name: `${t.categories[2]}${lang === "de" ? ", " : "، "}${t.languageNames.prs}: 1` }).click();
      await page.getByRole("list", { name: t.results_label }).getByRole("link", { name: "Farid Ahmadi", exact: true }).waitFor();
      assert.equal(await page.getByRole("combobox", { name: t.language_label, exact: true }).inputValue(), "prs");
      await page.goBack();

      // Who carries how much: Farid offered, was never asked.
      await page.getByRole("region", { name: t.load_title }).getByText(t.unused_title).waitFor();

      // The last twelve months: requests drawn by kind of help, and the same numbers in the
      // table under the charts – this month's requests (Farid's family's) counted in it.
      const trends = page.getByRole("region", { name: t.trends_title });
      await trends.getByRole("img", { name: fill(t.trends_chart, { what: t.trends_by_kind }) }).waitFor();
      const months = trends.getByRole("table");
      assert.equal(await months.getByRole("row").count(), 13, "a heading row and twelve months");
      const legend = (await trends.getByRole("listitem").allTextContents()).map((s) => s.trim());
      const headings = (await months.getByRole("columnheader").allTextContents()).map((s) => s.trim());
      assert.deepEqual(headings.slice(1, legend.length + 1), legend, "the legend's kinds are the table's columns");
      assert.equal(legend.at(-1), t.trends_other);
      const total = headings.indexOf(t.trends_requests);
      const thisMonth = await months.getByRole("row").last().getByRole("cell").nth(total - 1).textContent();
      assert.ok(Number(thisMonth.replace(/[^0-9٠-٩]/g, "").replace(/[٠-٩]/g, (d) => "٠١٢٣٤٥٦٧٨٩".indexOf(d))) >= 1, "this month's request counted");
      assert.deepEqual(consoleErrors, []);
    });
  });
}

for (const [lang, locale, demo] of [["de", "de-DE", "Demo ausprobieren"], ["ar", "ar", "تجربة العرض التجريبي"]]) {
  test(`the activity report for last quarter hides small numbers, prints and downloads for Excel (${lang})`, async () => {
    const t = texts(lang);
    await withBrowser({ locale }, async ({ page, consoleErrors }) => {
      await page.goto(`${server.url}/settings`);
      await page.getByRole("button", { name: demo }).click();
      await page.getByRole("complementary").waitFor();
      await page.getByRole("navigation", { name: t.nav_label }).getByRole("link", { name: t.nav_board }).click();
      await page.getByRole("link", { name: t.report_open }).click();
      await page.getByRole("heading", { level: 1, name: new RegExp(`^${t.report_title}`) }).waitFor();
      if (lang === "ar") assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
      // The last complete quarter is what it opens with.
      assert.equal(await page.getByRole("combobox", { name: t.report_span }).inputValue(), "quarter");
      const now = new Date();
      const quarter = Math.floor(now.getMonth() / 3);
      const [n, year] = quarter === 0 ? [4, now.getFullYear() - 1] : [quarter, now.getFullYear()];
      const which = page.getByRole("combobox", { name: t.report_which });
      assert.equal(await which.evaluate((s) => s.selectedOptions[0].textContent), fill(t.report_quarter_label, { n, year }));
      // The demo's year of history: requests in every kind, some counts small.
      const requests = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: t.report_helped }) });
      await requests.waitFor();
      assert.ok((await requests.getByRole("cell", { name: "< 5", exact: true }).count()) > 0, "small numbers hidden");
      // Nobody's name on it: none of the demo's people or families.
      const text = await page.getByRole("main").textContent();
      assert.doesNotMatch(text, /Familie [A-ZÄÖÜ]\./);
      assert.doesNotMatch(text, /Ahmadi|Petrenko|Yılmaz|Müller/);

      // On paper: only the report.
      await page.emulateMedia({ media: "print" });
      assert.equal(await page.getByRole("navigation", { name: t.nav_label }).isVisible(), false);
      assert.equal(await page.getByRole("button", { name: t.report_print }).isVisible(), false);
      assert.ok(await requests.isVisible());
      await page.emulateMedia({ media: "screen" });

      // The CSV: a byte order mark, semicolons, umlauts intact.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t.report_csv }).click()]);
      assert.match(download.suggestedFilename(), /^taetigkeitsbericht-\d{4}-\d\d-01\.csv$/);
      const bytes = await readFile(await download.path());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const csvText = bytes.subarray(3).toString("utf8");
      assert.match(csvText, new RegExp(`^${t.report_title} – `));
      assert.ok(csvText.includes(`${t.category_label};${t.report_helped};`));
      assert.ok(csvText.includes(";< 5"));
      // Every kind of help on the page, umlauts and all ("Tätigkeitsbericht" above has one).
      for (const kind of await requests.getByRole("rowheader").allTextContents()) {
        assert.ok(csvText.includes(`${kind};`), `${kind} in the CSV`);
      }
      assert.deepEqual(consoleErrors, []);
    });
  });
}
