// The short, quiet tone of `notify="sound"`: synthesised with Web Audio (no audio file to fetch or
// allow in a CSP). Browsers let a page make sound only after the visitor interacted with it
// (autoplay policies), so the AudioContext is created on the first pointerdown or keydown after
// the chime is armed; until then there is no sound at all, rather than a blocked or deferred one.

/** Messages that come within this long of the previous one are one burst: one chime at most. */
export const BURST_MS = 3000;

/** Whether a message at `now` starts a new burst, the previous one having come at `previous`. */
export function startsBurst(previous: number | null, now: number): boolean {
  return previous === null || now - previous >= BURST_MS;
}

const GESTURES = ['pointerdown', 'keydown'] as const;
/** Loudness of the tone's peak (0..1): a hint, not an alarm. */
const PEAK_GAIN = 0.05;
const TONE_HZ = 660;
const TONE_SECONDS = 0.25;

export class Chime {
  readonly #document: Document;
  readonly #now: () => number;
  #context: AudioContext | null = null;
  #armed = false;
  #lastMessageAt: number | null = null;

  constructor(document: Document, now: () => number = Date.now) {
    this.#document = document;
    this.#now = now;
  }

  /** Waits for the visitor's first gesture to get the audio ready (once). */
  arm(): void {
    if (this.#armed || this.#context) return;
    this.#armed = true;
    for (const type of GESTURES) this.#document.addEventListener(type, this.#unlock, {capture: true, passive: true});
  }

  /** No more sound: the gesture listeners go, the AudioContext is closed. */
  stop(): void {
    this.#disarm();
    void this.#context?.close().catch(() => undefined);
    this.#context = null;
    this.#lastMessageAt = null;
  }

  /** A message came: one tone if the audio is ready and the message starts a burst. */
  ring(): void {
    const context = this.#context;
    if (!context) return;
    const now = this.#now();
    const fresh = startsBurst(this.#lastMessageAt, now);
    this.#lastMessageAt = now;
    if (!fresh) return;
    const start = context.currentTime;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = TONE_HZ;
    // A soft attack and decay: no click at either end.
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(PEAK_GAIN, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + TONE_SECONDS);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + TONE_SECONDS);
  }

  readonly #unlock = (): void => {
    this.#disarm();
    const AudioContextClass = globalThis.AudioContext as typeof AudioContext | undefined;
    if (!AudioContextClass) return;
    try {
      this.#context = new AudioContextClass();
      // Created inside the gesture it is running already; resume() covers engines that start it suspended.
      void this.#context.resume().catch(() => undefined);
    } catch {
      this.#context = null; // no audio device, or too many contexts: silence
    }
  };

  #disarm(): void {
    if (!this.#armed) return;
    this.#armed = false;
    for (const type of GESTURES) this.#document.removeEventListener(type, this.#unlock, {capture: true});
  }
}
