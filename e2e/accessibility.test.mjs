// Lotse for everyone, checked on every page against the release build at 360x640:
// axe-core finds no violations (German and Arabic, light and dark), touch targets are at least
// 44x44 CSS px, nothing needs sideways scrolling at 200% text size, the keyboard reaches
// everything with a visible focus, and reduced motion means no motion.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, withBrowser } from "./browser.mjs";
import { startStaticServer } from "./static-server.mjs";
import { copyOfRelease } from "./deploy.mjs";
import { addMember } from "./phone.mjs";
import { axeViolations } from "./axe.mjs";

let server;
before(async () => {
  server = await startStaticServer(await copyOfRelease());
});
after(async () => {
  await server?.close();
});

const LANGUAGES = {
  "de-DE": { demo: "Demo ausprobieren", demoName: "Beispielverein Brücke (Demo)" },
  ar: { demo: "تجربة العرض التجريبي", demoName: "جمعية الجسر (تجريبية)" },
};

/** A browser with the demo organisation loaded, and the path of every page in the app. */
async function withDemoOrganisation(locale, body) {
  const browser = await openBrowser({ locale });
  const { page, consoleErrors } = browser;
  try {
    await page.goto(`${server.url}/settings`);
    await page.getByRole("button", { name: LANGUAGES[locale].demo }).click();
    await page.getByRole("banner").getByText(LANGUAGES[locale].demoName).waitFor();
    const firstLinkIn = async (path) => {
      await page.goto(`${server.url}${path}`);
      const link = page.getByRole("main").getByRole("list").getByRole("link").first();
      await link.waitFor();
      return new URL(await link.evaluate((a) => a.href)).pathname;
    };
    // A member with an offer, to reach the offer's page too.
    await open(page, "/helpers");
    const members = await page.getByRole("main").getByRole("list").getByRole("link").evaluateAll((links) => links.map((a) => new URL(a.href).pathname));
    let member;
    let offer;
    for (const candidate of members) {
      await open(page, candidate);
      const offerLinks = page.locator("main a[href^='/offers/']");
      if ((await offerLinks.count()) > 0) {
        member = candidate;
        offer = new URL(await offerLinks.first().evaluate((a) => a.href)).pathname;
        break;
      }
    }
    assert.ok(offer, "a demo member with an offer");
    // With a paused offer among them: paused cards are drawn differently.
    if ((await page.locator("main li.card.paused").count()) === 0) {
      await open(page, member);
      await page.locator("main li.card .actions button").first().click();
      await page.locator("main li.card.paused").first().waitFor();
    }
    // A request that names the person it is for: the link to them is a control too.
    await open(page, "/requests");
    const requests = await page.getByRole("main").getByRole("list").getByRole("link").evaluateAll((links) => links.map((a) => new URL(a.href).pathname));
    let forPerson;
    for (const candidate of requests) {
      await open(page, candidate);
      if ((await page.locator("main dl a[href^='/members/']").count()) > 0) {
        forPerson = candidate;
        break;
      }
    }
    assert.ok(forPerson, "a demo request for a member");
    const pages = [
      "/",
      "/helpers",
      "/members/new",
      member,
      `${member}/edit`,
      `${member}/offers/new`,
      `${member}/data`,
      `${member}/erase`,
      `${member}/consent`,
      offer,
      "/requests",
      "/requests/new",
      await firstLinkIn("/requests"),
      forPerson,
      "/cases",
      await firstLinkIn("/cases"),
      "/settings",
      "/board",
      "/board/report",
      "/no-such-page",
    ];
    await body(page, pages);
    assert.deepEqual(consoleErrors, [], "no errors in the console");
  } finally {
    await browser.close();
  }
}

async function open(page, path) {
  await page.goto(`${server.url}${path}`);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  // Lists fill in once storage has been read.
  await page.waitForFunction(() => performance.getEntriesByName("lotse-interactive").length > 0);
}

for (const locale of Object.keys(LANGUAGES)) {
  test(`axe-core finds no violations on any page (${locale}, light and dark)`, async () => {
    await withDemoOrganisation(locale, async (page, pages) => {
      const found = [];
      for (const scheme of ["light", "dark"]) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const path of pages) {
          await open(page, path);
          for (const violation of await axeViolations(page)) found.push(`${scheme} ${path} ${violation}`);
        }
      }
      assert.deepEqual(found, []);
    });
  });
}

/** Controls smaller than 44x44 CSS px; a checkbox or radio counts with its label. */
function smallTargets() {
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";
  const small = [];
  for (const element of document.querySelectorAll(selector)) {
    const target = ["checkbox", "radio"].includes(element.type) ? (element.closest("label") ?? element) : element;
    const box = target.getBoundingClientRect();
    const hidden = box.width <= 1 || box.height <= 1 || getComputedStyle(target).visibility === "hidden";
    if (hidden) continue;
    if (box.width < 44 || box.height < 44) {
      const name = element.getAttribute("aria-label") ?? element.textContent.trim().slice(0, 30);
      small.push(`${element.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return small;
}

/** How far the page scrolls sideways, and the first element sticking out; null if it does not. */
function sidewaysOverflow() {
  const root = document.documentElement;
  const overflow = root.scrollWidth - root.clientWidth;
  if (overflow <= 0) return null;
  const scrollsItself = (e) => {
    for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return true;
    return false;
  };
  const culprit = [...document.querySelectorAll("body *")].find(
    (e) => e.getBoundingClientRect().right > root.clientWidth + 1 && !scrollsItself(e),
  );
  return `${overflow}px sideways, e.g. ${culprit?.tagName.toLowerCase()} "${culprit?.textContent.trim().slice(0, 30)}"`;
}

test("every control is at least 44x44 CSS px, and nothing scrolls sideways at 200% text", async () => {
  await withDemoOrganisation("de-DE", async (page, pages) => {
    // Names are as long as people's names are; a long one is there whatever the demo drew.
    await addMember(page, "Wolfeschlegelsteinhausenbergerdorff Maximiliane");
    const longName = new URL(page.url()).pathname;
    const found = [];
    for (const path of [...pages, longName]) {
      await open(page, path);
      for (const small of await page.evaluate(smallTargets)) found.push(`${path}: ${small}`);
      await page.evaluate(() => {
        document.documentElement.style.fontSize = "200%";
      });
      const overflow = await page.evaluate(sidewaysOverflow);
      if (overflow) found.push(`${path}: at 200% text ${overflow}`);
    }
    assert.deepEqual(found, []);
  });
});

/** Whether the focused element shows where the focus is (outline or ring). */
function focusIsVisible() {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const ring = style.boxShadow !== "none";
  return { tag: element.tagName.toLowerCase(), text: element.textContent.trim().slice(0, 30), visible: outline || ring };
}

test("the keyboard alone finds a helper, with the focus always visible", async () => {
  await withDemoOrganisation("de-DE", async (page) => {
    await open(page, "/");
    // The first Tab offers to skip to the content.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Zum Inhalt springen");
    const invisible = [];
    const tabTo = async (isTarget) => {
      for (let presses = 0; presses < 60; presses++) {
        const focus = await page.evaluate(focusIsVisible);
        if (focus && !focus.visible) invisible.push(`${focus.tag} "${focus.text}"`);
        if (await page.evaluate(isTarget)) return;
        await page.keyboard.press("Tab");
      }
      assert.fail(`not reached by Tab: ${isTarget}`);
    };
    await tabTo(() => document.activeElement.textContent.trim() === "Helfende");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Wer kann helfen?" }).waitFor();
    await tabTo(() => document.activeElement.getAttribute("type") === "search" || document.activeElement.id === "search");
    await page.keyboard.type("a");
    await tabTo(() => document.activeElement.closest(".result-list") !== null);
    const name = (await page.evaluate(() => document.activeElement.textContent)).trim();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1 }).filter({ hasText: name.split("\n")[0].trim() }).waitFor();
    assert.deepEqual(invisible, [], "elements focused without a visible focus");
  });
});

test("with reduced motion nothing moves; in dark mode the page is dark", async () => {
  // The app itself has no motion today; the guard is what is tested: anything that moves,
  // now or added later, stops for people who asked for less motion – and only for them.
  const durations = (page) =>
    page.evaluate(() => {
      const probe = document.createElement("div");
      probe.style.transition = "opacity 1s";
      probe.style.animation = "spin 2s infinite";
      document.querySelector("main").append(probe);
      const style = getComputedStyle(probe);
      const result = [parseFloat(style.transitionDuration), parseFloat(style.animationDuration)];
      probe.remove();
      return result;
    });
  await withBrowser({}, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: "no-preference" });
    await open(page, "/");
    assert.deepEqual(await durations(page), [1, 2], "motion when nobody asked otherwise");
    await page.emulateMedia({ reducedMotion: "reduce", colorScheme: "dark" });
    assert.deepEqual(await durations(page), [0, 0], "no motion with prefers-reduced-motion");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = background.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 150, `dark background, got ${background}`);
  });
});
