// Lotse in the members' languages, end to end against the release build: the first visit
// follows the browser's languages, the picker switches and remembers, Arabic and Persian lay
// out right to left (proven on a screenshot), dates and numbers are written the language's way.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { waitForServiceWorker, withBrowser } from "./browser.mjs";
import { startStaticServer } from "./static-server.mjs";
import { copyOfRelease } from "./deploy.mjs";

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), ".artifacts", "screenshots");

let server;
before(async () => {
  server = await startStaticServer(await copyOfRelease());
  await mkdir(SCREENSHOTS, { recursive: true });
});
after(async () => {
  await server?.close();
});

const htmlLangDir = (page) => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);

test("the first visit speaks the browser's first language Lotse knows", async () => {
  const cases = [
    ["ar-SY", "ar", "rtl", "اليوم"],
    ["tr-TR", "tr", "ltr", "Bugün"],
    ["fa-IR", "fa", "rtl", "امروز"],
    ["uk-UA", "uk", "ltr", "Сьогодні"],
    ["ru-RU", "ru", "ltr", "Сегодня"],
    ["en-GB", "en", "ltr", "Today"],
    // Albanian is not (yet) one of Lotse's languages: German, the default.
    ["sq-AL", "de", "ltr", "Heute"],
  ];
  for (const [locale, lang, dir, todayHeading] of cases) {
    await withBrowser({ locale }, async ({ page }) => {
      await page.goto(server.url);
      await page.getByRole("heading", { level: 1, name: todayHeading }).waitFor();
      assert.deepEqual(await htmlLangDir(page), [lang, dir], locale);
    });
  }
});

test("the language picker switches at once and the choice is kept", async () => {
  await withBrowser({}, async ({ page }) => {
    await page.goto(server.url);
    // The globe in the header leads to the picker, whatever language the app opened in.
    await page.getByRole("banner").getByRole("link", { name: "Sprache der App" }).click();
    await page.getByRole("combobox", { name: "Sprache der App" }).selectOption({ label: "Українська" });
    await page.getByRole("heading", { level: 1, name: "Налаштування" }).waitFor();
    assert.deepEqual(await htmlLangDir(page), ["uk", "ltr"]);
    await page.getByRole("navigation", { name: "Головне меню" }).getByRole("link", { name: "Помічники" }).waitFor();

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Налаштування" }).waitFor();
    assert.equal(await page.getByRole("combobox", { name: "Мова застосунку" }).inputValue(), "uk");

    await page.getByRole("combobox", { name: "Мова застосунку" }).selectOption({ label: "العربية" });
    await page.getByRole("heading", { level: 1, name: "الإعدادات" }).waitFor();
    assert.deepEqual(await htmlLangDir(page), ["ar", "rtl"]);
  });
});

test("a phone downloads only its own language, and has every other one offline", async () => {
  await withBrowser({ locale: "ar-SY" }, async ({ context, page }) => {
    const languageFiles = [];
    page.on("request", (request) => {
      const file = new URL(request.url()).pathname.match(/^\/i18n\/(\w+)\.txt$/)?.[1];
      if (file && !request.serviceWorker()) languageFiles.push(file);
    });
    await page.goto(server.url);
    await page.getByRole("heading", { level: 1, name: "اليوم" }).waitFor();
    assert.deepEqual(languageFiles, ["ar"], "the page asked for Arabic alone");
    await waitForServiceWorker(page);
    // Really offline: a language never used on this phone still switches.
    await context.setOffline(true);
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "اليوم" }).waitFor();
    await page.getByRole("banner").getByRole("link", { name: "لغة التطبيق" }).click();
    await page.getByRole("combobox", { name: "لغة التطبيق" }).selectOption({ label: "Türkçe" });
    await page.getByRole("heading", { level: 1, name: "Ayarlar" }).waitFor();
    assert.deepEqual(await htmlLangDir(page), ["tr", "ltr"]);
  });
});

/**
 * The free margins either side of the dark pixels (the ink) in a region of a screenshot.
 * Decoded by the browser itself, no image library needed.
 */
async function inkMargins(page, png, box) {
  return page.evaluate(
    async ({ data, box }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = new OffscreenCanvas(image.width, image.height);
      const context = canvas.getContext("2d");
      context.drawImage(image, 0, 0);
      const { data: pixels } = context.getImageData(box.x, box.y, box.width, box.height);
      let first = box.width;
      let last = -1;
      for (let y = 0; y < box.height; y++) {
        for (let x = 0; x < box.width; x++) {
          const i = (y * box.width + x) * 4;
          if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 300) {
            first = Math.min(first, x);
            last = Math.max(last, x);
          }
        }
      }
      return { left: first, right: box.width - 1 - last };
    },
    { data: png.toString("base64"), box },
  );
}

test("Arabic and Persian lay out right to left: a screenshot shows it", async () => {
  const margins = {};
  for (const locale of ["de-DE", "ar", "fa"]) {
    await withBrowser({ locale }, async ({ page }) => {
      await page.goto(`${server.url}/helpers`);
      const heading = page.getByRole("heading", { level: 1 });
      await heading.waitFor();
      const png = await page.screenshot({ path: path.join(SCREENSHOTS, `helpers-${locale}.png`) });
      const box = await heading.boundingBox();
      // The heading's whole line, from the page's left edge to its right edge.
      const line = { x: 0, y: Math.round(box.y), width: 360, height: Math.round(box.height) };
      margins[locale] = await inkMargins(page, png, line);

      const nav = page.getByRole("navigation").first();
      const first = await nav.getByRole("link").first().boundingBox();
      const last = await nav.getByRole("link").last().boundingBox();
      const search = await page.getByRole("searchbox").or(page.getByRole("textbox")).first().boundingBox();
      const label = await page.locator("label").first().boundingBox();
      if (locale === "de-DE") {
        assert.ok(first.x < last.x, "German: the navigation starts on the left");
        assert.ok(label.x - search.x < 4, "German: labels start at the left edge of their field");
      } else {
        assert.ok(first.x > last.x, `${locale}: the navigation starts on the right`);
        const labelEnd = label.x + label.width;
        const searchEnd = search.x + search.width;
        assert.ok(searchEnd - labelEnd < 4, `${locale}: labels start at the right edge of their field`);
      }
    });
  }
  // The heading's text hugs the side where reading starts, with the free space after it.
  const { "de-DE": de, ar, fa } = margins;
  assert.ok(de.left < 24 && de.right > de.left, `German heading margins ${JSON.stringify(de)}`);
  assert.ok(ar.right < 24 && ar.left > ar.right, `Arabic heading margins ${JSON.stringify(ar)}`);
  assert.ok(fa.right < 24 && fa.left > fa.right, `Persian heading margins ${JSON.stringify(fa)}`);
});

test("dates and numbers are written the way each language writes them", async () => {
  const languages = {
    "de-DE": { date: "1. Dez. 2026", person: "Person oder Familie", open: "Fall anlegen", author: "Geschrieben von", text: "Was ist passiert?", followUp: "Wiedervorlage", save: "Notiz speichern" },
    "en-GB": { date: "1 Dec 2026", person: "Person or family", open: "Open case", author: "Written by", text: "What happened?", followUp: "Follow-up", save: "Save note" },
    "fa-IR": { date: "۱ دسامبر ۲۰۲۶", person: "فرد یا خانواده", open: "باز کردن پرونده", author: "نویسنده", text: "چه اتفاقی افتاد؟", followUp: "پیگیری", save: "ذخیره یادداشت" },
  };
  for (const [locale, words] of Object.entries(languages)) {
    await withBrowser({ locale }, async ({ page }) => {
      await page.goto(`${server.url}/cases`);
      await page.getByRole("textbox", { name: words.person }).fill("Familie K.");
      await page.getByRole("button", { name: words.open }).click();
      await page.getByRole("textbox", { name: words.author }).fill("Olga");
      await page.getByRole("textbox", { name: words.text }).fill("Termin vereinbart.");
      await page.getByLabel(words.followUp).fill("2026-12-01");
      await page.getByRole("button", { name: words.save }).click();
      await page.getByText("Termin vereinbart.").waitFor();
      await page.getByText(words.date).first().waitFor();
      // What people typed keeps its own direction inside a right-to-left page.
      assert.equal(await page.getByRole("heading", { level: 1, name: "Familie K." }).getAttribute("dir"), "auto");
      assert.equal(await page.getByText("Termin vereinbart.").getAttribute("dir"), "auto");
    });
  }
  // Counts in Persian digits: the demo data's helpers in the search.
  await withBrowser({ locale: "fa-IR" }, async ({ page }) => {
    await page.goto(`${server.url}/settings`);
    await page.getByRole("button", { name: "امتحان نسخه نمایشی" }).click();
    await page.getByRole("banner").getByText("انجمن پل (نمایشی)").waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "یاری‌رسان‌ها" }).click();
    await page.getByText("۱۲ از ۶۰ نشان داده شد – جستجو را محدودتر کنید").waitFor();
  });
});

test("German offices keep their names, explained in the reader's language", async () => {
  await withBrowser({ locale: "ar" }, async ({ page }) => {
    await page.goto(`${server.url}/requests/new`);
    const place = page.getByRole("combobox", { name: "المكان أو الجهة" });
    await place.waitFor();
    // The suggestions the place field offers (a datalist has no role until it is opened).
    const suggestions = await place.evaluate((input) => [...input.list.options].map((o) => [o.value, o.label]));
    const office = Object.fromEntries(suggestions);
    assert.equal(office["Ausländerbehörde"], "Ausländerbehörde – دائرة الأجانب: الإقامة، التأشيرة، التجنيس");
    assert.ok(office.Jobcenter.startsWith("Jobcenter – مركز العمل"));
    assert.ok(office.Jugendamt.startsWith("Jugendamt – "));
  });
});

test("on a 360 px phone nothing in the forms is cut off or pushed apart, in German and Arabic", async () => {
  for (const lang of ["de", "ar"]) {
    await withBrowser({}, async ({ page }) => {
      await page.goto(server.url);
      await page.getByRole("navigation").first().waitFor();
      await page.evaluate((lang) => localStorage.setItem("lotse.language", lang), lang);
      await page.goto(`${server.url}/members/new`);
      const grid = page.locator(".availability .grid-frame");
      await grid.waitFor();
      const cut = await grid.evaluate((frame) => frame.scrollWidth - frame.clientWidth);
      assert.ok(cut <= 1, `${lang}: the availability grid is ${cut} px wider than its box`);
      await page.goto(`${server.url}/requests/new`);
      // Wait for the form: on a busy machine the page may still be drawing.
      await page.locator("#request-language-2").waitFor();
      const gaps = await page.locator(".inline-fields > .field").evaluateAll((fields) =>
        fields.map((field) => {
          const label = field.querySelector("label").getBoundingClientRect();
          const control = field.querySelector("select, input").getBoundingClientRect();
          return control.top - label.bottom;
        }),
      );
      assert.ok(gaps.length >= 2, "side-by-side fields are there");
      for (const gap of gaps) assert.ok(gap < 16, `${lang}: ${gap} px between a label and its field`);
    });
  }
});
