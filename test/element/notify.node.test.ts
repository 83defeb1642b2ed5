// The pure parts of `notify` (issue 18 item 8): the title's prefix, which count it shows, the modes,
// and the chime's one-tone-per-burst rule with an injected clock and a stand-in AudioContext.
import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe, it} from 'node:test';
import {BURST_MS, Chime, startsBurst} from '../../src/element/chime.js';
import {notifyModes, titleCount} from '../../src/element/notifier.js';
import {stripPrefix, titlePrefix} from '../../src/element/title-badge.js';

describe('title prefix', () => {
  it('is "(n) " for unread messages and nothing for none', () => {
    assert.equal(titlePrefix(3), '(3) ');
    assert.equal(titlePrefix(0), '');
  });

  it('is removed only where it is in front of the title', () => {
    assert.equal(stripPrefix('(2) Shop', '(2) '), 'Shop');
    assert.equal(stripPrefix('Shop (2) ', '(2) '), 'Shop (2) ');
    assert.equal(stripPrefix('(3) Shop', '(2) '), '(3) Shop', "the page's own parenthesis stays");
    assert.equal(stripPrefix('Shop', ''), 'Shop');
  });
});

describe('titleCount', () => {
  it("shows nothing while the tab is visible, a closed launcher's badge count, or what came into a chat in view", () => {
    assert.equal(titleCount(false, false, 4, 0), 0);
    assert.equal(titleCount(true, false, 4, 0), 4);
    assert.equal(titleCount(true, true, 0, 2), 2);
  });
});

describe('notifyModes', () => {
  it('reads space-separated words, any case, and ignores the rest', () => {
    assert.deepEqual([...notifyModes(' Title  sound x')].filter(Boolean).sort(), ['sound', 'title', 'x']);
    assert.equal(notifyModes(undefined).has('title'), false);
  });
});

describe('Chime', () => {
  let tones: number[];
  let contexts: number;
  let now: number;
  const savedAudioContext = (globalThis as {AudioContext?: unknown}).AudioContext;

  class FakeAudioContext {
    readonly destination = {};
    readonly currentTime = 0;
    constructor() {
      contexts++;
    }
    resume = (): Promise<void> => Promise.resolve();
    close = (): Promise<void> => Promise.resolve();
    createOscillator = (): object => ({frequency: {value: 0}, connect: <T>(node: T): T => node, start: () => tones.push(now), stop: () => undefined});
    createGain = (): object => ({gain: {setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined}, connect: <T>(node: T): T => node});
  }

  beforeEach(() => {
    tones = [];
    contexts = 0;
    now = 1_000_000;
    (globalThis as {AudioContext?: unknown}).AudioContext = FakeAudioContext;
  });
  afterEach(() => {
    (globalThis as {AudioContext?: unknown}).AudioContext = savedAudioContext;
  });

  const gesture = (document: EventTarget): boolean => document.dispatchEvent(new Event('pointerdown'));

  it('is silent until a gesture after arm(), and creates its audio once', () => {
    const document = new EventTarget();
    const chime = new Chime(document as Document, () => now);
    chime.ring();
    gesture(document);
    assert.equal(contexts, 0, 'not armed: a gesture does nothing');
    chime.arm();
    chime.ring();
    assert.deepEqual(tones, []);
    gesture(document);
    gesture(document);
    assert.equal(contexts, 1);
    chime.ring();
    assert.deepEqual(tones, [now]);
  });

  it('rings once per burst: a message within BURST_MS of the previous one is the same burst', () => {
    const document = new EventTarget();
    const chime = new Chime(document as Document, () => now);
    chime.arm();
    gesture(document);
    chime.ring();
    now += BURST_MS - 1;
    chime.ring();
    now += BURST_MS - 1;
    chime.ring();
    assert.equal(tones.length, 1, 'messages keep the burst going');
    now += BURST_MS;
    chime.ring();
    assert.equal(tones.length, 2);
  });

  it('stops: no listener, no audio, and arm() again waits for a new gesture', () => {
    const document = new EventTarget();
    const chime = new Chime(document as Document, () => now);
    chime.arm();
    chime.stop();
    gesture(document);
    assert.equal(contexts, 0);
    chime.arm();
    gesture(document);
    assert.equal(contexts, 1);
    chime.stop();
    chime.ring();
    assert.deepEqual(tones, []);
  });

  it('starts a burst with the first message or after a quiet BURST_MS', () => {
    assert.equal(startsBurst(null, 5), true);
    assert.equal(startsBurst(0, BURST_MS - 1), false);
    assert.equal(startsBurst(0, BURST_MS), true);
  });
});
