// What a volunteer does with the app shell, end to end in Debian's Chromium against the
// optimised release build: first visit, saving, going offline for real, reloading offline,
// installability, updates, and storage trouble. Elements are found by role and name.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { waitForServiceWorker, withBrowser } from "./browser.mjs";
import { startStaticServer } from "./static-server.mjs";
import { copyOfRelease, newVersionOfRelease } from "./deploy.mjs";
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

let server;
before(async () => {
  server = await startStaticServer(await copyOfRelease());
});
after(async () => {
  await server?.close();
});

const header = (page) => page.getByRole("banner");
const nav = (page) => page.getByRole("navigation", { name: "Hauptnavigation" });
const nameField = (page) => page.getByRole("textbox", { name: "Name der Organisation" });

async function openSettings(page) {
  await nav(page).getByRole("link", { name: "Einstellungen" }).click();
  await page.getByRole("heading", { level: 1, name: "Einstellungen" }).waitFor();
}

async function saveName(page, name) {
  await nameField(page).fill(name);
  await page.getByRole("button", { name: "Speichern" }).click();
}

test("first visit on a phone: header, navigation, online status, settings", async () => {
  await withBrowser({}, async ({ page }) => {
    await page.goto(server.url);
    await page.getByRole("heading", { level: 1, name: "Heute" }).waitFor();
    assert.equal(await header(page).getByText("Lotse", { exact: true }).count(), 1);
    await header(page).getByRole("status").getByText("Online", { exact: true }).waitFor();
    assert.equal(await nav(page).getByRole("link").count(), 6);
    const navBox = await nav(page).boundingBox();
    assert.ok(navBox.y + navBox.height >= 639, `navigation sits at the bottom on a phone (${JSON.stringify(navBox)})`);

    await page.getByRole("link", { name: "Eine neue Organisation beginnen" }).click();
    await page.getByRole("heading", { level: 1, name: "Einstellungen" }).waitFor();
    assert.equal(await nav(page).getByRole("link", { name: "Einstellungen" }).getAttribute("aria-current"), "page");
    await page.getByText(/belegt \(\d+ %\)/).waitFor();
    await page.getByText(/Dauerhafte Speicherung: (nicht )?erlaubt/).waitFor();
    await page.getByText(/Geräte-Kennung: [0-9a-f-]{36}/).waitFor();
  });
});

test("on a laptop the navigation sits under the header", async () => {
  await withBrowser({ viewport: { width: 1280, height: 800 } }, async ({ page }) => {
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Heute" }).waitFor();
    const navBox = await nav(page).boundingBox();
    const headerBox = await header(page).boundingBox();
    assert.ok(navBox.y < 200 && navBox.y >= headerBox.y + headerBox.height - 1, JSON.stringify({ navBox, headerBox }));
  });
});

test("what was saved online is still there offline, after a reload", async () => {
  await withBrowser({}, async ({ context, page }) => {
    await page.goto(server.url);
    await openSettings(page);
    await saveName(page, "  Brücke   e.V. Dortmund ");
    await page.getByText("Gespeichert.", { exact: true }).waitFor();
    await header(page).getByText("Brücke e.V. Dortmund").waitFor();
    await waitForServiceWorker(page);

    await context.setOffline(true);
    await header(page).getByRole("status").getByText("Offline", { exact: true }).waitFor();
    await page.reload();
    await header(page).getByText("Brücke e.V. Dortmund").waitFor();
    await header(page).getByRole("status").getByText("Offline", { exact: true }).waitFor();
    // A deep link works offline too, and the form shows the stored name.
    await page.goto(`${server.url}/settings`);
    await page.getByRole("heading", { level: 1, name: "Einstellungen" }).waitFor();
    // The field is filled once the stored profile is read (a moment after the page shows).
    await header(page).getByText("Brücke e.V. Dortmund").waitFor();
    await page.waitForFunction(() => document.getElementById("org-name")?.value === "Brücke e.V. Dortmund");

    // Saving offline works and survives another offline reload.
    await saveName(page, "جمعية الجسر");
    await page.getByText("Gespeichert.", { exact: true }).waitFor();
    await page.reload();
    await header(page).getByText("جمعية الجسر").waitFor();
    await context.setOffline(false);
    await header(page).getByRole("status").getByText("Online", { exact: true }).waitFor();
  });
});

test("typed markup is shown as text, never run", async () => {
  await withBrowser({}, async ({ page }) => {
    const payload = `<img src=x onerror="document.title='pwned'"><b>Brücke</b>`;
    await page.goto(`${server.url}/settings`);
    await saveName(page, payload);
    await header(page).getByText(payload).waitFor();
    assert.equal(await header(page).locator("img, script").count(), 0);
    assert.notEqual(await page.title(), "pwned");
  });
});

test("a bad name gets a message next to the field and the typed text stays", async () => {
  await withBrowser({}, async ({ page }) => {
    await page.goto(`${server.url}/settings`);
    await saveName(page, "   ");
    const field = nameField(page);
    await page.getByText("Bitte einen Namen eingeben.").waitFor();
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    assert.match(await field.getAttribute("aria-describedby"), /org-name-error/);
    assert.equal(await field.inputValue(), "   ");

    const tooLong = "Verein ".repeat(12);
    await saveName(page, tooLong);
    await page.getByText("Höchstens 80 Zeichen.").waitFor();
    assert.equal(await field.inputValue(), tooLong);
  });
});

/** Fills the disk under the browser profile until not even a small write fits. */
async function fillTheDisk(page) {
  await page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open("disk-filler");
      request.onupgradeneeded = () => request.result.createObjectStore("junk");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const randomBytes = (size) => {
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
      return bytes;
    };
    let key = 0;
    for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 8]) {
      for (let tries = 0; tries < 200; tries++) {
        const stored = await new Promise((resolve) => {
          const tx = db.transaction("junk", "readwrite");
          tx.objectStore("junk").put(randomBytes(size), key++);
          tx.oncomplete = () => resolve(true);
          tx.onabort = () => resolve(false);
        });
        if (!stored) break;
      }
    }
    db.close();
  });
}

test(
  "a full device: the save fails with a clear message and nothing typed is lost",
  { skip: process.getuid() !== 0 && "needs root to give the browser a small disk (tmpfs); CI runs as root" },
  async () => {
    const disk = await mkdtemp(path.join(os.tmpdir(), "lotse-small-disk-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=40m", "tmpfs", disk]);
    try {
      await withBrowser({ profileDir: disk }, async ({ page }) => {
        await page.goto(`${server.url}/settings`);
        await nameField(page).waitFor();
        await fillTheDisk(page);

        await saveName(page, "Mahalle Dayanışma Derneği");
        const alert = page.getByRole("alert");
        await alert.getByText(/Speicher des Geräts ist voll/).waitFor();
        await alert.getByText(/Deine Eingabe ist noch da/).waitFor();
        assert.equal(await nameField(page).inputValue(), "Mahalle Dayanışma Derneği");

        // Once there is room again, the same text saves without retyping.
        await page.evaluate(
          () =>
            new Promise((resolve) => {
              const request = indexedDB.deleteDatabase("disk-filler");
              request.onsuccess = request.onerror = () => resolve();
            }),
        );
        await page.getByRole("button", { name: "Speichern" }).click();
        await page.getByText("Gespeichert.", { exact: true }).waitFor();
        await header(page).getByText("Mahalle Dayanışma Derneği").waitFor();
      });
    } finally {
      execFileSync("umount", ["-l", disk]);
      await rm(disk, { recursive: true, force: true });
    }
  },
);

test("a browser without IndexedDB says so, and a save attempt keeps the text", async () => {
  await withBrowser({}, async ({ page }) => {
    // As in browsers where storage is switched off: the API is simply not there.
    await page.addInitScript(() => Object.defineProperty(window, "indexedDB", { value: undefined }));
    await page.goto(`${server.url}/settings`);
    await page.getByRole("alert").getByText(/erlaubt Lotse keinen Speicher/).first().waitFor();
    await saveName(page, "Brücke e.V.");
    await page.getByRole("alert").getByText(/Deine Eingabe ist noch da/).waitFor();
    assert.equal(await nameField(page).inputValue(), "Brücke e.V.");
    assert.equal(await header(page).getByText("Brücke e.V.").count(), 0, "nothing pretends to be saved");
  });
});

test("another tab upgrading the database tells this tab to reload", async () => {
  await withBrowser({}, async ({ context, page }) => {
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Heute" }).waitFor();
    await page.getByRole("link", { name: "Eine neue Organisation beginnen" }).waitFor();
    // Another tab of the same origin: Lotse itself, as a volunteer would have it open twice.
    const other = await context.newPage();
    await other.goto(`${server.url}/settings`);
    await other.getByRole("heading", { level: 1, name: "Einstellungen" }).waitFor();
    await other.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const request = indexedDB.open("lotse", 1000);
          request.onsuccess = () => {
            request.result.close();
            resolve();
          };
          request.onerror = () => reject(request.error);
        }),
    );
    await page.getByRole("alert").getByText(/in einem anderen Tab aktualisiert/).waitFor();
    await page.getByRole("alert").getByRole("button", { name: "Neu laden" }).waitFor();
  });
});

test("data saved by a newer Lotse is reported as such, left untouched, and no reload is offered", async () => {
  await withBrowser({}, async ({ page }) => {
    // What a newer deployment left on the phone before an older one was deployed again
    // (written from another page of the same origin, before the app first opens).
    await page.route("**/blank", (route) =>
      route.fulfill({ contentType: "text/html", body: '<!doctype html><link rel="icon" href="data:,">' }),
    );
    await page.goto(`${server.url}/blank`);
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const request = indexedDB.open("lotse", 99);
          request.onupgradeneeded = () => request.result.createObjectStore("from-the-future");
          request.onsuccess = () => {
            request.result.close();
            resolve();
          };
          request.onerror = () => reject(request.error);
        }),
    );
    await page.goto(server.url);
    await page.getByRole("alert").getByText(/von einer neueren Version von Lotse gespeichert/).waitFor();
    assert.equal(await page.getByRole("alert").getByRole("button", { name: "Neu laden" }).count(), 0);
    const kept = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const request = indexedDB.open("lotse");
          request.onsuccess = () => {
            const db = request.result;
            resolve([db.version, [...db.objectStoreNames]]);
            db.close();
          };
        }),
    );
    assert.deepEqual(kept, [99, ["from-the-future"]]);
    // The lists do not pretend the organisation is empty ("0 gefunden"): they say why.
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Helfende" }).click();
    await page.getByRole("main").getByText(/Hier kann gerade nichts gezeigt werden/).waitFor();
    assert.equal(await page.getByRole("main").getByText(/0 gefunden/).count(), 0);
  });
});

test("Chromium finds the app installable", async () => {
  await withBrowser({}, async ({ context, page }) => {
    await page.goto(server.url);
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    const { url, errors } = await cdp.send("Page.getAppManifest");
    assert.match(url, /manifest\.webmanifest$/);
    assert.deepEqual(errors, []);
  });
});

test("a newly deployed version is offered as an update and applied on confirm", async () => {
  const v1 = await copyOfRelease();
  const deployment = await startStaticServer(v1);
  try {
    await withBrowser({}, async ({ page }) => {
      await page.goto(deployment.url);
      await page.getByRole("heading", { name: "Heute" }).waitFor();
      await waitForServiceWorker(page);
      assert.equal(await page.locator('meta[name="lotse-test-build"]').count(), 0);

      deployment.setRoot(await newVersionOfRelease("2"));
      await page.reload();
      const update = page.getByRole("button", { name: "Jetzt aktualisieren" });
      await update.waitFor();
      await page.getByText("Eine neue Version von Lotse ist da.").waitFor();
      // Until confirmed, the page keeps running the old version.
      assert.equal(await page.locator('meta[name="lotse-test-build"]').count(), 0);

      await Promise.all([page.waitForEvent("load"), update.click()]);
      await page.getByRole("heading", { name: "Heute" }).waitFor();
      assert.equal(await page.locator('meta[name="lotse-test-build"]').getAttribute("content"), "2");
      assert.equal(await update.count(), 0);
      const caches = await page.evaluate(() => caches.keys());
      assert.equal(caches.length, 1, `only the new version's cache is left: ${caches}`);
    });
  } finally {
    await deployment.close();
  }
});

test("a first start asks one question: join, start a new organisation, or try it", async () => {
  await withBrowser({}, async ({ page }) => {
    await page.goto(server.url);
    const welcome = page.getByRole("region", { name: "Willkommen bei Lotse" });
    await welcome.getByText("Wie wollt ihr anfangen?").waitFor();
    // Nothing that assumes the person starts the organisation.
    assert.equal(await page.getByText("Tragt zuerst den Namen eurer Organisation ein.").count(), 0);
    assert.equal(await page.getByRole("link", { name: "Mitglied hinzufügen" }).count(), 0);

    await welcome.getByRole("link", { name: "Einer Organisation beitreten" }).click();
    await page.getByRole("heading", { level: 1, name: "Einer Organisation beitreten" }).waitFor();
    await page.getByRole("textbox", { name: "Einladungs-Code" }).waitFor();
    await page.getByRole("button", { name: "Beitreten" }).waitFor();
    await page.goBack();

    await welcome.getByRole("button", { name: "Mit Beispieldaten ausprobieren" }).click();
    await page.getByRole("complementary", { name: "Beispieldaten" }).getByText(/^Demo mit erfundenen Daten/).waitFor();
    await welcome.waitFor({ state: "detached" });
  });
});

test("saving the first data asks for lasting storage quietly: no refusal is reported that nobody asked for", async () => {
  await withBrowser({}, async ({ page }) => {
    await page.goto(`${server.url}/settings`);
    await saveName(page, "Brücke e.V.");
    await page.getByText("Gespeichert.", { exact: true }).waitFor();
    const line = page.getByRole("status").filter({ hasText: /^Dauerhafte Speicherung: (nicht )?erlaubt/ });
    await line.waitFor();
    // Whatever the browser answered the automatic request, the page says no "refused".
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("Gespeichert.", { exact: true }).waitFor();
    assert.equal(await page.getByText(/Der Browser hat abgelehnt/).count(), 0);
    if (/nicht erlaubt/.test(await line.textContent())) {
      await page.getByText(/^Warum: Ohne diese Erlaubnis/).waitFor();
    }
  });
});
