// Two people in a direct room call each other: a video call whose media each side's getStats()
// shows arriving, mute that stops outbound audio, a camera switched off and on, a shared screen,
// the call bar while chatting, "Leave call" ending it for both with its duration in the timeline,
// then a declined call and a missed one (the server rings for CALL_RING_TIMEOUT_S seconds).
// Usage: node e2e/call.mjs <baseUrl>   (SCREENSHOT_DIR / DOCS_SCREENSHOT_DIR save screenshots)
import {
  audioBytesSent,
  CALL_CHROMIUM_ARGS,
  callView,
  expectMediaFlowing,
  incomingCall,
  mediaStats,
  openRoom,
  recordPeerConnections,
  remoteTiles,
  systemNotes,
} from './callLib.mjs';
import { browserTest, dismissNotificationOffer, eventually, expectLabelledControls, message, register, send, startDirect, uniqueName } from './lib.mjs';

const RING_TIMEOUT_S = Number(process.env.CALL_RING_TIMEOUT_S || 30);

browserTest(
  'call',
  async (t) => {
    const alice = { username: uniqueName(t, 'alice'), displayName: 'Alice Martin' };
    const bob = { username: uniqueName(t, 'bob'), displayName: 'Bob Chen' };
    const a = await t.newUser();
    const b = await t.newUser();
    await recordPeerConnections(a.context);
    await recordPeerConnections(b.context);

    t.step('Alice and Bob register; Alice writes to Bob and he opens the room');
    await register(t, a.page, alice);
    await register(t, b.page, bob);
    await dismissNotificationOffer(a.page);
    await dismissNotificationOffer(b.page);
    await startDirect(a.page, 'Bob Ch', bob);
    await send(a.page, 'Got a minute for a call?');
    await openRoom(b.page, alice.displayName);
    await message(b.page, 'Got a minute for a call?');

    t.step('Alice starts a video call; Bob gets the incoming call with caller and room');
    await a.page.getByRole('button', { name: 'Start video call' }).click();
    await callView(a.page).waitFor();
    await callView(a.page).getByText('Ringing…').waitFor();
    const ringing = incomingCall(b.page);
    await ringing.waitFor();
    const ringText = await ringing.textContent();
    if (!ringText.includes('Alice Martin is calling') || !ringText.includes('Video call')) t.fail(`the banner says "${ringText}"`);
    await expectLabelledControls(t, b.page, 'the incoming call');

    t.step('Bob accepts: each side decodes the other’s video and hears audio growing');
    await ringing.getByRole('button', { name: 'Accept' }).click();
    await callView(b.page).waitFor();
    await expectMediaFlowing(t, a.page, 'Alice');
    await expectMediaFlowing(t, b.page, 'Bob');
    await remoteTiles(a.page).filter({ hasText: 'Bob Chen' }).waitFor();
    await remoteTiles(b.page).filter({ hasText: 'Alice Martin' }).waitFor();
    await eventually(t, 'the timer runs', async () => /^\d+:\d\d$/.test((await a.page.getByTestId('call-timer').textContent()) ?? ''));
    await eventually(
      t,
      'the connection quality is measured',
      async () => ['good', 'fair', 'poor'].includes(await remoteTiles(a.page).getByTestId('connection-quality').getAttribute('data-quality')),
    );
    await expectLabelledControls(t, a.page, 'the call screen');
    await b.page.waitForTimeout(1500);
    await t.docsShot(b.page, 'call');

    t.step('Bob opens the device picker: microphone, camera and speaker');
    await b.page.getByRole('button', { name: 'Devices' }).click();
    const devices = b.page.getByRole('dialog', { name: 'Devices' });
    for (const label of ['Microphone', 'Camera']) {
      // the picker lists devices once the browser has enumerated them
      await eventually(t, `the ${label} choice offers a device`, async () => {
        const options = await devices.getByLabel(label).locator('option').allTextContents();
        return (options.length > 0 && !options.some((o) => /No .* found/.test(o))) || options;
      });
    }
    const camera = devices.getByLabel('Camera');
    await camera.selectOption({ index: 0 });
    await b.page.keyboard.press('Escape');
    await devices.waitFor({ state: 'detached' });
    await expectMediaFlowing(t, a.page, 'Alice, after Bob chose his camera');

    t.step('Alice mutes: her outbound audio stops and Bob sees the muted badge');
    await a.page.getByRole('button', { name: 'Mute', exact: true }).click();
    await a.page.getByRole('button', { name: 'Unmute' }).waitFor();
    await remoteTiles(b.page).getByTestId('muted-badge').waitFor();
    await a.page.waitForTimeout(500);
    const mutedFrom = await audioBytesSent(a.page);
    await a.page.waitForTimeout(2000);
    const mutedTo = await audioBytesSent(a.page);
    if (mutedTo - mutedFrom > 200) t.fail(`Alice sent ${mutedTo - mutedFrom} audio bytes while muted`);

    t.step('Alice unmutes: audio flows again and the badge goes');
    await a.page.getByRole('button', { name: 'Unmute' }).click();
    await remoteTiles(b.page).getByTestId('muted-badge').waitFor({ state: 'detached' });
    const unmutedFrom = await audioBytesSent(a.page);
    await eventually(t, 'Alice sends audio again', async () => (await audioBytesSent(a.page)) > unmutedFrom + 1000);

    t.step('Bob turns his camera off and on again');
    await b.page.getByRole('button', { name: 'Turn camera off' }).click();
    await b.page.getByRole('button', { name: 'Turn camera on' }).waitFor();
    await eventually(t, 'Alice sees Bob without video', async () => (await remoteTiles(a.page).locator('video').getAttribute('class')).includes('Hidden'));
    await b.page.getByRole('button', { name: 'Turn camera on' }).click();
    await b.page.getByRole('button', { name: 'Turn camera off' }).waitFor();
    await expectMediaFlowing(t, a.page, 'Alice, after Bob’s camera came back');

    t.step('Alice shares her screen: the screen track replaces the camera and arrives at Bob');
    const widthBefore = (await mediaStats(b.page))[0].frameWidth;
    await a.page.getByRole('button', { name: 'Share screen' }).click();
    await a.page.getByRole('button', { name: 'Stop sharing' }).waitFor();
    const sent = await a.page.evaluate(() => {
      const sender = window.__peers.find((pc) => pc.connectionState === 'connected').getSenders().find((s) => s.track?.kind === 'video');
      return { hint: sender.track.contentHint, label: sender.track.label };
    });
    if (sent.hint !== 'detail') t.fail(`the shared screen track has contentHint "${sent.hint}"`);
    await eventually(t, 'Bob decodes the screen (its size differs from the camera)', async () => {
      const now = (await mediaStats(b.page))[0];
      return now.frameWidth !== widthBefore || now;
    });
    await expectMediaFlowing(t, b.page, 'Bob, with the screen');
    await t.shot(b.page, 'screen-share');
    await a.page.getByRole('button', { name: 'Stop sharing' }).click();
    await a.page.getByRole('button', { name: 'Share screen' }).waitFor();

    t.step('Alice goes back to the chat: the call bar keeps the call, she writes, then returns');
    await a.page.getByRole('button', { name: 'Back to chat' }).click();
    await a.page.getByTestId('call-bar').waitFor();
    await send(a.page, 'Writing while we talk');
    await message(b.page, 'Writing while we talk');
    await expectMediaFlowing(t, b.page, 'Bob, while Alice chats');
    await a.page.getByRole('button', { name: /Return to call/ }).click();
    await callView(a.page).waitFor();

    t.step('Bob leaves: the call ends for both and the timeline shows its duration');
    await b.page.getByRole('button', { name: 'Leave call' }).click();
    await callView(b.page).waitFor({ state: 'detached' });
    await callView(a.page).waitFor({ state: 'detached' });
    for (const [who, page] of [['Alice', a.page], ['Bob', b.page]]) {
      await eventually(t, `${who}'s timeline shows "Call ended, m:ss"`, async () => (await systemNotes(page)).some((n) => /Call ended, \d+:\d\d/.test(n)) || (await systemNotes(page)));
    }
    await eventually(t, "Alice's peer connections are closed", async () => (await mediaStats(a.page)).length === 0);

    t.step('Alice calls again (voice) while Bob’s tab is hidden: a notification and a ring');
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
      window.__rings = 0;
      const NativeAudioContext = window.AudioContext;
      window.AudioContext = class extends NativeAudioContext {
        constructor(...args) {
          super(...args);
          window.__rings += 1;
        }
      };
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await a.page.getByRole('button', { name: 'Start voice call' }).click();
    await incomingCall(b.page).waitFor();
    await eventually(t, 'Bob is notified of the call', async () =>
      JSON.stringify(await b.page.evaluate(() => window.__notifications)) ===
      JSON.stringify([{ title: 'Alice Martin is calling', body: 'Voice call · Alice Martin' }]),
    );
    if ((await b.page.evaluate(() => window.__rings)) !== 1) t.fail('the incoming call did not ring');
    await b.page.evaluate(() => {
      delete document.visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    });

    t.step('Bob declines; Alice sees it and the timeline says so');
    await incomingCall(b.page).getByRole('button', { name: 'Decline' }).click();
    await callView(a.page).waitFor({ state: 'detached' });
    await eventually(t, 'the timeline shows the declined call', async () => (await systemNotes(a.page)).some((n) => /declined the call/.test(n)) || (await systemNotes(a.page)));

    t.step('Alice calls and hangs up before Bob answers: his banner goes');
    await a.page.getByRole('button', { name: 'Start voice call' }).click();
    await incomingCall(b.page).waitFor();
    await a.page.getByRole('button', { name: 'Leave call' }).click();
    await incomingCall(b.page).waitFor({ state: 'detached' });
    await b.page.getByRole('button', { name: 'Start voice call' }).waitFor();

    t.step('Alice calls again; nobody answers; it ends as missed');
    await a.page.getByRole('button', { name: 'Start voice call' }).click();
    await incomingCall(b.page).waitFor();
    await incomingCall(b.page).waitFor({ state: 'detached', timeout: (RING_TIMEOUT_S + 15) * 1000 });
    await callView(a.page).waitFor({ state: 'detached' });
    // The call Alice hung up on before an answer was missed too.
    await eventually(t, 'the timeline shows both missed calls', async () => (await systemNotes(b.page)).filter((n) => /Missed call from Alice Martin/.test(n)).length === 2 || (await systemNotes(b.page)));
    await a.page.getByRole('button', { name: 'Start video call' }).waitFor();
    await t.shot(b.page, 'after-calls');

    t.step('Bob’s camera is refused: he joins a video call with audio only and is told why');
    await b.page.evaluate(() => {
      const devices = navigator.mediaDevices;
      const ask = devices.getUserMedia.bind(devices);
      devices.getUserMedia = (constraints) =>
        constraints?.video ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError')) : ask(constraints);
    });
    await a.page.getByRole('button', { name: 'Start video call' }).click();
    await incomingCall(b.page).getByRole('button', { name: 'Accept' }).click();
    const notice = b.page.getByTestId('call-notice');
    await notice.getByText('No camera: access was refused').waitFor();
    await b.page.getByRole('button', { name: 'Turn camera on' }).waitFor();
    await expectMediaFlowing(t, b.page, 'Bob, without a camera');
    await expectMediaFlowing(t, a.page, 'Alice, hearing Bob without his video', { video: false });
    await notice.getByRole('button', { name: 'OK' }).click();
    await a.page.getByRole('button', { name: 'Leave call' }).click();
    await callView(b.page).waitFor({ state: 'detached' });
  },
  { timeoutMs: 240_000, chromiumArgs: CALL_CHROMIUM_ARGS },
);
