// Three people in a group call: everyone decodes everyone else's video over a mesh of peer
// connections, the grid shows each person, the speaker is highlighted, and when one leaves the
// others go on. Usage: node e2e/group-call.mjs <baseUrl>
import { CALL_CHROMIUM_ARGS, callView, expectMediaFlowing, incomingCall, recordPeerConnections, remoteTiles } from './callLib.mjs';
import { browserTest, dismissNotificationOffer, eventually, register, uniqueName } from './lib.mjs';

browserTest(
  'group-call',
  async (t) => {
    const people = [
      { username: uniqueName(t, 'alice'), displayName: 'Alice Martin' },
      { username: uniqueName(t, 'bob'), displayName: 'Bob Chen' },
      { username: uniqueName(t, 'carol'), displayName: 'Carol Diaz' },
    ];
    const [a, b, c] = [await t.newUser(), await t.newUser(), await t.newUser()];
    for (const user of [a, b, c]) await recordPeerConnections(user.context);

    t.step('three people register; Alice makes a group with Bob and Carol');
    for (const [i, user] of [a, b, c].entries()) {
      await register(t, user.page, people[i]);
      await dismissNotificationOffer(user.page);
    }
    await a.page.getByRole('button', { name: 'New group' }).first().click();
    const dialog = a.page.getByRole('dialog', { name: 'New group' });
    await dialog.getByLabel('Group name').fill('Standup');
    for (const [query, user] of [['Bob C', people[1]], ['Carol D', people[2]]]) {
      await dialog.getByLabel('Add people').fill(query);
      await dialog.getByRole('button', { name: `${user.displayName} @${user.username}` }).click();
    }
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await a.page.getByTestId('room-title').filter({ hasText: 'Standup' }).waitFor();
    for (const p of [b.page, c.page]) await p.getByRole('link', { name: /^Standup/ }).click();

    t.step('Alice starts a video call; Bob and Carol both ring and accept');
    await a.page.getByRole('button', { name: 'Start video call' }).click();
    for (const p of [b.page, c.page]) {
      const ring = incomingCall(p);
      await ring.getByText('Standup').waitFor();
      await ring.getByRole('button', { name: 'Accept' }).click();
      await callView(p).waitFor();
    }

    t.step('each of the three decodes video and audio from the two others');
    for (const [who, user] of [['Alice', a], ['Bob', b], ['Carol', c]]) {
      await expectMediaFlowing(t, user.page, who, { count: 2 });
      await eventually(t, `${who} sees two remote tiles`, async () => (await remoteTiles(user.page).count()) === 2);
    }
    await eventually(t, 'a speaker is highlighted (the fake microphones beep)', async () => (await a.page.locator('[data-testid="call-tile"][data-speaking]').count()) === 1);
    await t.shot(c.page, 'three');
    await eventually(t, 'Alice sends less video in a call of three than the best level', async () => {
      const encodings = await a.page.evaluate(() =>
        window.__peers
          .filter((pc) => pc.connectionState === 'connected')
          .map((pc) => pc.getSenders().find((s) => s.track?.kind === 'video')?.getParameters().encodings?.[0] ?? null),
      );
      return (encodings.length === 2 && encodings.every((e) => e && e.maxBitrate <= 800_000 && e.scaleResolutionDownBy >= 1.5)) || encodings;
    });

    t.step('Carol leaves; Alice and Bob go on with one connection each');
    await c.page.getByRole('button', { name: 'Leave call' }).click();
    await callView(c.page).waitFor({ state: 'detached' });
    for (const [who, user] of [['Alice', a], ['Bob', b]]) {
      await eventually(t, `${who} sees one remote tile`, async () => (await remoteTiles(user.page).count()) === 1);
      await expectMediaFlowing(t, user.page, `${who}, after Carol left`, { count: 1 });
    }

    t.step('the room shows "Join call" to Carol, and she comes back');
    await c.page.getByRole('button', { name: 'Join call' }).click();
    await callView(c.page).waitFor();
    await expectMediaFlowing(t, c.page, 'Carol, back', { count: 2 });
    await eventually(t, 'Alice sees two remote tiles again', async () => (await remoteTiles(a.page).count()) === 2);
  },
  { timeoutMs: 240_000, chromiumArgs: CALL_CHROMIUM_ARGS },
);
