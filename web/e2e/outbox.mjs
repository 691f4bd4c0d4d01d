// The outbox: what Alice writes while offline, or while the server cannot be reached, waits as
// pending, survives a reload, and reaches Bob exactly once, in order, when she is back; no page
// meanwhile leaves a promise rejection unhandled. Last, the room list previews what the
// conversation shows.
// Usage: node e2e/outbox.mjs <baseUrl>   (SCREENSHOT_DIR saves screenshots)
import { DESKTOP, browserTest, message, messageTexts, register, send, startDirect, uniqueName } from './lib.mjs';

const SEND_URL = /\/api\/rooms\/\d+\/messages$/;

/** Every page of the context notes the promise rejections nobody handled. */
async function collectRejections(context) {
  await context.addInitScript(() => {
    window.__rejections = [];
    window.addEventListener('unhandledrejection', (event) => {
      window.__rejections.push(String(event.reason?.stack ?? event.reason?.message ?? event.reason));
    });
  });
}

async function expectNoRejections(t, page, where) {
  const seen = await page.evaluate(() => window.__rejections ?? ['the collector is missing']);
  if (seen.length) t.fail(`${where}: unhandled promise rejections:\n  ${seen.join('\n  ')}`);
}

/** Lets the page run what a finished request set off, and render it. */
async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

function pendingRow(page, text) {
  return page.getByTestId('pending-message').filter({ hasText: text });
}

browserTest('outbox', async (t) => {
  const alice = { username: uniqueName(t, 'alice'), displayName: 'Alice Martin' };
  const bob = { username: uniqueName(t, 'bob'), displayName: 'Bob Chen' };
  // The service worker would answer the reload from its cache; blocked, the page comes from the server.
  const a = await t.newUser({ ...DESKTOP, serviceWorkers: 'block' });
  const b = await t.newUser();
  await collectRejections(a.context);

  t.step('Alice and Bob register and talk');
  await register(t, a.page, alice);
  await register(t, b.page, bob);
  await startDirect(a.page, 'Bob Ch', bob);
  await send(a.page, 'Boarding now');
  await b.page.getByRole('link', { name: /Alice Martin, 1 unread/ }).click();
  await message(b.page, 'Boarding now');

  t.step('offline, Alice writes; the message waits as pending instead of failing');
  await t.setOffline(a.context, true);
  await a.page.locator('[data-connection="offline"]').waitFor();
  const offlineTry = a.page.waitForEvent('requestfailed', (r) => r.method() === 'POST' && SEND_URL.test(r.url()));
  await send(a.page, 'Written in the tunnel');
  await offlineTry;
  await settle(a.page);
  if ((await pendingRow(a.page, 'Written in the tunnel').getAttribute('data-status')) !== 'sending') {
    t.fail('a message written offline does not wait');
  }
  if ((await a.page.getByRole('button', { name: 'Retry' }).count()) > 0) t.fail('a message written offline offers "Retry"');

  t.step('the network is back but the server cannot be reached: the next message waits too');
  t.expectFailedRequests(a.page, 120_000);
  const cut = (route) => route.abort('connectionrefused');
  const cutSends = (route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.fallback());
  await a.context.route('**/socket.io/**', cut);
  await a.context.route(SEND_URL, cutSends);
  await t.setOffline(a.context, false);
  const unreachableTry = a.page.waitForEvent('requestfailed', (r) => r.method() === 'POST' && SEND_URL.test(r.url()));
  await send(a.page, 'Written at the station');
  await unreachableTry;
  await settle(a.page);
  for (const text of ['Written in the tunnel', 'Written at the station']) {
    if ((await pendingRow(a.page, text).getAttribute('data-status')) !== 'sending') t.fail(`"${text}" does not wait`);
  }
  await expectNoRejections(t, a.page, 'while offline and unreachable');

  t.step('Alice reloads the page: both messages are still there, pending, in order');
  await a.page.reload();
  await message(a.page, 'Boarding now');
  await pendingRow(a.page, 'Written at the station').waitFor();
  const waiting = await a.page.getByTestId('pending-message').evaluateAll((rows) =>
    rows.map((row) => `${row.querySelector('.markdown')?.textContent?.trim()}:${row.getAttribute('data-status')}`),
  );
  if (JSON.stringify(waiting) !== JSON.stringify(['Written in the tunnel:sending', 'Written at the station:sending'])) {
    t.fail(`after the reload the outbox shows ${JSON.stringify(waiting)}`);
  }
  if ((await messageTexts(b.page)).some((text) => text.startsWith('Written'))) t.fail('Bob got a message the server never had');

  t.step('the server is reachable again: Bob gets both, once each, in order');
  await a.context.unroute('**/socket.io/**', cut);
  await a.context.unroute(SEND_URL, cutSends);
  await message(b.page, 'Written at the station');
  await message(a.page, 'Written at the station');
  await send(a.page, 'Landed');
  await message(b.page, 'Landed');
  const atBob = (await messageTexts(b.page)).filter((text) => text !== 'Boarding now');
  if (JSON.stringify(atBob) !== JSON.stringify(['Written in the tunnel', 'Written at the station', 'Landed'])) {
    t.fail(`Bob sees ${JSON.stringify(atBob)}`);
  }
  if ((await a.page.getByTestId('pending-message').count()) > 0) t.fail('a pending copy is left after delivery');
  await expectNoRejections(t, a.page, 'after coming back');

  t.step('another reload sends nothing again');
  await a.page.reload();
  await message(a.page, 'Landed');
  if ((await a.page.getByTestId('pending-message').count()) > 0) t.fail('the outbox came back after delivery');
  await send(a.page, 'Home');
  await message(b.page, 'Home');
  const final = (await messageTexts(b.page)).filter((text) => text.startsWith('Written'));
  if (final.length !== 2) t.fail(`Bob sees the waiting messages ${final.length} times`);
  await expectNoRejections(t, a.page, 'after the second reload');

  t.step('the room list previews a link as the conversation shows it, parentheses and all');
  await send(a.page, 'Route: [the north trail](https://example.com/trails/north_(summer)) then **lunch**');
  await message(b.page, 'Route: the north trail then lunch');
  await b.page.getByRole('link', { name: /^Alice Martin/ }).getByText('Route: the north trail then lunch', { exact: true }).waitFor();
});
