// Threads, mentions, notification levels and the theme on phones (390×844, touch): Bob switches
// to the dark theme and keeps it after a reload, sets a group to "Mentions" in its full-screen
// details; Ann mentions him by tapping the composer's suggestion, and he sees the badge and the
// highlight; he answers in a thread opened from the long-press sheet, a full screen with Back,
// and Ann reads the reply in the thread as a full screen too.
// Usage: node e2e/phone-features.mjs <baseUrl>   (SCREENSHOT_DIR saves screenshots)
import {
  PHONE,
  apiAs,
  browserTest,
  dismissNotificationOffer,
  eventually,
  expectFullScreen,
  expectLabelledControls,
  expectNoHorizontalOverflow,
  longPress,
  message,
  register,
  send,
  uniqueName,
} from './lib.mjs';

const LIGHT_BG = 'rgb(245, 246, 250)';
const DARK_BG = 'rgb(14, 16, 22)';

async function expectScheme(t, page, scheme, where) {
  const want = scheme === 'dark' ? DARK_BG : LIGHT_BG;
  await eventually(t, `${where}: the page is ${scheme}`, async () =>
    (await page.evaluate(() => getComputedStyle(document.body).backgroundColor)) === want,
  );
}

/** Waits until PATCH `path` was answered, and fails unless it was a 200. */
async function saved(t, page, path, act) {
  const answer = page.waitForResponse((r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname === path);
  await act();
  const status = (await answer).status();
  if (status !== 200) t.fail(`PATCH ${path} answered ${status}`);
}

function threadPanel(page) {
  return page.getByRole('region', { name: 'Thread', exact: true });
}

async function inThread(page, text) {
  const row = threadPanel(page).getByTestId('message').filter({ has: page.getByTestId('message-content').getByText(text, { exact: true }) });
  await row.first().waitFor();
  return row.first();
}

browserTest('phone-features', async (t) => {
  const ann = { username: uniqueName(t, 'ann'), displayName: 'Ann Lee' };
  const bob = { username: uniqueName(t, 'bob'), displayName: 'Bob Chen' };
  const a = await t.newUser(PHONE);
  // The service worker would answer the reload from its cache; blocked, the page comes from the server.
  const b = await t.newUser({ ...PHONE, serviceWorkers: 'block' });

  t.step('Ann and Bob register on their phones; Ann makes the group "Night shift" with Bob');
  await register(t, a.page, ann);
  await register(t, b.page, bob);
  const bobId = (await apiAs(b.page, 'GET', '/api/me')).body.id;
  const created = await apiAs(a.page, 'POST', '/api/rooms', { name: 'Night shift', memberIds: [bobId] });
  if (created.status !== 201) t.fail(`the group was not created: ${created.status}`);
  const roomPath = `/api/rooms/${created.body.id}/notifications`;
  for (const page of [a.page, b.page]) await dismissNotificationOffer(page);

  t.step('Bob picks the dark theme in the settings on his phone; it stays after a reload');
  await expectScheme(t, b.page, 'light', 'a new account on a light phone');
  await b.page.getByRole('button', { name: 'Settings' }).click();
  const settings = b.page.getByRole('dialog', { name: 'Settings' });
  const theme = settings.getByRole('radiogroup', { name: 'Theme' });
  await theme.waitFor();
  await expectNoHorizontalOverflow(t, b.page, 'the settings on a phone');
  await expectLabelledControls(t, b.page, 'the settings on a phone');
  await saved(t, b.page, '/api/me', () => theme.getByRole('radio', { name: 'Dark', exact: true }).check());
  await expectScheme(t, b.page, 'dark', 'after choosing Dark');
  await t.shot(b.page, 'phone-theme-dark');
  await b.page.keyboard.press('Escape');
  await settings.waitFor({ state: 'detached' });
  await b.page.reload();
  await b.page.getByRole('heading', { name: 'Chats' }).waitFor();
  await expectScheme(t, b.page, 'dark', 'after a reload');

  t.step('Bob opens the group\'s details, a full screen, and sets it to "Mentions"');
  await dismissNotificationOffer(b.page);
  await b.page.getByRole('link', { name: /^Night shift/ }).click();
  await b.page.getByTestId('room-title').filter({ hasText: 'Night shift' }).waitFor();
  await b.page.getByRole('button', { name: 'Room details' }).click();
  const details = b.page.getByRole('complementary', { name: 'Room details' });
  await details.waitFor();
  await expectFullScreen(t, b.page, details, 'the room details on a phone');
  const levels = details.getByRole('radiogroup', { name: 'Notifications' });
  if (!(await levels.getByRole('radio', { name: 'All messages' }).isChecked())) t.fail('a group starts at "All messages"');
  await saved(t, b.page, roomPath, () => levels.getByRole('radio', { name: 'Mentions', exact: true }).check());
  await eventually(t, '"Mentions" is the chosen level', () => levels.getByRole('radio', { name: 'Mentions', exact: true }).isChecked());
  await expectNoHorizontalOverflow(t, b.page, 'the details on a phone');
  await t.shot(b.page, 'phone-notification-level');
  await b.page.getByRole('button', { name: 'Back to the conversation' }).click();
  await details.waitFor({ state: 'hidden' });
  await b.page.getByRole('button', { name: 'Back to conversations' }).click();
  await b.page.getByRole('heading', { name: 'Chats' }).waitFor();

  t.step('a plain message from Ann is unread for Bob, with no mention badge');
  await a.page.getByRole('link', { name: /^Night shift/ }).click();
  await send(a.page, 'the rota is up');
  await message(a.page, 'the rota is up');
  await b.page.getByRole('link', { name: 'Night shift, 1 unread', exact: true }).waitFor();
  if (await b.page.getByTestId('mention-badge').count()) t.fail('a plain message shows a mention badge');

  t.step('Ann types "@", taps Bob in the suggestions, and sends the mention');
  const composer = a.page.getByTestId('composer');
  await composer.pressSequentially('@', { delay: 20 });
  const list = a.page.getByRole('listbox', { name: 'Mention someone' });
  await list.waitFor();
  const bobOption = list.getByRole('option', { name: new RegExp(`@${bob.username}$`) });
  await bobOption.waitFor();
  const fit = await list.boundingBox();
  const screen = a.page.viewportSize();
  if (!fit || fit.x < 0 || fit.x + fit.width > screen.width + 1 || fit.y < 0) t.fail(`the suggestions do not fit the phone: ${JSON.stringify(fit)}`);
  await t.shot(a.page, 'phone-mention-suggestions');
  await bobOption.tap();
  await list.waitFor({ state: 'detached' });
  await eventually(t, 'the composer holds the picked name', async () => (await composer.inputValue()) === `@${bob.username} `);
  await composer.pressSequentially('can you cover tonight?', { delay: 10 });
  await composer.press('Enter');
  const mention = `@${bob.username} can you cover tonight?`;
  await message(a.page, mention);

  t.step('Bob sees the mention badge, opens the group, and the mention is highlighted');
  const badged = b.page.getByRole('link', { name: 'Night shift, 2 unread, 1 mention', exact: true });
  await badged.getByTestId('mention-badge').waitFor();
  await badged.click();
  const row = await message(b.page, mention);
  await row.locator('.mention-me').waitFor();
  if ((await row.getAttribute('data-mentions-me')) !== 'true') t.fail('the message is not marked as mentioning Bob');
  await t.shot(b.page, 'phone-mention-highlight');

  t.step('Bob answers in a thread from the long-press sheet: a full screen, then Back');
  const sheet = await longPress(t, b.page, row);
  await sheet.getByRole('button', { name: 'Reply in thread' }).click();
  await threadPanel(b.page).waitFor();
  await inThread(b.page, mention);
  await expectFullScreen(t, b.page, threadPanel(b.page), 'the thread on a phone');
  await expectNoHorizontalOverflow(t, b.page, 'the thread on a phone');
  const box = threadPanel(b.page).getByLabel('Reply in this thread');
  await box.fill('Yes, I will take it');
  await box.press('Enter');
  await inThread(b.page, 'Yes, I will take it');
  await b.page.getByRole('button', { name: 'Back to the conversation' }).click();
  await threadPanel(b.page).waitFor({ state: 'detached' });
  await (await message(b.page, mention)).getByRole('button', { name: '1 reply, open the thread' }).waitFor();

  t.step('Ann sees the new reply on her message, opens the thread full screen, and it is read');
  const root = await message(a.page, mention);
  await root.getByRole('button', { name: '1 reply, new replies, open the thread' }).tap();
  await inThread(a.page, 'Yes, I will take it');
  await expectFullScreen(t, a.page, threadPanel(a.page), 'the thread on Ann\'s phone');
  await a.page.getByRole('button', { name: 'Back to the conversation' }).click();
  await threadPanel(a.page).waitFor({ state: 'detached' });
  await (await message(a.page, mention)).getByRole('button', { name: '1 reply, open the thread' }).waitFor();

  t.step('Bob goes back to the light theme');
  await b.page.getByRole('button', { name: 'Back to conversations' }).click();
  await b.page.getByRole('button', { name: 'Settings' }).click();
  await saved(t, b.page, '/api/me', () => theme.getByRole('radio', { name: 'Light', exact: true }).check());
  await expectScheme(t, b.page, 'light', 'after choosing Light');
});
