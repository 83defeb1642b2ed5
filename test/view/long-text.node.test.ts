import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {en} from '../../src/i18n/locales/en.js';
import type {PolyChatMessage} from '../../src/protocol/message.js';
import {messageAnnouncement, messagePlainText} from '../../src/view/announce-text.js';
import {COLLAPSE_ABOVE_CHARS, isLongText, LAYOUT_SLICE_CHARS, PREVIEW_CHARS, previewText, sliceText, truncateText} from '../../src/view/long-text.js';

const strings = en.strings;
const HUGE = 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(12_000).slice(0, 512 * 1024);
const message = (role: PolyChatMessage['role'], text: string): PolyChatMessage => ({
  id: 'm',
  role,
  text,
  complete: true,
  attachments: [],
  suggestions: [],
});

describe('truncateText', () => {
  it('returns a text that fits unchanged (no ellipsis)', () => {
    assert.equal(truncateText('short', 10), 'short');
    assert.equal(truncateText('exactly10!', 10), 'exactly10!');
  });

  it('cuts one long word at the limit and marks the cut with an ellipsis', () => {
    const cut = truncateText(HUGE, 2_000);
    assert.equal(cut.length, 2_001);
    assert.ok(cut.endsWith('…'));
    assert.equal(cut.slice(0, -1), HUGE.slice(0, 2_000));
  });

  it('prefers the last space near the limit, so words are not split needlessly', () => {
    assert.equal(truncateText('alpha beta gamma delta', 13), 'alpha beta…');
  });

  it('never splits a surrogate pair', () => {
    const cut = truncateText('a😀b', 2); // the cut would fall inside the emoji
    assert.equal(cut, 'a…');
    assert.equal(truncateText('😀😀😀', 3), '😀…');
  });
});

describe('previewText and isLongText', () => {
  it('shows a text up to the collapse limit whole, a longer one as its first PREVIEW_CHARS', () => {
    const fits = 'x'.repeat(COLLAPSE_ABOVE_CHARS);
    assert.equal(isLongText(fits), false);
    assert.equal(previewText(fits), fits);
    assert.equal(isLongText(fits + 'x'), true);
    assert.equal(previewText(HUGE).length, PREVIEW_CHARS + 1);
  });
});

describe('sliceText', () => {
  it('cuts 512 KB into pieces of at most LAYOUT_SLICE_CHARS that join back to the text exactly', () => {
    const slices = sliceText(HUGE);
    assert.equal(slices.join(''), HUGE);
    assert.equal(slices.length, Math.ceil(HUGE.length / LAYOUT_SLICE_CHARS));
    assert.ok(slices.every((slice) => slice.length > 0 && slice.length <= LAYOUT_SLICE_CHARS));
  });

  it('leaves a short text in one piece', () => {
    assert.deepEqual(sliceText('abc', 10), ['abc']);
    assert.deepEqual(sliceText('', 10), ['']);
  });

  it('cuts at a space near the end of a piece, and never inside a surrogate pair', () => {
    assert.deepEqual(sliceText('hello world again', 12), ['hello world', ' again']);
    const emoji = '😀'.repeat(10);
    const slices = sliceText(emoji, 5);
    assert.equal(slices.join(''), emoji);
    assert.ok(slices.every((slice) => !/[\ud800-\udbff]$/.test(slice) && !/^[\udc00-\udfff]/.test(slice)));
  });
});

describe('announcements of a very long message', () => {
  it('say the preview of 512 KB of agent text with an ellipsis, never all of it, and fast', () => {
    const started = performance.now();
    const said = messageAnnouncement(message('agent', HUGE), {agent: null, liveAgent: null}, strings);
    assert.ok(performance.now() - started < 50, 'only the beginning is parsed');
    assert.ok(said.length < PREVIEW_CHARS + 100, `announced ${said.length} characters`);
    assert.ok(said.includes(HUGE.slice(0, 1_000)));
    assert.ok(said.trimEnd().endsWith('…'));
  });

  it('end with an ellipsis even when the markup that fell away left less than the preview', () => {
    const text = `${'**a** '.repeat(1_000)}${'b'.repeat(3_000)}`;
    const plain = messagePlainText(message('agent', text), strings);
    assert.ok(plain.length <= PREVIEW_CHARS + 1);
    assert.ok(plain.startsWith('a a a'));
    assert.ok(plain.endsWith('…'));
  });

  it('cut user and live-agent text the same way and leave short messages whole', () => {
    assert.ok(messagePlainText(message('user', HUGE), strings).length <= PREVIEW_CHARS + 1);
    assert.ok(messagePlainText(message('live-agent', HUGE), strings).endsWith('…'));
    assert.equal(messagePlainText(message('agent', '**Hi** there'), strings), 'Hi there');
  });
});
