// A call that may only use the TURN relay (iceTransportPolicy "relay"): it connects, and only
// through the credentials GET /api/calls/ice-servers hands out. The server must be started with
// turn-urls and turn-secret of a running TURN server. Usage: node e2e/relay-call.mjs <baseUrl>
import { CALL_CHROMIUM_ARGS, expectMediaFlowing, incomingCall, mediaStats, openRoom, recordPeerConnections } from './callLib.mjs';
import { browserTest, dismissNotificationOffer, eventually, message, register, send, startDirect, uniqueName } from './lib.mjs';

browserTest(
  'relay-call',
  async (t) => {
    const alice = { username: uniqueName(t, 'alice'), displayName: 'Alice Martin' };
    const bob = { username: uniqueName(t, 'bob'), displayName: 'Bob Chen' };
    const a = await t.newUser();
    const b = await t.newUser();
    for (const user of [a, b]) {
      await recordPeerConnections(user.context);
      await user.context.addInitScript(() => window.localStorage.setItem('parley.callRelayOnly', 'true'));
    }

    t.step('Alice and Bob register; the server hands out TURN credentials');
    await register(t, a.page, alice);
    await register(t, b.page, bob);
    await dismissNotificationOffer(a.page);
    await dismissNotificationOffer(b.page);
    const ice = await a.page.evaluate(async () => {
      const token = JSON.parse(localStorage.getItem('parley.session')).accessToken;
      const response = await fetch('/api/calls/ice-servers', { headers: { Authorization: `Bearer ${token}` } });
      return response.json();
    });
    const turn = ice.iceServers?.find((s) => [s.urls].flat().some((u) => u.startsWith('turn:')));
    if (!turn?.username || !turn?.credential || !(ice.ttl > 0)) t.fail(`no TURN credentials: ${JSON.stringify(ice)}`);

    await startDirect(a.page, 'Bob Ch', bob);
    await send(a.page, 'Relay only, please');
    await openRoom(b.page, alice.displayName);
    await message(b.page, 'Relay only, please');

    t.step('a video call connects through the relay only');
    await a.page.getByRole('button', { name: 'Start video call' }).click();
    await incomingCall(b.page).getByRole('button', { name: 'Accept' }).click();
    await expectMediaFlowing(t, a.page, 'Alice');
    await expectMediaFlowing(t, b.page, 'Bob');
    for (const [who, page] of [['Alice', a.page], ['Bob', b.page]]) {
      await eventually(t, `${who}'s selected path is relayed`, async () => {
        const [stats] = await mediaStats(page);
        return stats?.path?.local === 'relay' || stats;
      });
    }
    await a.page.getByRole('button', { name: 'Leave call' }).click();
  },
  { timeoutMs: 150_000, chromiumArgs: CALL_CHROMIUM_ARGS },
);
