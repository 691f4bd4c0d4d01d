// The whole chat flow on phones (390×844, touch): one pane at a time with back navigation,
// long-press actions, typing, receipts, edits, deletes, replies, a lost connection, a group
// and its details, and nothing wider than the screen, down to 320 px.
// Usage: node e2e/phone.mjs <baseUrl>   (SCREENSHOT_DIR / DOCS_SCREENSHOT_DIR save screenshots)
import {
  PHONE,
  browserTest,
  dismissNotificationOffer,
  eventually,
  expectNoHorizontalOverflow,
  message,
  messageTexts,
  register,
  send,
  startDirect,
  uniqueName,
  expectLabelledControls,
  longPress,
} from './lib.mjs';

async function expectPane(t, page, visible) {
  const panes = {
    list: page.getByRole('complementary', { name: 'Conversations' }),
    conversation: page.locator('main'),
    details: page.getByRole('complementary', { name: 'Room details' }),
  };
  await eventually(t, `on a phone only the ${visible} pane should be shown`, async () => {
    for (const [name, locator] of Object.entries(panes)) {
      if ((await locator.isVisible().catch(() => false)) !== (name === visible)) return `${name} is ${name === visible ? 'hidden' : 'shown'}`;
    }
    return true;
  });
}

async function expectTouchSized(t, page, locator, what) {
  const box = await locator.boundingBox();
  if (!box || box.width < 44 || box.height < 44) t.fail(`${what} is ${box?.width}×${box?.height}, smaller than 44×44`);
}

async function narrowCheck(t, page, where) {
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalOverflow(t, page, `${where} at 320 px`);
  await page.setViewportSize(PHONE.viewport);
  await expectNoHorizontalOverflow(t, page, `${where} at 390 px`);
}

browserTest('phone', async (t) => {
  const dana = { username: uniqueName(t, 'dana'), displayName: 'Dana Brooks' };
  const eli = { username: uniqueName(t, 'eli'), displayName: 'Eli Novak' };
  const d = await t.newUser(PHONE);
  const e = await t.newUser(PHONE);

  t.step('Dana and Eli register on their phones');
  await register(t, d.page, dana);
  await register(t, e.page, eli);
  await expectPane(t, d.page, 'list');
  await expectTouchSized(t, d.page, d.page.getByRole('button', { name: 'New message' }).first(), 'the "New message" button');
  await narrowCheck(t, d.page, 'the room list');

  t.step('Dana starts a conversation with Eli: the conversation fills the screen');
  await startDirect(d.page, 'Eli N', eli);
  await expectPane(t, d.page, 'conversation');
  await expectTouchSized(t, d.page, d.page.getByRole('button', { name: 'Back to conversations' }), 'the back button');
  await send(d.page, 'Hey Eli 👋 are we still on for Saturday?');

  t.step('Eli sees it arrive with a badge, opens it; Dana sees "Seen"');
  const room = e.page.getByRole('link', { name: /Dana Brooks, 1 unread/ });
  await room.click();
  await expectPane(t, e.page, 'conversation');
  await message(e.page, 'Hey Eli 👋 are we still on for Saturday?');
  await d.page.getByTestId('seen-by').filter({ hasText: 'Seen' }).waitFor();

  t.step('Eli types; Dana sees it in the header');
  await e.page.getByTestId('composer').pressSequentially('Yes', { delay: 30 });
  await d.page.getByTestId('room-title').locator('xpath=..').getByText('typing…').waitFor();
  await send(e.page, 'Yes! Trailhead at **9:00**, I’ll bring coffee ☕');
  await message(d.page, 'Yes! Trailhead at 9:00, I’ll bring coffee ☕');

  t.step('Eli long-presses Dana’s message and reacts 😂; Dana sees it');
  let sheet = await longPress(t, e.page, await message(e.page, 'Hey Eli 👋 are we still on for Saturday?'));
  await expectTouchSized(t, e.page, sheet.getByRole('button', { name: 'React with 😂' }), 'a reaction in the sheet');
  await sheet.getByRole('button', { name: 'React with 😂' }).click();
  await (await message(d.page, 'Hey Eli 👋 are we still on for Saturday?')).locator('[data-emoji="😂"]').filter({ hasText: '1' }).waitFor();

  t.step('Dana edits and deletes her messages from the sheet');
  await send(d.page, 'I’ll bring snacks too');
  sheet = await longPress(t, d.page, await message(d.page, 'I’ll bring snacks too'));
  await sheet.getByRole('button', { name: 'Edit' }).click();
  const edit = d.page.getByRole('textbox', { name: 'Edit message' });
  await edit.fill('I’ll bring snacks and the map 🗺️');
  await edit.press('Enter');
  await (await message(e.page, 'I’ll bring snacks and the map 🗺️')).getByText('edited').waitFor();
  await send(d.page, 'typo message');
  sheet = await longPress(t, d.page, await message(d.page, 'typo message'));
  await sheet.getByRole('button', { name: 'Delete' }).click();
  await d.page.getByRole('dialog', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete' }).click();
  await e.page.getByTestId('deleted-message').waitFor();

  t.step('Eli replies from the sheet');
  sheet = await longPress(t, e.page, await message(e.page, 'I’ll bring snacks and the map 🗺️'));
  await sheet.getByRole('button', { name: 'Reply', exact: true }).click();
  await send(e.page, 'Perfect, see you there!');
  await (await message(d.page, 'Perfect, see you there!')).getByTestId('reply-quote').waitFor();

  t.step('the phone screenshot, while Eli is typing');
  await send(e.page, 'Weather looks great ☀️ 18°C and no rain');
  await message(d.page, 'Weather looks great ☀️ 18°C and no rain');
  await send(d.page, 'Can’t wait 🥾');
  await message(e.page, 'Can’t wait 🥾');
  await d.page.getByTestId('seen-by').waitFor();
  await e.page.getByTestId('composer').pressSequentially('See you', { delay: 20 });
  await d.page.getByTestId('typing').filter({ hasText: 'Eli Novak is typing…' }).waitFor();
  await d.page.getByTestId('composer').blur();
  await t.docsShot(d.page, 'phone');
  await e.page.getByTestId('composer').fill('');

  t.step('Eli loses signal while Dana sends five messages; back online, each shows once, in order');
  await t.setOffline(e.context, true);
  await e.page.locator('[data-connection="offline"]').waitFor();
  for (let i = 1; i <= 5; i += 1) {
    await send(d.page, `Trail update ${i}`);
    await message(d.page, `Trail update ${i}`);
  }
  await t.setOffline(e.context, false);
  await message(e.page, 'Trail update 5');
  const updates = (await messageTexts(e.page)).filter((text) => text.startsWith('Trail update'));
  if (JSON.stringify(updates) !== JSON.stringify([1, 2, 3, 4, 5].map((i) => `Trail update ${i}`))) t.fail(`Eli sees ${JSON.stringify(updates)}`);

  await narrowCheck(t, d.page, 'a conversation');

  t.step('Eli opens the details and comes back with the back buttons');
  await e.page.getByRole('button', { name: 'Room details' }).click();
  await expectPane(t, e.page, 'details');
  await e.page.getByTestId('details-name').filter({ hasText: dana.displayName }).waitFor();
  await narrowCheck(t, e.page, 'the details');
  await expectLabelledControls(t, e.page, 'the details on a phone');
  await e.page.getByRole('button', { name: 'Back to the conversation' }).click();
  await expectPane(t, e.page, 'conversation');
  await e.page.getByRole('button', { name: 'Back to conversations' }).click();
  await expectPane(t, e.page, 'list');

  t.step('Dana creates a group on her phone and sees its members');
  await d.page.getByRole('button', { name: 'Back to conversations' }).click();
  await dismissNotificationOffer(d.page);
  await d.page.getByRole('button', { name: 'New group' }).first().click();
  const dialog = d.page.getByRole('dialog', { name: 'New group' });
  await dialog.getByLabel('Group name').fill('Saturday hike');
  await dialog.getByLabel('Add people').fill('Eli N');
  await dialog.getByRole('button', { name: `${eli.displayName} @${eli.username}` }).click();
  await dialog.getByRole('button', { name: 'Create group' }).click();
  await d.page.getByTestId('room-title').filter({ hasText: 'Saturday hike' }).waitFor();
  await d.page.getByRole('button', { name: 'Room details' }).click();
  await d.page.getByTestId('member').filter({ hasText: eli.displayName }).waitFor();
  await narrowCheck(t, d.page, 'group details');
  await e.page.getByRole('link', { name: /Saturday hike/ }).waitFor();

  t.step('search on the phone has its own page with a way back');
  await e.page.getByRole('button', { name: 'Search messages' }).click();
  await e.page.getByTestId('search-input').waitFor();
  await narrowCheck(t, e.page, 'the search page');
  await e.page.getByTestId('search-input').fill('"Trail update"');
  await e.page.getByTestId('search-input').press('Enter');
  await e.page.getByTestId('search-hit').first().waitFor();
  const fit = await e.page.getByRole('region', { name: 'Search messages' }).evaluate((pane) => {
    const results = pane.querySelector('[aria-busy]').getBoundingClientRect();
    const box = pane.getBoundingClientRect();
    return { pane: [box.width, box.bottom], results: [results.width, results.bottom], screen: [window.innerWidth, window.innerHeight] };
  });
  if (Math.abs(fit.pane[0] - fit.screen[0]) > 1 || Math.abs(fit.pane[1] - fit.screen[1]) > 1 || Math.abs(fit.results[0] - fit.pane[0]) > 1 || Math.abs(fit.results[1] - fit.pane[1]) > 1) {
    t.fail(`the search results do not fill the screen: ${JSON.stringify(fit)}`);
  }
  await e.page.getByRole('button', { name: 'Back' }).click();
  await expectPane(t, e.page, 'list');

  t.step('signing out on the phone is labelled and asks first');
  const signOut = e.page.getByRole('button', { name: 'Sign out' });
  if ((await signOut.textContent())?.trim() !== 'Sign out') t.fail('the phone’s sign-out button has no visible label');
  await signOut.click();
  const ask = e.page.getByRole('dialog', { name: 'Sign out?' });
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await ask.waitFor({ state: 'detached' });
  await expectPane(t, e.page, 'list');
  await eventually(t, 'nothing is left unread for Eli', async () => (await e.page.getByTestId('unread-badge').count()) <= 1);
});
