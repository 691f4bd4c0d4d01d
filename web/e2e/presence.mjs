// Presence has one source in the web app: the conversation header and the details panel always
// agree, also when an offline person's message arrives (sent without a connection). In a group
// too large for the server to push every member's presence, the open member list watches its
// members and follows their changes.
// Usage: node e2e/presence.mjs <baseUrl>
import { PASSWORD, browserTest, eventually, message, register, send, startDirect, uniqueName } from './lib.mjs';

const LARGE_GROUP = 60;

async function json(baseUrl, path, { token, method = 'GET', body } = {}) {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Signs in without a browser (and so without a connection): `{accessToken, user}`. */
async function signIn(baseUrl, login) {
  return json(baseUrl, '/api/auth/login', { method: 'POST', body: { login, password: PASSWORD } });
}

async function openDetails(page) {
  const panel = page.getByRole('complementary', { name: 'Room details' });
  if (!(await panel.isVisible().catch(() => false))) await page.getByRole('button', { name: 'Room details' }).click();
  await panel.waitFor();
  return panel;
}

/** What the header's dot and the details panel say of a direct room's peer. */
async function shown(page, peerName) {
  const header = page.getByRole('button', { name: `${peerName}: show details` });
  const panel = page.getByRole('complementary', { name: 'Room details' });
  return {
    headerDot: await header.locator('[data-presence]').getAttribute('data-presence'),
    detailsDot: await panel.locator('[data-presence]').first().getAttribute('data-presence'),
    detailsStatus: (await panel.locator('dl > div').filter({ has: page.locator('dt', { hasText: 'Status' }) }).locator('dd').textContent())?.trim(),
  };
}

async function expectShown(t, page, peerName, status) {
  await eventually(t, `header and details both show ${peerName} ${status}`, async () => {
    const s = await shown(page, peerName);
    const statusText = s.detailsStatus === 'Online' ? 'online' : s.detailsStatus === 'Away' ? 'away' : 'offline';
    return (s.headerDot === status && s.detailsDot === status && statusText === status) || s;
  });
}

browserTest('presence', async (t) => {
  const alice = { username: uniqueName(t, 'alice'), displayName: 'Alice Martin' };
  const bob = { username: uniqueName(t, 'bob'), displayName: 'Bob Chen' };
  const carol = { username: uniqueName(t, 'carol'), displayName: 'Carol Diaz' };
  const a = await t.newUser();
  const b = await t.newUser();

  t.step('Alice and Bob register; Alice writes to Bob and opens the details panel');
  await register(t, a.page, alice);
  await register(t, b.page, bob);
  await startDirect(a.page, 'Bob Ch', bob);
  await send(a.page, 'Are you around?');
  await message(a.page, 'Are you around?');
  await openDetails(a.page);
  await expectShown(t, a.page, bob.displayName, 'online');

  t.step('Bob closes his browser: the header and the details panel both show him offline');
  await b.context.close();
  await expectShown(t, a.page, bob.displayName, 'offline');

  t.step('Bob, still offline, posts through the API: his message arrives and he stays offline everywhere');
  const bobSession = await signIn(t.baseUrl, bob.username);
  const roomId = Number(new URL(a.page.url()).pathname.split('/').pop());
  await json(t.baseUrl, `/api/rooms/${roomId}/messages`, { token: bobSession.accessToken, method: 'POST', body: { content: 'Sent from a script' } });
  await message(a.page, 'Sent from a script');
  const after = await shown(a.page, bob.displayName);
  if (after.headerDot !== 'offline' || after.detailsDot !== 'offline' || after.detailsStatus === 'Online') {
    t.fail(`an offline person's message made them look online: ${JSON.stringify(after)}`);
  }

  t.step(`Carol takes part in a group of ${LARGE_GROUP}; Alice's open member list shows her online`);
  const c = await t.newUser();
  await register(t, c.page, carol);
  const aliceToken = (await signIn(t.baseUrl, alice.username)).accessToken;
  const carolSession = await signIn(t.baseUrl, carol.username);
  const carolToken = carolSession.accessToken;
  const memberIds = [carolSession.user.id, bobSession.user.id];
  for (let i = memberIds.length; i < LARGE_GROUP - 1; i++) {
    const username = uniqueName(t, `member${i}`);
    const session = await json(t.baseUrl, '/api/auth/register', {
      method: 'POST',
      body: { username, email: `${username}@example.com`, password: PASSWORD },
    });
    memberIds.push(session.user.id);
  }
  const group = await json(t.baseUrl, '/api/rooms', { token: aliceToken, method: 'POST', body: { name: 'Everyone', memberIds } });
  await json(t.baseUrl, `/api/rooms/${group.id}/messages`, { token: carolToken, method: 'POST', body: { content: 'Hello all' } });
  await a.page.getByRole('link', { name: /^Everyone/ }).click();
  await message(a.page, 'Hello all');
  const panel = await openDetails(a.page);
  const carolRow = panel.getByTestId('member').filter({ hasText: carol.displayName });
  await carolRow.locator('[data-presence="online"]').waitFor();

  t.step('Carol closes her browser: the member list follows her to offline');
  await c.context.close();
  await carolRow.locator('[data-presence="offline"]').waitFor();
  await eventually(t, "Carol's row says when she was last seen", async () => /Last seen/.test((await carolRow.textContent()) ?? ''));
});
