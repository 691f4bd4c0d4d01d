// Mentions and notification levels: Bob sets a group to "Mentions" (his second device follows);
// a plain message from Ann then neither notifies him nor marks a mention, while "@bob look",
// written with the composer's autocompletion from the keyboard, does both and is highlighted.
// Usage: node e2e/mentions.mjs <baseUrl>   (SCREENSHOT_DIR saves screenshots)
import { browserTest, dismissNotificationOffer, eventually, message, register, signIn, uniqueName } from './lib.mjs';

/**
 * Records the notifications the page shows instead of showing them, lets it believe permission
 * was granted, and reports the tab hidden while `window.__hidden` is set.
 */
function recordNotifications() {
  window.__notified = [];
  class RecordedNotification {
    static permission = 'granted';
    static requestPermission = async () => 'granted';
    constructor(title, options) {
      window.__notified.push({ title, body: options?.body ?? '' });
    }
    close() {}
  }
  window.Notification = RecordedNotification;
  const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState');
  Object.defineProperty(Document.prototype, 'visibilityState', {
    configurable: true,
    get() {
      return window.__hidden ? 'hidden' : visibility.get.call(this);
    },
  });
}

const notified = (page) => page.evaluate(() => window.__notified);

async function setHidden(page, hidden) {
  await page.evaluate((h) => {
    window.__hidden = h;
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

async function openDetails(page) {
  const panel = page.getByRole('complementary', { name: 'Room details' });
  await page.getByTestId('room-title').waitFor();
  // the button toggles the panel, which may also open by itself as the room loads: look again after each click
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await panel.isVisible().catch(() => false)) return panel;
    await page.getByRole('button', { name: 'Room details' }).click();
    if (await panel.waitFor({ timeout: 4_000 }).then(() => true, () => false)) return panel;
  }
  await panel.waitFor();
  return panel;
}

function levels(panel) {
  return panel.getByRole('radiogroup', { name: 'Notifications' });
}

browserTest('mentions', async (t) => {
  const ann = { username: uniqueName(t, 'ann'), displayName: 'Ann Lee' };
  const bob = { username: uniqueName(t, 'bob'), displayName: 'Bob Chen' };
  const a = await t.newUser();
  const b = await t.newUser();
  await b.context.addInitScript(recordNotifications);

  t.step('Ann and Bob register; Ann creates "Crew" with Bob');
  await register(t, a.page, ann);
  await register(t, b.page, bob);
  await dismissNotificationOffer(a.page);
  await dismissNotificationOffer(b.page);
  await a.page.getByRole('button', { name: 'New group' }).first().click();
  const dialog = a.page.getByRole('dialog', { name: 'New group' });
  await dialog.getByLabel('Group name').fill('Crew');
  await dialog.getByLabel('Add people').fill('Bob C');
  await dialog.getByRole('button', { name: `${bob.displayName} @${bob.username}` }).click();
  await dialog.getByRole('button', { name: 'Create group' }).click();
  await a.page.getByTestId('room-title').filter({ hasText: 'Crew' }).waitFor();

  t.step('at "All messages", the default, a plain message notifies Bob while his tab is hidden');
  await b.page.getByRole('link', { name: /^Crew/ }).waitFor();
  await setHidden(b.page, true);
  await a.page.getByTestId('composer').fill('hello crew');
  await a.page.getByTestId('composer').press('Enter');
  await eventually(t, 'Bob is notified of "hello crew"', async () => {
    const shown = await notified(b.page);
    return shown.length === 1 && shown[0].body === 'hello crew';
  });
  await setHidden(b.page, false);
  await b.page.evaluate(() => {
    window.__notified = [];
  });

  t.step("Bob's second device signs in and shows the group's details");
  const b2 = await t.newUser();
  await signIn(t, b2.page, bob.username);
  await dismissNotificationOffer(b2.page);
  await b2.page.getByRole('link', { name: /^Crew/ }).click();
  const b2Panel = await openDetails(b2.page);
  if (!(await levels(b2Panel).getByRole('radio', { name: 'All messages' }).isChecked())) t.fail('a group starts at "All messages"');

  t.step('Bob sets the group to "Mentions"; his second device follows at once');
  await b.page.getByRole('link', { name: /^Crew/ }).click();
  const bPanel = await openDetails(b.page);
  const saved = b.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/notifications'));
  await levels(bPanel).getByRole('radio', { name: 'Mentions', exact: true }).check();
  if ((await saved).status() !== 200) t.fail('saving the level failed');
  await eventually(t, 'the second device shows "Mentions"', () =>
    levels(b2Panel).getByRole('radio', { name: 'Mentions', exact: true }).isChecked(),
  );
  await t.shot(b.page, 'mentions-level');

  t.step('both of Bob\'s devices leave the group; the first is hidden');
  for (const page of [b.page, b2.page]) {
    await page.goto(new URL('/', t.baseUrl).href);
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
  }
  await setHidden(b.page, true);

  t.step('a plain message from Ann: unread, but no notification and no mention badge');
  await a.page.getByTestId('composer').fill('plain message');
  await a.page.getByTestId('composer').press('Enter');
  await b.page.getByRole('link', { name: 'Crew, 1 unread', exact: true }).waitFor();
  if ((await notified(b.page)).length !== 0) t.fail(`a plain message notified Bob: ${JSON.stringify(await notified(b.page))}`);
  if (await b.page.getByTestId('mention-badge').count()) t.fail('a plain message shows a mention badge');

  t.step('Ann writes "@bob look", picking Bob from the autocompletion with the keyboard');
  const composer = a.page.getByTestId('composer');
  await composer.pressSequentially('@', { delay: 20 });
  const list = a.page.getByRole('listbox', { name: 'Mention someone' });
  await list.waitFor();
  const option = (name) => list.getByRole('option', { name: new RegExp(name) });
  await option(`@${bob.username}$`).waitFor();
  if ((await composer.getAttribute('aria-controls')) !== (await list.getAttribute('id'))) t.fail('the composer does not point at its list');
  if ((await option(`@${bob.username}$`).getAttribute('aria-selected')) !== 'true') t.fail('the first suggestion is not active');
  await composer.press('ArrowDown');
  await eventually(t, 'ArrowDown moves to @room', async () => (await option('@room$').getAttribute('aria-selected')) === 'true');
  await composer.press('ArrowUp');
  await eventually(t, 'ArrowUp moves back to Bob', async () => (await option(`@${bob.username}$`).getAttribute('aria-selected')) === 'true');
  await composer.press('Escape');
  await list.waitFor({ state: 'detached' });
  await composer.pressSequentially('b', { delay: 20 });
  await option(`@${bob.username}$`).waitFor();
  if (await option('@room$').count()) t.fail('"@b" still suggests @room');
  await t.shot(a.page, 'mentions-autocomplete');
  await composer.press('Tab');
  await list.waitFor({ state: 'detached' });
  await eventually(t, 'the composer holds the picked name', async () => (await composer.inputValue()) === `@${bob.username} `);
  await composer.pressSequentially('look', { delay: 20 });
  await composer.press('Enter');
  await message(a.page, `@${bob.username} look`);

  t.step('Bob is notified, and the group shows the mention badge');
  await b.page.getByRole('link', { name: 'Crew, 2 unread, 1 mention', exact: true }).getByTestId('mention-badge').waitFor();
  await eventually(t, 'one notification, for the mention', async () => {
    const shown = await notified(b.page);
    return shown.length === 1 && shown[0].body === `@${bob.username} look` && shown[0].title === 'Ann Lee in Crew';
  });

  t.step('Bob opens the group: the mention is highlighted and the badge goes');
  await setHidden(b.page, false);
  await b.page.getByRole('link', { name: /^Crew/ }).click();
  const row = await message(b.page, `@${bob.username} look`);
  await row.locator('.mention-me').waitFor();
  if ((await row.getAttribute('data-mentions-me')) !== 'true') t.fail('the message is not marked as mentioning Bob');
  const plain = await message(b.page, 'plain message');
  if (await plain.getAttribute('data-mentions-me')) t.fail('the plain message is marked as a mention');
  await b.page.getByRole('link', { name: 'Crew', exact: true }).waitFor();
  if (await b.page.getByTestId('mention-badge').count()) t.fail('the mention badge stays after reading');
  await t.shot(b.page, 'mentions-highlight');
});
