import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {ReactiveController} from 'lit';
import type {PolyChatStrings} from '../../src/i18n/strings.js';
import {IDLE_SNAPSHOT} from '../../src/controller/idle-snapshot.js';
import {KEPT_ANNOUNCEMENTS, LiveRegionsController} from '../../src/element/live-regions-controller.js';
import type {WordingSource} from '../../src/element/live-regions-controller.js';
import type {PolyChatMessage} from '../../src/protocol/message.js';
import type {ChatSnapshot, PolyChatStatus} from '../../src/model/snapshot.js';
import type {StatusAnnouncement} from '../../src/view/status-text.js';

const msg = (text: string): PolyChatMessage => ({id: text, role: 'agent', text, complete: true, attachments: [], suggestions: []});
const snap = (status: PolyChatStatus): ChatSnapshot => ({...IDLE_SNAPSHOT, status});

/** Wording that shows what it was given: the UI language and the status, or the message text. */
type Wording = NonNullable<WordingSource['chunk']>;
const wording: Wording = {
  messageAnnouncement: (message, _people, strings) => `${strings.announceMessage} ${message.text}`,
  statusAnnouncement: (snapshot, strings) => ({kind: snapshot.status === 'live' ? 'live' : 'connection', text: `${strings.statusLive} ${snapshot.status}`}),
  nextStatusText: (next: StatusAnnouncement, previous: StatusAnnouncement | null) => (previous?.kind === 'live' && next.kind === 'live' ? '' : next.text),
};

function liveRegions(loaded: boolean) {
  const controllers: ReactiveController[] = [];
  const source = {chunk: loaded ? wording : null, loads: 0, load: () => void source.loads++} as WordingSource & {chunk: Wording | null; loads: number};
  let lang = 'en';
  const host = {
    addController: (controller: ReactiveController) => void controllers.push(controller),
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
  };
  const regions = new LiveRegionsController(host, {
    wording: source,
    politeRegion: () => null,
    strings: () => ({announceMessage: `[${lang}]`, statusLive: `[${lang}]`}) as PolyChatStrings,
    formatTime: String,
  });
  return {
    regions,
    source,
    setLang: (next: string) => void (lang = next),
    /** What a lit update does before render. */
    update: () => controllers.forEach((controller) => controller.hostUpdate?.()),
  };
}

describe('LiveRegionsController', () => {
  it('says each complete new message once, keeping the newest few, each a new node (its own key)', () => {
    const {regions} = liveRegions(true);
    regions.observe(snap('live'), [msg('a'), msg('b')]);
    regions.observe(snap('live'), []);
    regions.observe(snap('live'), [msg('c'), msg('c')]);
    assert.equal(KEPT_ANNOUNCEMENTS, 3);
    assert.deepEqual(
      regions.announcements.map((announcement) => announcement.text),
      ['[en] b', '[en] c', '[en] c'],
    );
    const keys = regions.announcements.map((announcement) => announcement.key);
    assert.equal(new Set(keys).size, 3);
    assert.deepEqual([...keys].sort((x, y) => x - y), keys);
  });

  it('says the status sentence through nextStatusText, which sees the previous status', () => {
    const {regions} = liveRegions(true);
    regions.observe(snap('connecting'), []);
    assert.equal(regions.statusText, '[en] connecting');
    regions.observe(snap('live'), []);
    assert.equal(regions.statusText, '[en] live');
    regions.observe(snap('live'), []);
    assert.equal(regions.statusText, '', 'the same plain live state again says nothing');
  });

  it('before the wording arrives: a message is its text, the status sentence waits for it, and asks for it unless idle', () => {
    const {regions, source, update} = liveRegions(false);
    regions.observe(snap('idle'), []);
    assert.equal(source.loads, 0);
    regions.observe(snap('connecting'), [msg('hello')]);
    assert.deepEqual(
      regions.announcements.map((announcement) => announcement.text),
      ['hello'],
    );
    assert.equal(regions.statusText, '');
    assert.equal(source.loads, 1);
    update();
    assert.equal(regions.statusText, '', 'still waiting');
    source.chunk = wording;
    update();
    assert.equal(regions.statusText, '[en] connecting');
  });

  it('restates the sentence in a new language, but never says one that was silent or is still waiting', () => {
    const ready = liveRegions(true);
    ready.regions.observe(snap('connecting'), []);
    ready.setLang('fr');
    ready.regions.restate();
    assert.equal(ready.regions.statusText, '[fr] connecting');
    ready.regions.observe(snap('live'), []);
    ready.regions.observe(snap('live'), []);
    ready.regions.restate();
    assert.equal(ready.regions.statusText, '', 'nothing said: nothing to say again');

    const waiting = liveRegions(false);
    waiting.regions.observe(snap('connecting'), []);
    waiting.source.chunk = wording;
    waiting.regions.restate();
    assert.equal(waiting.regions.statusText, '', 'the waiting sentence is said by the next update');
    waiting.update();
    assert.equal(waiting.regions.statusText, '[en] connecting');
  });
});
