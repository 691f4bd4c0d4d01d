// Shared pieces of the browser tests: Chromium, users in their own browser contexts, steps with
// a watchdog, screenshots, and a check that no page ever logged an error.
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
const NO_CALL_URL = /\/api\/rooms\/\d+\/call$/;
export const STEP_TIMEOUT_MS = 15_000;
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
export const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
export const PASSWORD = 'correct-horse-battery';

/** A run of one browser test script: `node e2e/<name>.mjs <baseUrl>`; `chromiumArgs` add to the launch flags. */
export function browserTest(name, body, { timeoutMs = 150_000, chromiumArgs = [] } = {}) {
  const baseUrl = process.argv[2] || process.env.BASE_URL;
  const screenshotDir = process.env.SCREENSHOT_DIR || '';
  const docsDir = process.env.DOCS_SCREENSHOT_DIR || '';
  const problems = [];
  /** Pages emulating a lost network, until when: their network errors are expected. */
  const offlineUntil = new Map();
  /** Pages whose failed requests (refused or cut on purpose) are expected, until when. */
  const failuresUntil = new Map();
  let current = 'starting';
  let browser = null;
  const pages = [];

  const t = {
    baseUrl,
    suffix: `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`,
    step(text) {
      current = text;
      console.log(`${name}: ${text}`);
    },
    fail(message) {
      throw new Error(message);
    },
    /** A fresh browser context (its own storage, like another person's device). */
    async newUser(options = DESKTOP) {
      const context = await browser.newContext({ ...options, colorScheme: options.colorScheme ?? 'light' });
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      const page = await context.newPage();
      const label = `page ${pages.length + 1}`;
      page.on('console', (message) => {
        const offline = (offlineUntil.get(page) ?? 0) > Date.now() && /net::ERR_|WebSocket connection/.test(message.text());
        const failing = (failuresUntil.get(page) ?? 0) > Date.now() && /Failed to load resource|net::ERR_/.test(message.text());
        // A room without a call answers 404 to GET /api/rooms/{id}/call: the documented "none".
        const noCall = /status of 404/.test(message.text()) && NO_CALL_URL.test(message.location()?.url ?? '');
        // Chromium refuses push subscriptions in the throwaway profiles tests run in, and says so itself
        const noPushHere = /does not support the Push API in incognito mode/.test(message.text());
        const expected = offline || failing || noCall || noPushHere;
        if (message.type() === 'error' && !expected) {
          const where = message.location()?.url ? ` (${message.location().url})` : '';
          problems.push(`${label}: console error: ${message.text()}${where}`);
        }
      });
      page.on('pageerror', (error) => problems.push(`${label}: page error: ${error.message}`));
      page.on('dialog', (dialog) => {
        problems.push(`${label}: unexpected dialog "${dialog.message()}"`);
        void dialog.dismiss();
      });
      pages.push(page);
      return { context, page };
    },
    /** Takes a context off the network or back; network errors meanwhile are expected. */
    async setOffline(context, offline) {
      for (const page of context.pages()) offlineUntil.set(page, offline ? Number.POSITIVE_INFINITY : Date.now() + 3_000);
      await context.setOffline(offline);
    },
    /** Requests of this page that fail meanwhile are expected (the test refuses or cuts them). */
    expectFailedRequests(page, durationMs = 10_000) {
      failuresUntil.set(page, Date.now() + durationMs);
    },
    /** A debugging screenshot (SCREENSHOT_DIR). */
    async shot(page, file) {
      if (!screenshotDir) return;
      mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: path.join(screenshotDir, `${file}.png`) });
    },
    /** A screenshot for the documentation (DOCS_SCREENSHOT_DIR), of the viewport only. */
    async docsShot(page, file) {
      const dir = docsDir || screenshotDir;
      if (!dir) return;
      mkdirSync(dir, { recursive: true });
      const target = path.join(dir, `${file}.png`);
      await page.screenshot({ path: target, animations: 'disabled', caret: 'hide' });
      console.log(`${name}: saved ${target}`);
    },
  };

  const watchdog = setTimeout(() => {
    console.error(`${name}: FAILED: timed out after ${timeoutMs / 1000}s during "${current}"`);
    process.exit(2);
  }, timeoutMs);

  (async () => {
    if (!baseUrl) t.fail('no base URL: pass it as the first argument or set BASE_URL');
    try {
      await access(CHROMIUM, constants.X_OK);
    } catch {
      t.fail(`Chromium not found at ${CHROMIUM} (install it with: apt-get install -y chromium)`);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...chromiumArgs], headless: true });
    try {
      await body(t);
      t.step('check the browser consoles');
      if (problems.length) t.fail(`the browser reported errors:\n  ${problems.join('\n  ')}`);
    } catch (error) {
      for (const [i, page] of pages.entries()) await t.shot(page, `failure-${i + 1}`).catch(() => {});
      throw error;
    } finally {
      await browser.close();
    }
  })().then(
    () => {
      clearTimeout(watchdog);
      console.log(`${name}: PASSED`);
    },
    (error) => {
      clearTimeout(watchdog);
      console.error(`${name}: FAILED during "${current}": ${error instanceof Error ? error.message : error}`);
      if (problems.length && !String(error?.message).includes('the browser reported errors')) {
        console.error(`${name}: the browser also reported:\n  ${problems.join('\n  ')}`);
      }
      process.exitCode = 1;
    },
  );
}

/** Registers through the UI and waits for the signed-in app. */
export async function register(t, page, { username, displayName }) {
  await page.goto(new URL('/register', t.baseUrl).href);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.com`);
  await page.getByLabel('Display name', { exact: true }).fill(displayName);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account', exact: true }).click();
  await page.getByRole('heading', { name: 'Chats' }).waitFor();
}

/** Signs an existing account in through the sign-in page and waits for the signed-in app. */
export async function signIn(t, page, username) {
  await page.goto(new URL('/sign-in', t.baseUrl).href);
  await page.getByLabel('Username or email', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Chats' }).waitFor();
}

/**
 * A username for this run: the plain name on a fresh server (FRESH_SERVER=1, as the JUnit tests
 * start one per script), else made unique, within the 32 characters usernames allow.
 */
export function uniqueName(t, base) {
  return process.env.FRESH_SERVER === '1' ? base : `${base}_${t.suffix}`.slice(0, 32);
}

/** Dismisses the notification offer if it is shown (it would cover part of the room list). */
export async function dismissNotificationOffer(page) {
  const later = page.getByRole('button', { name: 'Not now' });
  if (await later.isVisible().catch(() => false)) await later.click();
}

/** Opens "New message", finds a user by name and opens the direct room with them. */
export async function startDirect(page, query, user) {
  await page.getByRole('button', { name: 'New message' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.getByLabel('To').fill(query);
  await dialog.getByRole('button', { name: `${user.displayName} @${user.username}` }).click();
  await page.getByTestId('room-title').filter({ hasText: user.displayName }).waitFor();
}

/** Types into the composer and presses Enter. */
export async function send(page, text) {
  const composer = page.getByTestId('composer');
  await composer.fill(text);
  await composer.press('Enter');
}

/** The text of every rendered message in the open conversation, in order. */
export async function messageTexts(page) {
  return page.getByTestId('message').evaluateAll((rows) =>
    rows.map((row) => row.querySelector('[data-testid="message-content"]')?.textContent?.trim() ?? '[deleted]'),
  );
}

/** Waits until a confirmed message with this exact text (or matching this pattern) is shown, and returns it. */
export async function message(page, text) {
  const row = page.getByTestId('message').filter({ has: page.getByTestId('message-content').getByText(text, { exact: true }) });
  await row.first().waitFor();
  return row.first();
}

/** Calls the API with a signed-in page's own access token; answers `{status, body}`. */
export async function apiAs(page, method, path, body) {
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('parley.session') ?? 'null')?.accessToken);
  const response = await page.request.fetch(new URL(path, page.url()).href, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status(), body: text ? JSON.parse(text) : null };
}

/**
 * Presses and holds a message with a finger until its action sheet opens (it opens while the
 * finger is still down), then lifts the finger; returns the sheet.
 */
export async function longPress(t, page, row) {
  const bubble = row.locator('[data-testid="message-content"], [data-testid="deleted-message"]').first();
  await bubble.scrollIntoViewIfNeeded();
  const box = await bubble.boundingBox();
  if (!box) t.fail('the message is not on screen');
  const cdp = await page.context().newCDPSession(page);
  const point = { x: box.x + Math.min(20, box.width / 2), y: box.y + box.height / 2 };
  const sheet = page.getByRole('dialog', { name: 'Message actions' });
  try {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
    await sheet.waitFor();
  } finally {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
  }
  return sheet;
}

/** Fails unless `locator` covers the whole viewport (a full-screen pane on a phone). */
export async function expectFullScreen(t, page, locator, what) {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (!box || box.x > 0 || box.y > 0 || box.x + box.width < viewport.width - 1 || box.y + box.height < viewport.height - 1) {
    t.fail(`${what} should fill the screen, it is ${JSON.stringify(box)} of ${JSON.stringify(viewport)}`);
  }
}

/** Waits for `predicate(page)` to hold, polling; fails with `what` after the step timeout. */
export async function eventually(t, what, predicate, timeoutMs = STEP_TIMEOUT_MS) {
  const until = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await predicate();
      if (last === true) return;
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() > until) t.fail(`${what} (last seen: ${JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function expectNoHorizontalOverflow(t, page, where) {
  const overflow = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const wide = [...document.querySelectorAll('body *')].filter((el) => {
      const rect = el.getBoundingClientRect();
      return rect.width > 0 && rect.right > window.innerWidth + 1 && getComputedStyle(el).position !== 'fixed';
    });
    return { page: root.scrollWidth - root.clientWidth, elements: wide.slice(0, 3).map((el) => el.className || el.tagName) };
  });
  if (overflow.page > 0) t.fail(`${where} overflows horizontally by ${overflow.page}px (${overflow.elements.join(', ')})`);
}

/** Every visible control has an accessible name (text, a label, aria-label or aria-labelledby). */
export async function expectLabelledControls(t, page, where) {
  const unnamed = await page.evaluate(() => {
    const named = (el) => {
      if (el.getAttribute('aria-label')?.trim() || el.getAttribute('title')?.trim()) return true;
      const by = el.getAttribute('aria-labelledby');
      if (by && by.split(/\s+/).some((id) => document.getElementById(id)?.textContent?.trim())) return true;
      if (el.labels && [...el.labels].some((label) => label.textContent?.trim())) return true;
      return ['BUTTON', 'A'].includes(el.tagName) && el.textContent?.trim();
    };
    return [...document.querySelectorAll('button, a[href], input, textarea, select, [role="button"], [tabindex="0"]')]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      .filter((el) => !named(el))
      .map((el) => el.outerHTML.slice(0, 120));
  });
  if (unnamed.length) t.fail(`${where}: controls without a name:\n  ${unnamed.join('\n  ')}`);
}
