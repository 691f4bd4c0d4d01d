// Delivery the app can trust when the server's live delivery cannot be: the test stands between
// Bob's page and the server (it forwards his WebSocket frames) and loses a live message, holds one
// back until after the next, and loses the last one of a room; Bob's page shows every message once,
// in order: it syncs a hole from the end of the run it holds, and catches up on `resync_needed`.
// Usage: node e2e/delivery.mjs <baseUrl>   (SCREENSHOT_DIR saves screenshots)
import { browserTest, message, messageTexts, register, send, startDirect, uniqueName, eventually } from './lib.mjs';

/** A Socket.IO event frame (`42["name", ...]`, with an ack id after the 42 for requests), parsed. */
function eventOf(frame) {
  if (typeof frame !== 'string') return null;
  const match = /^42\d*(\[.*)$/s.exec(frame);
  if (!match) return null;
  try {
    return JSON.parse(match[1]);
  } catch {
    return null;
  }
}

/** Forwards every frame between the page and the server, except what `lose` or `hold` pick out. */
async function interpose(context) {
  const link = { lose: null, hold: null, held: [], lost: [], fromPage: [], toPage: null, upgraded: null };
  let upgraded;
  link.upgraded = new Promise((resolve) => (upgraded = resolve));
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((frame) => {
      if (frame === '5') upgraded();
      const event = eventOf(frame);
      if (event) link.fromPage.push(event);
      server.send(frame);
    });
    server.onMessage((frame) => {
      const event = eventOf(frame);
      if (event?.[0] === 'receive_message') {
        if (link.lose?.(event[1])) return void link.lost.push(event[1]);
        if (link.hold?.(event[1])) return void link.held.push(frame);
      }
      ws.send(frame);
    });
    link.toPage = (frame) => ws.send(frame);
  });
  return link;
}

const syncsOf = (link) => link.fromPage.filter((e) => e[0] === 'sync').map((e) => e[1]);

async function expectShownOnce(t, page, texts, where) {
  await eventually(t, `${where}: ${texts.join(', ')} shown in order`, async () => {
    const shown = await messageTexts(page);
    const at = texts.map((text) => shown.indexOf(text));
    return at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1])) && texts.every((text) => shown.filter((s) => s === text).length === 1);
  });
}

browserTest('delivery', async (t) => {
  const alice = { username: uniqueName(t, 'alice'), displayName: 'Alice Martin' };
  const bob = { username: uniqueName(t, 'bob'), displayName: 'Bob Chen' };
  const a = await t.newUser();
  const b = await t.newUser();
  const link = await interpose(b.context);

  t.step('Alice and Bob register and talk; Bob’s socket runs through the test');
  await register(t, a.page, alice);
  await register(t, b.page, bob);
  await startDirect(a.page, 'Bob Ch', bob);
  await send(a.page, 'Hello Bob');
  await b.page.getByRole('link', { name: /Alice Martin, 1 unread/ }).click();
  await message(b.page, 'Hello Bob');
  await link.upgraded;

  t.step('a live message is lost on the way: Bob’s page syncs the hole from the end of what it holds');
  link.lose = (m) => m.content === 'Second of three';
  for (const text of ['First of three', 'Second of three', 'Third of three']) {
    await send(a.page, text);
    await message(a.page, text);
  }
  await message(b.page, 'Third of three');
  await expectShownOnce(t, b.page, ['Hello Bob', 'First of three', 'Second of three', 'Third of three'], 'after the hole is filled');
  const [lost] = link.lost;
  if (!lost) t.fail('the test did not lose the message it meant to');
  const gapSync = syncsOf(link).find((s) => s?.rooms?.[lost.roomId]);
  if (!gapSync) t.fail('Bob’s page did not sync the room with the hole');
  if (gapSync.rooms[lost.roomId].seq !== lost.seq - 1) {
    t.fail(`the sync asked from seq ${gapSync.rooms[lost.roomId].seq}, not from the end of the held run (${lost.seq - 1})`);
  }
  link.lose = null;

  t.step('a live message overtaken by the next one is shown once, in its place');
  link.hold = (m) => m.content === 'Fourth, late';
  await send(a.page, 'Fourth, late');
  await message(a.page, 'Fourth, late');
  await send(a.page, 'Fifth, early');
  await message(b.page, 'Fifth, early');
  link.hold = null;
  for (const frame of link.held.splice(0)) link.toPage(frame);
  await expectShownOnce(t, b.page, ['Third of three', 'Fourth, late', 'Fifth, early'], 'after the late message lands');

  t.step('the last message is lost; resync_needed makes Bob’s page catch up on it');
  link.lose = (m) => m.content === 'Never delivered live';
  await send(a.page, 'Never delivered live');
  await message(a.page, 'Never delivered live');
  await eventually(t, 'the message was lost on the way', async () => link.lost.length === 2);
  const syncsBefore = syncsOf(link).length;
  link.toPage(`42${JSON.stringify(['resync_needed', { rooms: [lost.roomId] }])}`);
  await expectShownOnce(t, b.page, ['Fifth, early', 'Never delivered live'], 'after resync_needed');
  if (syncsOf(link).length <= syncsBefore) t.fail('resync_needed did not make the page sync');
  await t.shot(b.page, 'delivery-bob');
  link.lose = null;
});
