// Threads: Ann replies in a thread, Bob sees the reply count on the parent live, opens the thread
// and answers, and Ann sees the answer live; the replies stay out of the timeline. On a phone,
// Cy opens the thread as a full screen and goes Back to the conversation. Thread read marks are
// the server's: Bob reads a thread on his desktop and his phone stops marking it new.
// Usage: node e2e/threads.mjs <baseUrl>   (SCREENSHOT_DIR saves screenshots)
import { PHONE, apiAs, browserTest, dismissNotificationOffer, eventually, expectLabelledControls, message, register, send, signIn, uniqueName } from './lib.mjs';

/** The texts of the messages in the conversation's timeline, leaving out the thread panel. */
async function timelineTexts(page) {
  return page.getByTestId('message').evaluateAll((rows) =>
    rows
      .filter((row) => !row.closest('[data-testid="thread-panel"]'))
      .map((row) => row.querySelector('[data-testid="message-content"]')?.textContent?.trim() ?? '[deleted]'),
  );
}

/** A message in the thread panel with this exact text. */
async function inThread(panel, text) {
  const page = panel.page();
  const row = panel.getByTestId('message').filter({ has: page.getByTestId('message-content').getByText(text, { exact: true }) });
  await row.first().waitFor();
  return row.first();
}

async function replyInPanel(panel, text) {
  const box = panel.getByLabel('Reply in this thread');
  await box.fill(text);
  await box.press('Enter');
}

browserTest('threads', async (t) => {
  const ann = { username: uniqueName(t, 'ann'), displayName: 'Ann Lee' };
  const bob = { username: uniqueName(t, 'bob'), displayName: 'Bob Stone' };
  const cy = { username: uniqueName(t, 'cyrus'), displayName: 'Cy Park' };
  const a = await t.newUser();
  const b = await t.newUser();
  const c = await t.newUser(PHONE);

  t.step('three people register; Ann makes a group with Bob and Cy');
  await register(t, a.page, ann);
  await register(t, b.page, bob);
  await register(t, c.page, cy);
  const ids = [];
  for (const p of [b.page, c.page]) ids.push((await apiAs(p, 'GET', '/api/me')).body.id);
  const created = await apiAs(a.page, 'POST', '/api/rooms', { name: 'Thread crew', memberIds: ids });
  if (created.status !== 201) t.fail(`the group was not created: ${created.status}`);
  for (const p of [a.page, b.page]) {
    await dismissNotificationOffer(p);
    await p.getByRole('link', { name: /^Thread crew/ }).click();
    await p.getByTestId('room-title').filter({ hasText: 'Thread crew' }).waitFor();
  }

  t.step('Ann asks in the room and replies in a thread on her own message');
  await send(a.page, 'Who writes the release notes for v3?');
  await message(b.page, 'Who writes the release notes for v3?');
  const root = await message(a.page, 'Who writes the release notes for v3?');
  await root.hover();
  await root.getByRole('button', { name: 'Reply in thread' }).click();
  const aPanel = a.page.getByRole('region', { name: 'Thread', exact: true });
  await aPanel.waitFor();
  await inThread(aPanel, 'Who writes the release notes for v3?');
  await replyInPanel(aPanel, 'I can start a draft today');
  await inThread(aPanel, 'I can start a draft today');

  t.step('Bob sees "1 reply" on the question live, marked new, and the reply is not in the timeline');
  const bRoot = await message(b.page, 'Who writes the release notes for v3?');
  await bRoot.getByRole('button', { name: '1 reply, new replies, open the thread' }).waitFor();
  for (const p of [a.page, b.page]) {
    const texts = await timelineTexts(p);
    if (texts.includes('I can start a draft today')) t.fail(`a reply shows in the timeline: ${JSON.stringify(texts)}`);
  }

  t.step('Bob opens the thread and answers; Ann sees the answer live and "2 replies"');
  await bRoot.getByRole('button', { name: '1 reply, new replies, open the thread' }).click();
  const bPanel = b.page.getByRole('region', { name: 'Thread', exact: true });
  await inThread(bPanel, 'I can start a draft today');
  await replyInPanel(bPanel, 'Great, I will review it tomorrow');
  await inThread(bPanel, 'Great, I will review it tomorrow');
  await inThread(aPanel, 'Great, I will review it tomorrow');
  await (await message(a.page, 'Who writes the release notes for v3?')).getByRole('button', { name: '2 replies, open the thread' }).waitFor();
  await t.shot(a.page, 'thread-desktop');

  t.step('Bob sends to the room itself: the timeline goes on below the thread');
  await b.page.getByRole('button', { name: 'Close the thread' }).click();
  await bPanel.waitFor({ state: 'detached' });
  await send(b.page, 'Lunch at noon?');
  await message(a.page, 'Lunch at noon?');
  await eventually(t, 'Ann’s timeline shows the question and the lunch, not the replies', async () => {
    const texts = await timelineTexts(a.page);
    const want = JSON.stringify(['Who writes the release notes for v3?', 'Lunch at noon?']);
    return JSON.stringify(texts.filter((x) => !x.startsWith('Ann Lee created'))) === want || texts;
  });

  t.step('on the phone, Cy opens the thread as a full screen and goes back');
  await dismissNotificationOffer(c.page);
  await c.page.getByRole('link', { name: /^Thread crew/ }).click();
  const cRoot = await message(c.page, 'Who writes the release notes for v3?');
  await cRoot.getByRole('button', { name: '2 replies, new replies, open the thread' }).click();
  const cPanel = c.page.getByRole('region', { name: 'Thread', exact: true });
  await inThread(cPanel, 'Great, I will review it tomorrow');
  const box = await cPanel.boundingBox();
  const viewport = c.page.viewportSize();
  if (!box || box.x > 0 || box.y > 0 || box.width < viewport.width || box.height < viewport.height) {
    t.fail(`on a phone the thread should fill the screen, it is ${JSON.stringify(box)} of ${JSON.stringify(viewport)}`);
  }
  await expectLabelledControls(t, c.page, 'the thread on a phone');
  await t.shot(c.page, 'thread-phone');
  await replyInPanel(cPanel, 'Count me in for the screenshots');
  await inThread(aPanel, 'Count me in for the screenshots');
  await c.page.getByRole('button', { name: 'Back to the conversation' }).click();
  await cPanel.waitFor({ state: 'detached' });
  await (await message(c.page, 'Who writes the release notes for v3?')).getByRole('button', { name: '3 replies, open the thread' }).waitFor();

  t.step("Bob's phone signs in: the thread he has not read since Cy's reply is marked new there too");
  const b2 = await t.newUser(PHONE);
  await signIn(t, b2.page, bob.username);
  await dismissNotificationOffer(b2.page);
  await b2.page.getByRole('link', { name: /^Thread crew/ }).click();
  const b2Root = await message(b2.page, 'Who writes the release notes for v3?');
  await b2Root.getByRole('button', { name: '3 replies, new replies, open the thread' }).waitFor();

  t.step('Bob, whose thread is closed, sees it marked new again; reading it clears the mark on his phone at once and after a reload');
  const bAgain = await message(b.page, 'Who writes the release notes for v3?');
  await bAgain.getByRole('button', { name: '3 replies, new replies, open the thread' }).click();
  await inThread(b.page.getByRole('region', { name: 'Thread', exact: true }), 'Count me in for the screenshots');
  await b2Root.getByRole('button', { name: '3 replies, open the thread' }).waitFor();
  await b.page.getByRole('button', { name: 'Close the thread' }).click();
  await b.page.reload();
  await (await message(b.page, 'Who writes the release notes for v3?')).getByRole('button', { name: '3 replies, open the thread' }).waitFor();
  await b2.page.reload();
  await (await message(b2.page, 'Who writes the release notes for v3?')).getByRole('button', { name: '3 replies, open the thread' }).waitFor();

  t.step('Bob finds a reply by search and it opens in its thread');
  const search = b.page.getByRole('search').getByRole('searchbox', { name: 'Search messages' });
  await search.fill('screenshots');
  await search.press('Enter');
  await b.page.getByTestId('search-hit').filter({ hasText: 'Count me in for the screenshots' }).first().click();
  await inThread(b.page.getByRole('region', { name: 'Thread', exact: true }), 'Count me in for the screenshots');
});
