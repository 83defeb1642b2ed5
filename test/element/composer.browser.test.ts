import {expect, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {chatFixture, part, text} from '../helpers/browser/chat-fixture.js';
import type {ChatFixture} from '../helpers/browser/chat-fixture.js';
import {userMessageFrameBytes} from '../helpers/browser/messages.js';

function input(chat: ChatFixture): HTMLTextAreaElement {
  const node = part(chat.el, 'input');
  if (!(node instanceof HTMLTextAreaElement)) throw new Error('no textarea');
  return node;
}

async function typeInto(chat: ChatFixture, value: string): Promise<void> {
  input(chat).focus();
  await sendKeys({type: value});
  await chat.el.updateComplete;
}

describe('composer', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  const live = async (extra = {}): Promise<ChatFixture> =>
    chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', ...extra});

  it('is a labelled textarea (part input) with a send button (part send-button) in a form (part composer)', async () => {
    const chat = await live();
    expect(part(chat.el, 'composer')?.tagName).to.equal('FORM');
    expect(input(chat).getAttribute('aria-label')).to.equal('Message');
    expect(part(chat.el, 'send-button')?.getAttribute('aria-label')).to.equal('Send');
  });

  it('Enter sends the trimmed text and clears the box', async () => {
    const chat = await live();
    await typeInto(chat, '  Hello there ');
    await sendKeys({press: 'Enter'});
    await chat.el.updateComplete;
    expect(chat.runtime.callsOf('send')).to.deep.equal([['Hello there']]);
    expect(input(chat).value).to.equal('');
  });

  it('Shift+Enter inserts a line break instead of sending', async () => {
    const chat = await live();
    await typeInto(chat, 'line one');
    await sendKeys({down: 'Shift'});
    await sendKeys({press: 'Enter'});
    await sendKeys({up: 'Shift'});
    await sendKeys({type: 'line two'});
    await chat.el.updateComplete;
    expect(chat.runtime.callsOf('send')).to.deep.equal([]);
    expect(input(chat).value).to.equal('line one\nline two');
    await sendKeys({press: 'Enter'});
    expect(chat.runtime.callsOf('send')).to.deep.equal([['line one\nline two']]);
  });

  it('the send button sends too', async () => {
    const chat = await live();
    await typeInto(chat, 'via button');
    part(chat.el, 'send-button')?.click();
    await chat.el.updateComplete;
    expect(chat.runtime.callsOf('send')).to.deep.equal([['via button']]);
  });

  it('never sends whitespace-only text', async () => {
    const chat = await live();
    await typeInto(chat, '   ');
    await sendKeys({press: 'Enter'});
    part(chat.el, 'send-button')?.click();
    await chat.el.updateComplete;
    expect(chat.runtime.callsOf('send')).to.deep.equal([]);
  });

  it('refuses a draft whose frame is over maxMessageSizeBytes (UTF-8 bytes) with a visible message', async () => {
    const chat = await live({maxMessageSizeBytes: userMessageFrameBytes('ééééé')});
    await typeInto(chat, 'ééééé'); // exactly the limit: fits
    expect(part(chat.el, 'composer-error')).to.equal(null);
    await sendKeys({type: 'é'}); // two bytes more
    await chat.el.updateComplete;
    const error = part(chat.el, 'composer-error');
    expect(text(error)).to.equal('Your message is too long. Please shorten it.');
    expect(error?.getAttribute('role')).to.equal('alert');
    expect(input(chat).getAttribute('aria-invalid')).to.equal('true');
    expect(input(chat).getAttribute('aria-describedby')).to.equal(error?.id);
    await sendKeys({press: 'Enter'});
    expect(chat.runtime.callsOf('send')).to.deep.equal([]);
    expect(input(chat).value).to.equal('éééééé');
    await sendKeys({press: 'Backspace'});
    await chat.el.updateComplete;
    expect(part(chat.el, 'composer-error')).to.equal(null);
  });

  it('tells the runtime of every edit (the runtime throttles the wire), and STOPPED on send', async () => {
    const chat = await live();
    await typeInto(chat, 'abc');
    expect(chat.runtime.callsOf('typing')).to.deep.equal([[true], [true], [true]]);
    await sendKeys({press: 'Enter'});
    expect(chat.runtime.callsOf('typing')).to.deep.equal([[true], [true], [true], [false]]);
  });

  it('signals STOPPED when the draft is cleared', async () => {
    const chat = await live();
    await typeInto(chat, 'a');
    await sendKeys({press: 'Backspace'});
    expect(chat.runtime.callsOf('typing')).to.deep.equal([[true], [false]]);
  });

  it('stays usable while reconnecting: the text goes to the runtime, which queues it', async () => {
    const chat = await live();
    await chat.set({status: 'reconnecting'});
    expect(input(chat).disabled).to.equal(false);
    await typeInto(chat, 'queued please');
    await sendKeys({press: 'Enter'});
    expect(chat.runtime.callsOf('send')).to.deep.equal([['queued please']]);
  });

  it('is disabled once the session ended, and when nothing is configured', async () => {
    const chat = await live();
    await chat.set({status: 'ended', endReason: 'REASON_NATURAL_END'});
    expect(input(chat).disabled).to.equal(true);
    const idle = await chatFixture(html`<poly-chat></poly-chat>`);
    expect(input(idle).disabled).to.equal(true);
  });

  it('keeps the draft across snapshot updates', async () => {
    const chat = await live();
    await typeInto(chat, 'draft');
    await chat.set({status: 'reconnecting'});
    await chat.set({status: 'live'});
    expect(input(chat).value).to.equal('draft');
  });
});
