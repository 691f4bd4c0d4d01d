// A call on a 390×844 phone: the call screen fits (stacked tiles, every control reachable, no
// sideways scrolling), and the call goes on in the call bar while the person reads the room list
// and another room. Usage: node e2e/phone-call.mjs <baseUrl>
import { CALL_CHROMIUM_ARGS, callView, expectMediaFlowing, incomingCall, openRoom, recordPeerConnections, remoteTiles } from './callLib.mjs';
import { browserTest, dismissNotificationOffer, expectNoHorizontalOverflow, message, PHONE, register, send, startDirect, uniqueName } from './lib.mjs';

browserTest(
  'phone-call',
  async (t) => {
    const alice = { username: uniqueName(t, 'alice'), displayName: 'Alice Martin' };
    const bob = { username: uniqueName(t, 'bob'), displayName: 'Bob Chen' };
    const a = await t.newUser();
    const b = await t.newUser(PHONE);
    await recordPeerConnections(a.context);
    await recordPeerConnections(b.context);

    t.step('Alice (desktop) writes to Bob (phone), who opens the room');
    await register(t, a.page, alice);
    await register(t, b.page, bob);
    await dismissNotificationOffer(a.page);
    await dismissNotificationOffer(b.page);
    await startDirect(a.page, 'Bob Ch', bob);
    await send(a.page, 'Calling you on your phone');
    await openRoom(b.page, alice.displayName);

    t.step('Bob starts a video call from his phone and Alice accepts');
    await b.page.getByRole('button', { name: 'Start video call' }).click();
    await incomingCall(a.page).getByRole('button', { name: 'Accept' }).click();
    await expectMediaFlowing(t, b.page, 'Bob');
    await remoteTiles(b.page).waitFor();

    t.step('the phone call screen: stacked tiles, controls on screen, no overflow');
    const tiles = await b.page.getByTestId('call-tile').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON()));
    if (tiles.length !== 2 || Math.abs(tiles[0].x - tiles[1].x) > 1 || tiles[0].y === tiles[1].y) t.fail(`tiles are not stacked: ${JSON.stringify(tiles)}`);
    for (const name of ['Mute', 'Turn camera off', 'Devices', 'Leave call', 'Back to chat']) {
      const box = await b.page.getByRole('button', { name, exact: true }).boundingBox();
      if (!box || box.y < 0 || box.y + box.height > 844 || box.x < 0 || box.x + box.width > 390) t.fail(`"${name}" is off screen: ${JSON.stringify(box)}`);
    }
    await expectNoHorizontalOverflow(t, b.page, 'the phone call screen');
    await t.shot(b.page, 'phone-call');

    t.step('Bob’s phone loses the network for a moment: he rejoins on a new socket and media flows again');
    await t.setOffline(b.context, true);
    await callView(b.page).getByText('Reconnecting…').waitFor();
    await b.page.waitForTimeout(1500);
    await t.setOffline(b.context, false);
    await callView(b.page).getByText('Reconnecting…').waitFor({ state: 'detached' });
    await expectMediaFlowing(t, b.page, 'Bob, after the network came back');
    await expectMediaFlowing(t, a.page, 'Alice, after Bob came back');
    await remoteTiles(a.page).filter({ hasText: 'Bob Chen' }).waitFor();
    const made = await b.page.evaluate(() => window.__peers.length);
    console.log(`phone-call: Bob's page made ${made} peer connection(s) (2: it rejoined on a new socket, 1: the socket was recovered)`);

    t.step('Bob goes back to the chat: the call bar stays while he reads and writes');
    await b.page.getByRole('button', { name: 'Back to chat' }).click();
    await b.page.getByTestId('call-bar').waitFor();
    await send(b.page, 'Still here while we talk');
    await message(a.page, 'Still here while we talk');
    await b.page.getByRole('button', { name: 'Back to conversations' }).click();
    await b.page.getByTestId('call-bar').waitFor();
    await expectNoHorizontalOverflow(t, b.page, 'the room list with the call bar');
    await expectMediaFlowing(t, b.page, 'Bob, in the room list');
    await t.shot(b.page, 'phone-call-bar');

    t.step('Bob leaves from the call bar; the call ends for Alice too');
    await b.page.getByTestId('call-bar').getByRole('button', { name: 'Leave call' }).click();
    await b.page.getByTestId('call-bar').waitFor({ state: 'detached' });
    await callView(a.page).waitFor({ state: 'detached' });
  },
  { timeoutMs: 180_000, chromiumArgs: CALL_CHROMIUM_ARGS },
);
