// Two people in two browsers chat live in a direct room: typing, receipts, reactions, edits,
// deletes, replies, markdown that cannot run code, and a lost connection that loses nothing
// (what is sent offline waits and goes out once).
// Usage: node e2e/chat.mjs <baseUrl>   (SCREENSHOT_DIR / DOCS_SCREENSHOT_DIR save screenshots)
import {
  browserTest,
  dismissNotificationOffer,
  eventually,
  message,
  messageTexts,
  register,
  send,
  startDirect,
  uniqueName,
  expectLabelledControls,
} from './lib.mjs';

browserTest('chat', async (t) => {
  const alice = { username: uniqueName(t, 'alice'), displayName: 'Alice Martin' };
  const bob = { username: uniqueName(t, 'bob'), displayName: 'Bob Chen' };
  const a = await t.newUser();
  const b = await t.newUser();

  t.step('Alice and Bob register in their own browsers');
  await register(t, a.page, alice);
  await register(t, b.page, bob);

  t.step('Alice finds Bob with "New message" and writes to him');
  await startDirect(a.page, 'Bob Ch', bob);
  await send(a.page, 'Hi Bob! Do you have a minute for the **release notes**?');
  await message(a.page, 'Hi Bob! Do you have a minute for the release notes?');

  t.step('Bob sees the new room appear with an unread badge and the count in the tab title');
  const bobRoom = b.page.getByRole('link', { name: /Alice Martin, 1 unread/ });
  await bobRoom.waitFor();
  await eventually(t, "Bob's tab title shows one unread message", async () => (await b.page.title()).startsWith('(1)'));

  t.step('Bob opens the room and reads the message; the badge goes');
  await bobRoom.click();
  await message(b.page, 'Hi Bob! Do you have a minute for the release notes?');
  await b.page.getByRole('link', { name: 'Alice Martin', exact: true }).waitFor();
  await eventually(t, "Bob's tab title drops the unread count", async () => !(await b.page.title()).startsWith('('));

  t.step('Alice sees "Seen" under her message once Bob has read it');
  await a.page.getByTestId('seen-by').filter({ hasText: 'Seen' }).waitFor();

  t.step('Bob types: Alice sees "Bob Chen is typing…", and it goes when he clears the box');
  await b.page.getByTestId('composer').pressSequentially('Sure', { delay: 30 });
  await a.page.getByTestId('typing').filter({ hasText: 'Bob Chen is typing…' }).waitFor();
  await b.page.getByTestId('composer').fill('');
  await eventually(t, 'the typing indicator disappears', async () => (await a.page.getByTestId('typing').textContent()) === '');

  t.step('Bob answers with markdown; Alice sees it formatted, with a safe link');
  await send(b.page, 'Sure! _Give me five_, I am on `main` — notes at https://example.com/notes');
  const formatted = await message(a.page, 'Sure! Give me five, I am on main — notes at https://example.com/notes');
  await formatted.locator('em', { hasText: 'Give me five' }).waitFor();
  await formatted.locator('code', { hasText: 'main' }).waitFor();
  const link = formatted.locator('a[href="https://example.com/notes"]');
  if ((await link.getAttribute('target')) !== '_blank' || (await link.getAttribute('rel')) !== 'noopener noreferrer') {
    t.fail('links must open in a new tab with rel="noopener noreferrer"');
  }

  t.step('Shift+Enter starts a new line, Enter sends');
  const box = b.page.getByTestId('composer');
  await box.pressSequentially('First line');
  await box.press('Shift+Enter');
  await box.pressSequentially('second line');
  if ((await box.inputValue()) !== 'First line\nsecond line') t.fail(`Shift+Enter gave "${await box.inputValue()}"`);
  await box.press('Enter');
  const twoLines = await message(a.page, /^First line\s*second line$/);
  if ((await twoLines.locator('br').count()) !== 1) t.fail('the line break is not kept');

  t.step('every control on the screen has a name');
  await expectLabelledControls(t, a.page, 'the conversation screen');

  t.step('HTML in a message is shown as text and never runs');
  await send(a.page, '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> is just text');
  const html = await message(b.page, '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> is just text');
  if ((await html.locator('img, script').count()) > 0) t.fail('raw HTML from a message reached the page');
  if ((await b.page.evaluate(() => window.__pwned)) !== undefined) t.fail('a message ran code');

  t.step('Bob reacts with 👍 from the hover toolbar; Alice sees the count and who reacted');
  const target = await message(b.page, 'Hi Bob! Do you have a minute for the release notes?');
  await target.hover();
  await target.getByRole('button', { name: 'Add reaction' }).click();
  await b.page.getByRole('button', { name: 'React with thumbs up', exact: true }).click();
  const reaction = (await message(a.page, 'Hi Bob! Do you have a minute for the release notes?')).locator('[data-emoji="👍"]');
  await reaction.filter({ hasText: '1' }).waitFor();
  if ((await reaction.getAttribute('title')) !== 'Bob Chen') t.fail(`the reaction should name Bob Chen, not "${await reaction.getAttribute('title')}"`);

  t.step('Alice adds the same reaction (count 2), then takes hers back');
  await reaction.click();
  await reaction.filter({ hasText: '2' }).waitFor();
  await (await message(b.page, 'Hi Bob! Do you have a minute for the release notes?')).locator('[data-emoji="👍"]').filter({ hasText: '2' }).waitFor();
  await reaction.click();
  await reaction.filter({ hasText: '1' }).waitFor();

  t.step('Alice edits a message; Bob sees the new text marked as edited');
  await send(a.page, 'Meeting at 3pm');
  const toEdit = await message(a.page, 'Meeting at 3pm');
  await toEdit.hover();
  await toEdit.getByRole('button', { name: 'More actions' }).click();
  await a.page.getByRole('menuitem', { name: 'Edit' }).click();
  const composer = a.page.getByRole('textbox', { name: 'Edit message' });
  // The message being edited is marked, for the eye and for assistive technology.
  await toEdit.getByTestId('editing-marker').filter({ hasText: 'Editing' }).waitFor();
  if ((await toEdit.getAttribute('aria-current')) !== 'true') t.fail('the message being edited is not marked as current');
  if ((await a.page.locator('[data-testid="message"][aria-current]').count()) !== 1) t.fail('more than one message is marked as being edited');
  await composer.fill('Meeting at 4pm (moved)');
  await composer.press('Enter');
  const edited = await message(b.page, 'Meeting at 4pm (moved)');
  await edited.getByText('edited').waitFor();
  await a.page.getByTestId('editing-marker').waitFor({ state: 'detached' });

  t.step('copying a message four times shows one note, not a pile');
  const copied = await message(a.page, 'Meeting at 4pm (moved)');
  for (let i = 0; i < 4; i += 1) {
    await copied.hover();
    await copied.getByRole('button', { name: 'More actions' }).click();
    await a.page.getByRole('menuitem', { name: 'Copy text' }).click();
    await a.page.getByTestId('toast').first().waitFor();
  }
  const notes = await a.page.getByTestId('toast').count();
  if (notes > 1) t.fail(`${notes} identical notes pile up`);

  t.step('Alice deletes a message; Bob sees the placeholder');
  await send(a.page, 'Oops, wrong chat');
  await message(b.page, 'Oops, wrong chat');
  const toDelete = await message(a.page, 'Oops, wrong chat');
  await toDelete.hover();
  await toDelete.getByRole('button', { name: 'More actions' }).click();
  await a.page.getByRole('menuitem', { name: 'Delete' }).click();
  await a.page.getByRole('dialog', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete' }).click();
  await b.page.getByTestId('deleted-message').waitFor();
  if ((await messageTexts(b.page)).includes('Oops, wrong chat')) t.fail('the deleted text is still shown to Bob');

  t.step('Bob replies to a message; Alice sees the quote and it jumps to the original');
  const original = await message(b.page, 'Meeting at 4pm (moved)');
  await original.hover();
  await original.getByRole('button', { name: 'Reply', exact: true }).click();
  await b.page.getByText('Replying to Alice Martin').waitFor();
  await send(b.page, 'Works for me 👍');
  const reply = await message(a.page, 'Works for me 👍');
  await reply.getByTestId('reply-quote').filter({ hasText: 'Meeting at 4pm (moved)' }).click();

  t.step('while Bob’s tab is in the background: a notification, the unread title, "Away", and no "Seen"');
  await b.page.evaluate(() => {
    window.__notifications = [];
    window.Notification = class {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      constructor(title, options) {
        window.__notifications.push({ title, body: options?.body });
      }
      close() {}
    };
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await a.page.getByTestId('room-title').locator('xpath=..').getByText(/Away/).waitFor();
  await send(a.page, 'Ping while you are away');
  await eventually(t, 'Bob is notified', async () =>
    JSON.stringify(await b.page.evaluate(() => window.__notifications)) ===
    JSON.stringify([{ title: 'Alice Martin', body: 'Ping while you are away' }]),
  );
  await eventually(t, "Bob's title counts the message", async () => (await b.page.title()).startsWith('(1)'));
  if (await a.page.getByTestId('seen-by').isVisible()) t.fail('a message read in a hidden tab counts as seen');
  await b.page.evaluate(() => {
    delete document.visibilityState;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await a.page.getByTestId('seen-by').filter({ hasText: 'Seen' }).waitFor();
  await a.page.getByTestId('room-title').locator('xpath=..').getByText(/Online/).waitFor();

  t.step('Bob loses his connection while Alice sends five messages');
  await t.setOffline(b.context, true);
  await b.page.locator('[data-connection="offline"]').waitFor();
  for (let i = 1; i <= 5; i += 1) {
    await send(a.page, `While you were away ${i}`);
    await message(a.page, `While you were away ${i}`);
  }

  t.step('Bob comes back and sees each of the five exactly once, in order');
  await t.setOffline(b.context, false);
  await message(b.page, 'While you were away 5');
  await eventually(t, 'the connection banner goes away', async () => (await b.page.locator('[data-connection]').count()) === 0);
  const missed = (await messageTexts(b.page)).filter((text) => text.startsWith('While you were away'));
  const expected = [1, 2, 3, 4, 5].map((i) => `While you were away ${i}`);
  if (JSON.stringify(missed) !== JSON.stringify(expected)) t.fail(`Bob sees ${JSON.stringify(missed)}`);

  t.step('A message sent offline waits as pending, not failed, and arrives once when back online');
  await t.setOffline(a.context, true);
  await a.page.locator('[data-connection="offline"]').waitFor();
  const attempt = a.page.waitForEvent('requestfailed', (r) => r.method() === 'POST' && /\/api\/rooms\/\d+\/messages$/.test(r.url()));
  await send(a.page, 'Sent from the train');
  await attempt;
  await a.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const waiting = a.page.locator('[data-testid="pending-message"]').filter({ hasText: 'Sent from the train' });
  if ((await waiting.getAttribute('data-status')) !== 'sending') t.fail('a message sent offline is not left waiting');
  await t.setOffline(a.context, false);
  await message(a.page, 'Sent from the train');
  await message(b.page, 'Sent from the train');
  await send(a.page, 'Back on the ground');
  await message(b.page, 'Back on the ground');
  const delivered = (await messageTexts(b.page)).filter((text) => text === 'Sent from the train').length;
  if (delivered !== 1) t.fail(`the waiting message reached Bob ${delivered} times`);
  if ((await a.page.getByTestId('pending-message').count()) > 0) t.fail('a pending copy is left after delivery');

  t.step('a populated conversation for the screenshot');
  await send(b.page, 'Release checklist for tomorrow:\n1. Freeze `main` at noon\n2. Tag **v2.4.0**\n3. Ship the notes 🚀');
  await message(a.page, /^Release checklist for tomorrow/);
  await send(a.page, 'Perfect, thanks Bob 🙌');
  await message(b.page, 'Perfect, thanks Bob 🙌');
  await dismissNotificationOffer(a.page);
  await a.page.mouse.move(5, 790);
  await a.page.getByTestId('seen-by').waitFor();
  await t.docsShot(a.page, 'desktop-conversation');

  t.step('reload: still signed in, the history and an unsent draft are back');
  await a.page.getByTestId('composer').fill('A draft I have not sent yet');
  await a.page.reload();
  await message(a.page, 'Perfect, thanks Bob 🙌');
  const draft = await a.page.getByTestId('composer').inputValue();
  if (draft !== 'A draft I have not sent yet') t.fail(`the draft came back as "${draft}"`);
});
