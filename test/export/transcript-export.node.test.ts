import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {en} from '../../src/i18n/locales/en.js';
import {exportTranscript, transcriptFileName} from '../../src/export/transcript-export.js';
import type {TranscriptExportInput} from '../../src/export/transcript-entries.js';
import type {PolyChatMessage} from '../../src/protocol/message.js';

function message(id: string, role: PolyChatMessage['role'], text: string, extra: Partial<PolyChatMessage> = {}): PolyChatMessage {
  return {id, role, text, complete: true, attachments: [], suggestions: [], ...extra};
}

const AT = '2025-05-12T10:02:00Z';

function input(messages: readonly PolyChatMessage[]): TranscriptExportInput {
  return {
    messages,
    people: {agent: {name: 'Ada'}, liveAgent: null},
    strings: en.strings,
    lang: 'en',
    dir: 'ltr',
    now: Date.parse('2025-05-12T11:00:00Z'),
  };
}

const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & 'single'`;

describe('exportTranscript', () => {
  it('marks the user messages that never reached the agent, in text and HTML', () => {
    const messages = [
      message('u1', 'user', 'Delivered', {delivery: 'sent'}),
      message('u2', 'user', 'Lost on the way', {delivery: 'failed'}),
      message('u3', 'user', 'Still going', {delivery: 'sending'}),
    ];
    const text = exportTranscript(input(messages), 'text');
    assert.match(text, /^You: Delivered$/m);
    assert.match(text, /^You: Lost on the way \(Not delivered\)$/m);
    assert.match(text, /^You: Still going \(Sending…\)$/m);
    const page = exportTranscript(input(messages), 'html');
    assert.equal(page.match(/<p class="undelivered">Not delivered<\/p>/g)?.length, 1);
    assert.equal(page.match(/<p class="undelivered">/g)?.length, 2);
  });

  it('writes each message as "[time] Speaker: text", links under it, notices in the UI language', () => {
    const text = exportTranscript(
      input([
        message('a1', 'agent', 'Hello, how can I help?', {timestamp: AT}),
        message('u1', 'user', 'My order', {timestamp: AT}),
        message('a2', 'agent', 'Here it is', {
          attachments: [{contentType: 'url', title: 'Order 42', contentUrl: 'https://shop.example/orders/42'}],
          callActions: [{title: 'Call us', contactNumber: '+44 20 7946 0000'}],
        }),
        message('s1', 'system', 'x', {noticeKey: 'live-agent-joined', noticeParams: {name: 'Sam'}}),
        message('l1', 'live-agent', 'Hi, Sam here', {author: 'Sam'}),
      ]),
      'text',
    );
    const lines = text.split('\n');
    assert.equal(lines[0], 'Conversation transcript');
    assert.match(text, /^\[[^\]]*2025[^\]]*\] Ada: Hello, how can I help\?$/m);
    assert.match(text, /^\[[^\]]*\] You: My order$/m);
    assert.match(text, /^Ada: Here it is\n {2}Order 42 <https:\/\/shop\.example\/orders\/42>\n {2}Call us <tel:\+442079460000>$/m);
    assert.match(text, /^Notice: Sam joined the chat\.$/m);
    assert.match(text, /^Sam: Hi, Sam here$/m);
  });

  it('HTML: a standalone document, every text escaped, no script, nothing loaded from elsewhere', () => {
    const doc = exportTranscript(
      input([
        message('a1', 'agent', HOSTILE, {author: HOSTILE, timestamp: AT}),
        message('a2', 'agent', 'pic', {
          attachments: [{contentType: 'image', title: HOSTILE, contentUrl: 'https://cdn.example/a.png?x="><script>'}],
        }),
      ]),
      'html',
    );
    assert.match(doc, /^<!doctype html>\n<html lang="en" dir="ltr">/);
    assert.doesNotMatch(doc, /<script/i);
    assert.doesNotMatch(doc, /<img/i);
    assert.doesNotMatch(doc, /<[^>]*onerror=/i);
    assert.doesNotMatch(doc, /<[a-z][^>]*\ssrc=/i);
    assert.ok(doc.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(doc.includes('&quot;quoted&quot; &amp; &#39;single&#39;'));
    assert.ok(doc.includes(`content="default-src 'none'; style-src 'unsafe-inline'`), 'a CSP that forbids scripts and external resources');
    // The URL parser percent-encodes the quote and the angle brackets; the attribute stays closed.
    assert.ok(doc.includes('<a href="https://cdn.example/a.png?x=%22%3E%3Cscript%3E" rel="noopener noreferrer">'));
    assert.match(doc, /<time datetime="2025-05-12T10:02:00.000Z">/);
  });

  it('keeps only http(s), mailto and tel links; a refused URL leaves its label as text', () => {
    const doc = exportTranscript(
      input([
        message('a1', 'agent', 'links', {
          attachments: [
            {contentType: 'url', title: 'Evil', contentUrl: 'javascript:alert(1)'},
            {contentType: 'url', title: 'Tabbed', contentUrl: 'java\tscript:alert(1)'},
            {contentType: 'url', title: 'Data', contentUrl: 'data:text/html,<b>x</b>'},
            {contentType: 'url', title: 'Mail', contentUrl: 'mailto:help@example.com'},
          ],
        }),
      ]),
      'html',
    );
    assert.doesNotMatch(doc, /javascript:|java\tscript|data:/i);
    assert.ok(doc.includes('<li>Evil</li>'));
    assert.ok(doc.includes('<li>Data</li>'));
    assert.ok(doc.includes('<a href="mailto:help@example.com" rel="noopener noreferrer">Mail</a>'));
  });

  it('leaves out the replies the chat does not show (empty, completed agent messages)', () => {
    const text = exportTranscript(input([message('a1', 'agent', '   '), message('u1', 'user', 'hi')]), 'text');
    assert.equal(text.match(/: /g)?.length, 1);
  });

  it('names the file after the local date of the export', () => {
    const now = new Date(2025, 0, 5, 23, 59).getTime();
    assert.equal(transcriptFileName(now, 'html'), 'chat-transcript-2025-01-05.html');
    assert.equal(transcriptFileName(now, 'text'), 'chat-transcript-2025-01-05.txt');
  });
});
