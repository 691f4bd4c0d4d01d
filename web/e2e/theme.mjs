// The colour theme: System follows the device; Light and Dark are the account's, so a reload and
// another device signed in as the same person show them too.
// Usage: node e2e/theme.mjs <baseUrl>   (SCREENSHOT_DIR saves screenshots)
import { DESKTOP, PASSWORD, browserTest, dismissNotificationOffer, eventually, register, uniqueName } from './lib.mjs';

const LIGHT_BG = 'rgb(245, 246, 250)';
const DARK_BG = 'rgb(14, 16, 22)';

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

async function expectScheme(t, page, scheme, where) {
  const want = scheme === 'dark' ? DARK_BG : LIGHT_BG;
  await eventually(t, `${where}: the page is ${scheme}`, async () => (await background(page)) === want);
}

function themeGroup(page) {
  return page.getByRole('dialog', { name: 'Settings' }).getByRole('radiogroup', { name: 'Theme' });
}

async function openSettings(page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  await themeGroup(page).waitFor();
}

async function closeSettings(page) {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Settings' }).waitFor({ state: 'detached' });
}

/** Picks a theme and waits until the server has stored it. */
async function choose(t, page, label, value) {
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname === '/api/me');
  await themeGroup(page).getByRole('radio', { name: label, exact: true }).check();
  const answer = await saved;
  if (answer.status() !== 200) t.fail(`saving the theme answered ${answer.status()}`);
  if (JSON.parse(answer.request().postData() ?? '{}').theme !== value) t.fail(`the theme saved is not ${value}`);
}

async function expectChecked(t, page, label) {
  if (!(await themeGroup(page).getByRole('radio', { name: label, exact: true }).isChecked())) t.fail(`"${label}" is not the chosen theme`);
}

browserTest('theme', async (t) => {
  const ada = { username: uniqueName(t, 'ada'), displayName: 'Ada Byron' };
  // The service worker would answer the reload from its cache; blocked, the page comes from the server.
  const a = await t.newUser({ ...DESKTOP, serviceWorkers: 'block' });

  t.step('a new account follows the device: light, then dark when the device turns dark');
  await register(t, a.page, ada);
  await dismissNotificationOffer(a.page);
  await expectScheme(t, a.page, 'light', 'a new account on a light device');
  await openSettings(a.page);
  await expectChecked(t, a.page, 'System');
  await a.page.emulateMedia({ colorScheme: 'dark' });
  await expectScheme(t, a.page, 'dark', 'System on a device turned dark');
  await a.page.emulateMedia({ colorScheme: 'light' });
  await expectScheme(t, a.page, 'light', 'System on a device turned light again');

  t.step('Dark applies at once and is saved to the account');
  await choose(t, a.page, 'Dark', 'dark');
  await expectScheme(t, a.page, 'dark', 'after choosing Dark');
  await t.shot(a.page, 'theme-dark-settings');
  await closeSettings(a.page);

  t.step('after a reload the page is still dark, on a light device');
  await a.page.reload();
  await a.page.getByRole('heading', { name: 'Chats' }).waitFor();
  await expectScheme(t, a.page, 'dark', 'after a reload');
  await openSettings(a.page);
  await expectChecked(t, a.page, 'Dark');
  await closeSettings(a.page);

  t.step('a choice the server cannot save is undone, and the person is told');
  t.expectFailedRequests(a.page);
  const refuse = (route) => (route.request().method() === 'PATCH' ? route.fulfill({ status: 503, body: '' }) : route.fallback());
  await a.page.route('**/api/me', refuse);
  await openSettings(a.page);
  await themeGroup(a.page).getByRole('radio', { name: 'Light', exact: true }).click();
  await a.page.getByRole('dialog', { name: 'Settings' }).getByRole('alert').filter({ hasText: 'could not be saved' }).waitFor();
  await expectScheme(t, a.page, 'dark', 'after a refused save');
  await expectChecked(t, a.page, 'Dark');
  await a.page.unroute('**/api/me', refuse);
  await closeSettings(a.page);

  t.step('another device signed in as the same person is dark too');
  const b = await t.newUser();
  await b.page.goto(new URL('/sign-in', t.baseUrl).href);
  await expectScheme(t, b.page, 'light', 'the sign-in page of a light device');
  await b.page.getByLabel('Username or email', { exact: true }).fill(ada.username);
  await b.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await b.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await b.page.getByRole('heading', { name: 'Chats' }).waitFor();
  await expectScheme(t, b.page, 'dark', 'the second device');
  await t.shot(b.page, 'theme-second-device');

  t.step('Light chosen on the second device: the first shows it on its next load');
  await dismissNotificationOffer(b.page);
  await openSettings(b.page);
  await choose(t, b.page, 'Light', 'light');
  await expectScheme(t, b.page, 'light', 'the second device after choosing Light');
  await a.page.emulateMedia({ colorScheme: 'dark' });
  await a.page.reload();
  await a.page.getByRole('heading', { name: 'Chats' }).waitFor();
  await expectScheme(t, a.page, 'light', 'the first device, dark itself, after a reload');

  t.step('System again: each device follows its own setting');
  await choose(t, b.page, 'System', 'system');
  await expectScheme(t, b.page, 'light', 'System on the light second device');
  await a.page.reload();
  await a.page.getByRole('heading', { name: 'Chats' }).waitFor();
  await expectScheme(t, a.page, 'dark', 'System on the dark first device');
  await a.page.emulateMedia({ colorScheme: 'light' });
  await expectScheme(t, a.page, 'light', 'System on the first device turned light');
});
