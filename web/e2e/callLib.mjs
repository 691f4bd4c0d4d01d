// Shared pieces of the call browser tests: Chromium's fake camera, microphone and screen, the
// page's peer connections (recorded by an init script, so the app needs no test hooks) and what
// their getStats() says.
import { eventually } from './lib.mjs';

export const CALL_CHROMIUM_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--auto-select-desktop-capture-source=Entire screen',
  '--autoplay-policy=no-user-gesture-required',
  // Both pages run in one browser: let ICE pair host candidates on 127.0.0.1, without mDNS names.
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

/** Records every RTCPeerConnection the pages of `context` make, in `window.__peers`. */
export async function recordPeerConnections(context) {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const peers = [];
    Object.defineProperty(window, '__peers', { value: peers });
    window.RTCPeerConnection = class extends Native {
      constructor(...args) {
        super(...args);
        peers.push(this);
      }
    };
  });
}

/** Per open peer connection: inbound video frames decoded, audio bytes in and out, the selected path. */
export async function mediaStats(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const pc of window.__peers ?? []) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      const s = { state: pc.connectionState, framesDecoded: 0, frameWidth: 0, audioIn: 0, audioOut: 0, videoOut: 0, path: null };
      const byId = new Map();
      report.forEach((stat) => byId.set(stat.id, stat));
      report.forEach((stat) => {
        if (stat.type === 'inbound-rtp' && stat.kind === 'video') {
          s.framesDecoded += stat.framesDecoded ?? 0;
          s.frameWidth = Math.max(s.frameWidth, stat.frameWidth ?? 0);
        }
        if (stat.type === 'inbound-rtp' && stat.kind === 'audio') s.audioIn += stat.bytesReceived ?? 0;
        if (stat.type === 'outbound-rtp' && stat.kind === 'audio') s.audioOut += stat.bytesSent ?? 0;
        if (stat.type === 'outbound-rtp' && stat.kind === 'video') s.videoOut += stat.bytesSent ?? 0;
        if (stat.type === 'transport' && stat.selectedCandidatePairId) {
          const pair = byId.get(stat.selectedCandidatePairId);
          const local = pair && byId.get(pair.localCandidateId);
          const remote = pair && byId.get(pair.remoteCandidateId);
          s.path = local ? { local: local.candidateType, remote: remote?.candidateType, address: local.address } : null;
        }
      });
      out.push(s);
    }
    return out;
  });
}

/** Waits until `page` has `count` connected peer connections, each decoding video (unless `video` is false) and receiving more audio over time. */
export async function expectMediaFlowing(t, page, who, { count = 1, video = true } = {}) {
  let before = null;
  await eventually(
    t,
    `${who} receives media on ${count} connection(s)`,
    async () => {
      const now = await mediaStats(page);
      const connected = now.filter((s) => s.state === 'connected');
      const ok = connected.length === count && connected.every((s) => s.audioIn > 0 && (!video || s.framesDecoded > 0));
      if (!ok) {
        before = null;
        return now;
      }
      if (!before) {
        before = connected;
        return 'first sample';
      }
      const growing = connected.every((s, i) => s.audioIn > (before[i]?.audioIn ?? 0) && (!video || s.framesDecoded > (before[i]?.framesDecoded ?? 0)));
      return growing || now;
    },
    30_000,
  );
}

/** The sum of this page's outbound audio bytes. */
export async function audioBytesSent(page) {
  return (await mediaStats(page)).reduce((sum, s) => sum + s.audioOut, 0);
}

/** Opens the direct room with `name` from the room list. */
export async function openRoom(page, name) {
  await page.getByRole('link', { name: new RegExp(`^${name}`) }).first().click();
  await page.getByTestId('room-title').filter({ hasText: name }).waitFor();
}

/** The incoming-call banner on `page`. */
export function incomingCall(page) {
  return page.getByRole('alertdialog');
}

export function callView(page) {
  return page.getByTestId('call-view');
}

/** Tiles other than the page's own preview. */
export function remoteTiles(page) {
  return page.locator('[data-testid="call-tile"]:not([data-local])');
}

/** The timeline's system notes in the open conversation. */
export async function systemNotes(page) {
  return page.getByTestId('system-message').allTextContents();
}
