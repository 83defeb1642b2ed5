import {expect, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {PolyChatFeedbackEvent} from '../../src/events/feedback-event.js';
import {$, chatFixture, part, parts, text} from '../helpers/browser/chat-fixture.js';
import type {ChatFixture} from '../helpers/browser/chat-fixture.js';
import {agentMessage, liveAgentMessage, systemMessage, userMessage} from '../helpers/browser/messages.js';

const announcements = (chat: ChatFixture): string[] =>
  Array.from($(chat.el, '[data-region="announcements"]')?.querySelectorAll('p') ?? []).map((node) => text(node));

function recordFeedback(chat: ChatFixture): PolyChatFeedbackEvent[] {
  const events: PolyChatFeedbackEvent[] = [];
  // Heard on the element's parent: the event bubbles out of the shadow root into the page.
  chat.el.parentElement?.addEventListener('poly-chat-feedback', (event) => void events.push(event));
  return events;
}

function groupOf(chat: ChatFixture, messageId: string): HTMLElement | null {
  return $(chat.el, `[data-message-id="${messageId}"] [part~="feedback"]`);
}

function thumb(group: HTMLElement | null, value: 'up' | 'down'): HTMLButtonElement {
  const button = group?.querySelector<HTMLButtonElement>(`[part~="feedback-${value}"]`);
  if (!button) throw new Error(`no ${value} thumb`);
  return button;
}

describe('<poly-chat> feedback', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it('offers no rating without the feedback attribute', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', messages: [agentMessage('Hi')]});
    expect(parts(chat.el, 'feedback')).to.have.length(0);
    await chat.set({status: 'ended', endReason: 'REASON_USER_END'});
    expect(parts(chat.el, 'feedback')).to.have.length(0);
  });

  it('feedback="messages": a labelled group of two toggle buttons under each complete agent and human-agent message only', async () => {
    const agent = agentMessage('Hi');
    const live = liveAgentMessage('Sam here');
    const user = userMessage('hello');
    const notice = systemMessage('Sam joined');
    const streaming = agentMessage('partial', {complete: false});
    const chat = await chatFixture(html`<poly-chat endpoint="/e" feedback="messages"></poly-chat>`, {
      status: 'live',
      messages: [agent, user, notice, live, streaming],
    });
    const group = groupOf(chat, agent.id);
    expect(group?.getAttribute('role')).to.equal('group');
    expect(group?.getAttribute('aria-label')).to.equal('Was this helpful?');
    expect(thumb(group, 'up').getAttribute('aria-label')).to.equal('Helpful');
    expect(thumb(group, 'down').getAttribute('aria-label')).to.equal('Not helpful');
    expect(thumb(group, 'up').getAttribute('aria-pressed')).to.equal('false');
    expect(groupOf(chat, live.id)).to.not.equal(null);
    expect(groupOf(chat, user.id)).to.equal(null);
    expect(groupOf(chat, notice.id)).to.equal(null);
    expect(groupOf(chat, streaming.id)).to.equal(null);
    await expect(chat.el).to.be.accessible();
  });

  it('a thumb fires poly-chat-feedback {messageId, value}, stays pressed and says thanks politely', async () => {
    const agent = agentMessage('Hi');
    const chat = await chatFixture(html`<poly-chat endpoint="/e" feedback="messages"></poly-chat>`, {
      status: 'live',
      sessionId: 'session-1',
      messages: [agent],
    });
    const events = recordFeedback(chat);
    thumb(groupOf(chat, agent.id), 'up').click();
    await chat.el.updateComplete;
    expect(events).to.have.length(1);
    const [event] = events;
    expect(event).to.be.instanceOf(PolyChatFeedbackEvent);
    expect(event?.bubbles).to.equal(true);
    expect(event?.composed).to.equal(true);
    expect(event?.detail).to.deep.equal({messageId: agent.id, value: 'up', sessionId: 'session-1'});
    expect(thumb(groupOf(chat, agent.id), 'up').getAttribute('aria-pressed')).to.equal('true');
    expect(thumb(groupOf(chat, agent.id), 'down').getAttribute('aria-pressed')).to.equal('false');
    expect(announcements(chat)).to.include('Thanks for your feedback');

    // The same thumb again changes nothing; the other one changes the rating.
    thumb(groupOf(chat, agent.id), 'up').click();
    await chat.el.updateComplete;
    expect(events).to.have.length(1);
    thumb(groupOf(chat, agent.id), 'down').click();
    await chat.el.updateComplete;
    expect(events.map((e) => e.value)).to.deep.equal(['up', 'down']);
    expect(thumb(groupOf(chat, agent.id), 'down').getAttribute('aria-pressed')).to.equal('true');
    expect(thumb(groupOf(chat, agent.id), 'up').getAttribute('aria-pressed')).to.equal('false');
  });

  it('a message of an earlier conversation is rated with that conversation\'s session id', async () => {
    const earlier = agentMessage('Hi');
    const chat = await chatFixture(html`<poly-chat endpoint="/e" feedback="messages"></poly-chat>`, {
      status: 'live',
      sessionId: 'session-1',
      messages: [earlier],
    });
    // "Start a new conversation": the earlier messages stay on screen above the new ones.
    const later = agentMessage('Welcome back');
    await chat.set({sessionId: 'session-2', messages: [earlier, later]});
    const events = recordFeedback(chat);
    thumb(groupOf(chat, earlier.id), 'up').click();
    thumb(groupOf(chat, later.id), 'down').click();
    await chat.el.updateComplete;
    expect(events.map((e) => e.detail)).to.deep.equal([
      {messageId: earlier.id, value: 'up', sessionId: 'session-1'},
      {messageId: later.id, value: 'down', sessionId: 'session-2'},
    ]);
  });

  it('the chosen value stays shown as the conversation goes on and after it ended', async () => {
    const agent = agentMessage('Hi');
    const chat = await chatFixture(html`<poly-chat endpoint="/e" feedback="messages"></poly-chat>`, {status: 'live', messages: [agent]});
    thumb(groupOf(chat, agent.id), 'down').click();
    await chat.el.updateComplete;
    await chat.set({messages: [agent, userMessage('more'), agentMessage('Sure')]});
    await chat.set({status: 'ended', endReason: 'REASON_USER_END'});
    expect(thumb(groupOf(chat, agent.id), 'down').getAttribute('aria-pressed')).to.equal('true');
  });

  it('works from the keyboard (Enter on a focused thumb)', async () => {
    const agent = agentMessage('Hi');
    const chat = await chatFixture(html`<poly-chat endpoint="/e" feedback="messages"></poly-chat>`, {status: 'live', messages: [agent]});
    const events = recordFeedback(chat);
    thumb(groupOf(chat, agent.id), 'up').focus();
    await sendKeys({press: 'Enter'});
    await chat.el.updateComplete;
    expect(events.map((e) => e.value)).to.deep.equal(['up']);
    expect(thumb(groupOf(chat, agent.id), 'up').getAttribute('aria-pressed')).to.equal('true');
  });

  it('feedback="end": the end panel rates the conversation (messageId null, the session id)', async () => {
    const agent = agentMessage('Hi');
    const chat = await chatFixture(html`<poly-chat endpoint="/e" feedback="end"></poly-chat>`, {status: 'live', sessionId: 's-9', messages: [agent]});
    expect(groupOf(chat, agent.id)).to.equal(null, 'no thumbs under messages with "end" alone');
    expect(part(chat.el, 'feedback')).to.equal(null, 'nothing before the end');
    await chat.set({status: 'ended', endReason: 'REASON_NATURAL_END'});
    const group = $(chat.el, '[part~="end-panel"] [part~="feedback"]');
    expect(group?.getAttribute('role')).to.equal('group');
    expect(group?.getAttribute('aria-label')).to.equal('How was this conversation?');
    expect(part(chat.el, 'feedback-thanks')).to.equal(null);
    await expect(chat.el).to.be.accessible();

    const events = recordFeedback(chat);
    thumb(group, 'up').click();
    await chat.el.updateComplete;
    expect(events.map((e) => e.detail)).to.deep.equal([{messageId: null, value: 'up', sessionId: 's-9'}]);
    expect(thumb($(chat.el, '[part~="end-panel"] [part~="feedback"]'), 'up').getAttribute('aria-pressed')).to.equal('true');
    expect(text(part(chat.el, 'feedback-thanks'))).to.equal('Thanks for your feedback');
    expect(announcements(chat)).to.include('Thanks for your feedback');
    await expect(chat.el).to.be.accessible();
  });

  it('feedback="messages end" offers both, in the UI language', async () => {
    const agent = agentMessage('Hallo');
    const chat = await chatFixture(html`<poly-chat endpoint="/e" feedback="messages end" lang="de"></poly-chat>`, {
      status: 'ended',
      endReason: 'REASON_USER_END',
      messages: [agent],
    });
    expect(groupOf(chat, agent.id)?.getAttribute('aria-label')).to.equal('War das hilfreich?');
    expect($(chat.el, '[part~="end-panel"] [part~="feedback"]')?.getAttribute('aria-label')).to.equal('Wie war dieses Gespräch?');
  });
});
