#!/usr/bin/env node
// Renders the app icon (an SVG compass needle: Lotse = pilot) to the PNGs the manifest names,
// with Debian's Chromium. Run once after changing the design: node tools/make-icons.mjs

import { chromium } from "playwright-core";
import { writeFile } from "node:fs/promises";

const needle = (scale) => `
  <g transform="translate(256 256) scale(${scale}) translate(-256 -256)">
    <circle cx="256" cy="256" r="150" fill="none" stroke="#ffffff" stroke-width="26"/>
    <path d="M256 118 L300 256 L256 394 L212 256 Z" fill="#ffd166"/>
    <path d="M256 256 L300 256 L256 394 L212 256 Z" fill="#ffffff"/>
    <circle cx="256" cy="256" r="20" fill="#0f5f6b"/>
  </g>`;

const icons = [
  // "any": rounded tile; "maskable": full bleed, needle inside the 80 % safe zone.
  { file: "public/icons/icon-192.png", size: 192, svg: `<rect width="512" height="512" rx="108" fill="#0f5f6b"/>${needle(1)}` },
  { file: "public/icons/icon-512.png", size: 512, svg: `<rect width="512" height="512" rx="108" fill="#0f5f6b"/>${needle(1)}` },
  { file: "public/icons/icon-maskable-512.png", size: 512, svg: `<rect width="512" height="512" fill="#0f5f6b"/>${needle(0.78)}` },
];

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="${icon.size}" height="${icon.size}">${icon.svg}</svg></body></html>`,
    );
    await writeFile(icon.file, await page.screenshot({ omitBackground: true }));
    await page.close();
    console.log(`${icon.file} (${icon.size}x${icon.size})`);
  }
} finally {
  await browser.close();
}
