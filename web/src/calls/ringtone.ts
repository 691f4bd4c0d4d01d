/**
 * The incoming-call ring, synthesized with WebAudio (no sound file): two soft tones together,
 * on for a second and a half, off for two and a half, until stopped. Browsers may keep audio
 * suspended until the page has been touched; then the ring is silent and the banner still shows.
 *
 * Invariants: at most one ring plays; `stop` silences it at once and releases the audio context.
 */
const ON_S = 1.5;
const PERIOD_S = 4;

export class Ringtone {
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  start(): void {
    if (this.context || typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    this.context = context;
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(context.destination);
    for (const frequency of [440, 480]) {
      const tone = context.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start();
    }
    const ring = () => {
      const t = context.currentTime;
      gain.gain.cancelScheduledValues(t);
      gain.gain.setValueAtTime(0, t);
      gain.gain.linearRampToValueAtTime(0.08, t + 0.05);
      gain.gain.setValueAtTime(0.08, t + ON_S - 0.05);
      gain.gain.linearRampToValueAtTime(0, t + ON_S);
    };
    ring();
    this.timer = setInterval(ring, PERIOD_S * 1000);
    void context.resume().catch(() => undefined);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }
}
