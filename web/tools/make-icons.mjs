// Renders the app icons (PNG) from the logo drawing with Debian's Chromium.
// Usage: node tools/make-icons.mjs   (writes public/icons/*.png; commit the results)
import { writeFileSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const MARK = `
  <path d="M31 25h17a6 6 0 0 1 6 6v10a6 6 0 0 1-5 5.9V53l-7.5-6.5H31a6 6 0 0 1-6-6V31a6 6 0 0 1 6-6z" fill="#c7d2fe"/>
  <path d="M17 11h19a6 6 0 0 1 6 6v13a6 6 0 0 1-6 6H24l-8 7v-7.2a6 6 0 0 1-5-5.8V17a6 6 0 0 1 6-6z" fill="#ffffff" stroke="#4f46e5" stroke-width="3" stroke-linejoin="round" paint-order="stroke"/>`;

/** The logo as an app icon: rounded square for "any", full bleed with padding for "maskable". */
function svg(kind) {
  if (kind === 'maskable') {
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#4f46e5"/><g transform="translate(12.8 12.8) scale(0.6)">${MARK}</g></svg>`;
  }
  if (kind === 'apple') {
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#4f46e5"/><g transform="translate(6.4 6.4) scale(0.8)">${MARK}</g></svg>`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#4f46e5"/>${MARK}</svg>`;
}

const targets = [
  ['icon-192.png', 'any', 192],
  ['icon-512.png', 'any', 512],
  ['maskable-192.png', 'maskable', 192],
  ['maskable-512.png', 'maskable', 512],
  ['apple-touch-icon.png', 'apple', 180],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
});
try {
  mkdirSync('public/icons', { recursive: true });
  writeFileSync('public/icons/icon.svg', `${svg('any')}\n`);
  writeFileSync('public/icons/maskable.svg', `${svg('maskable')}\n`);
  for (const [file, kind, size] of targets) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg(kind).replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    writeFileSync(`public/icons/${file}`, await page.screenshot({ omitBackground: true, type: 'png' }));
    await page.close();
    console.log(`wrote public/icons/${file}`);
  }
} finally {
  await browser.close();
}
