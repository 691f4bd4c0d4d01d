// Browser smoke test: registers, reloads, signs out and signs in again through the real UI.
// Usage: node web/e2e/smoke.mjs <baseUrl>   (or BASE_URL=...; SCREENSHOT_DIR=... saves screenshots)
import { mkdirSync } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const OVERALL_TIMEOUT_MS = 120_000;
const STEP_TIMEOUT_MS = 15_000;

const baseUrl = process.argv[2] || process.env.BASE_URL;
const screenshotDir = process.env.SCREENSHOT_DIR || '';

let currentStep = 'starting';
const problems = [];

function step(name) {
  currentStep = name;
  console.log(`smoke: ${name}`);
}

function fail(message) {
  throw new Error(message);
}

async function screenshot(page, name) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`smoke: saved ${file}`);
}

async function expectNoHorizontalOverflow(page, where) {
  const overflow = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  if (overflow > 0) fail(`${where} overflows horizontally by ${overflow}px at a 320px wide viewport`);
}

async function expectUserShown(page, displayName) {
  const name = page.getByTestId('current-user-name');
  await name.waitFor({ state: 'visible' });
  const shown = (await name.textContent())?.trim();
  if (shown !== displayName) fail(`header shows "${shown}", expected "${displayName}"`);
  await page.getByText('Your conversations will appear here').waitFor({ state: 'visible' });
}

async function run(page) {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const username = `smoke_${suffix}`.slice(0, 32);
  const email = `${username}@example.com`;
  const displayName = `Smoke Tester ${suffix.slice(-4)}`;
  const password = `pw-${suffix}-Secret!`;

  step('open the app (expect the sign-in page)');
  await page.goto(new URL('/', baseUrl).href, { waitUntil: 'load' });
  await page.getByRole('heading', { name: 'Welcome back' }).waitFor({ state: 'visible' });
  const title = await page.title();
  if (!title.includes('Parley')) fail(`page title is "${title}", expected it to mention Parley`);

  step('client-side validation on an empty sign-in form');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText('Enter your username or email.').waitFor({ state: 'visible' });

  step('go to the register page');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByRole('heading', { name: 'Create your account' }).waitFor({ state: 'visible' });

  step('register a new user');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Display name', { exact: true }).fill(displayName);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await screenshot(page, '1-register');
  await page.getByRole('button', { name: 'Create account', exact: true }).click();

  step('see the signed-in shell with the display name');
  await expectUserShown(page, displayName);
  await screenshot(page, '2-signed-in');

  step('check the layout at 320px wide');
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalOverflow(page, 'the signed-in shell');
  await screenshot(page, '3-signed-in-narrow');
  await page.setViewportSize({ width: 1280, height: 800 });

  step('reload (still signed in)');
  await page.reload({ waitUntil: 'load' });
  await expectUserShown(page, displayName);

  step('sign out');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Welcome back' }).waitFor({ state: 'visible' });
  const stored = await page.evaluate(() => window.localStorage.getItem('parley.session'));
  if (stored !== null) fail('the session is still in localStorage after signing out');

  step('the app is installable: a valid manifest with icons, and a service worker');
  const cdp = await page.context().newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  if (!manifest.url.endsWith('/manifest.webmanifest') || manifest.errors.length) {
    fail(`manifest problems: ${JSON.stringify(manifest.errors)} (${manifest.url})`);
  }
  const manifestType = await page.evaluate(async (url) => (await fetch(url)).headers.get('content-type'), manifest.url);
  if (!manifestType || !manifestType.startsWith('application/manifest+json')) {
    fail(`the manifest is served as ${manifestType}, not application/manifest+json`);
  }
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Browser contexts of automated runs are incognito, which alone prevents installing.
  const blocking = installabilityErrors.filter((e) => e.errorId !== 'in-incognito');
  if (blocking.length) fail(`not installable: ${JSON.stringify(blocking)}`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload({ waitUntil: 'load' });
  const cached = await page.evaluate(async () => {
    if (!navigator.serviceWorker.controller) return null;
    const names = await caches.keys();
    const urls = [];
    for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  if (!cached) fail('the service worker does not control the page after a reload');
  if (!cached.includes('/') || !cached.some((p) => p.startsWith('/assets/'))) fail(`the app shell is not cached: ${cached}`);
  if (cached.some((p) => p.startsWith('/api') || p.startsWith('/socket.io'))) fail(`dynamic responses were cached: ${cached}`);

  step('the app opens without a network');
  await page.context().setOffline(true);
  await page.reload({ waitUntil: 'load' });
  await page.getByRole('heading', { name: 'Welcome back' }).waitFor({ state: 'visible' });
  await page.context().setOffline(false);
  await cdp.detach();

  step('check the sign-in page at 320px wide');
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalOverflow(page, 'the sign-in page');
  await screenshot(page, '4-sign-in-narrow');
  await page.setViewportSize({ width: 1280, height: 800 });

  step('sign in again');
  await page.getByLabel('Username or email', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectUserShown(page, displayName);
  await screenshot(page, '5-signed-in-again');
}

async function main() {
  if (!baseUrl) fail('no base URL: pass it as the first argument or set BASE_URL');
  try {
    await access(CHROMIUM, constants.X_OK);
  } catch {
    fail(`Chromium not found at ${CHROMIUM} (install it with: apt-get install -y chromium)`);
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const where = message.location()?.url ? ` (${message.location().url})` : '';
        problems.push(`console error: ${message.text()}${where}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    try {
      await run(page);
    } catch (error) {
      await screenshot(page, 'failure').catch(() => {});
      throw error;
    }
    step('check the console');
    if (problems.length) fail(`the browser reported errors:\n  ${problems.join('\n  ')}`);
  } finally {
    await browser.close();
  }
}

const watchdog = setTimeout(() => {
  console.error(`smoke: FAILED: timed out after ${OVERALL_TIMEOUT_MS / 1000}s during "${currentStep}"`);
  process.exit(2);
}, OVERALL_TIMEOUT_MS);

main().then(
  () => {
    clearTimeout(watchdog);
    console.log('smoke: PASSED');
  },
  (error) => {
    clearTimeout(watchdog);
    console.error(`smoke: FAILED during "${currentStep}": ${error instanceof Error ? error.message : error}`);
    if (problems.length && !String(error?.message).includes('the browser reported errors')) {
      console.error(`smoke: the browser also reported:\n  ${problems.join('\n  ')}`);
    }
    process.exitCode = 1;
  },
);
