import {expect, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {$, $$, chatFixture, part, parts, text} from '../helpers/browser/chat-fixture.js';
import {agentMessage, liveAgentMessage, systemMessage, userMessage} from '../helpers/browser/messages.js';
import {COLLAPSE_ABOVE_CHARS, MARKDOWN_MAX_CHARS} from '../../src/view/long-text.js';

describe('transcript rendering', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  const live = async (): ReturnType<typeof chatFixture> =>
    chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', agent: {name: 'Ava'}});

  it('is a log (role="log") whose implicit announcements are off, focusable for keyboard scrolling', async () => {
    const chat = await live();
    const transcript = part(chat.el, 'transcript');
    expect(transcript?.getAttribute('role')).to.equal('log');
    expect(transcript?.getAttribute('aria-live')).to.equal('off');
    expect(transcript?.getAttribute('tabindex')).to.equal('0');
    expect(transcript?.getAttribute('aria-label')).to.equal('Conversation');
  });

  it('renders each role with its parts: user, agent, live-agent, system', async () => {
    const chat = await live();
    await chat.set({
      messages: [
        agentMessage('Hello, I am Ava'),
        userMessage('Hi'),
        liveAgentMessage('Priya here', {author: 'Priya'}),
        systemMessage('Something happened', {level: 'warning'}),
      ],
    });
    const messages = parts(chat.el, 'message');
    expect(messages.map((node) => node.getAttribute('part'))).to.deep.equal([
      'message message-agent',
      'message message-user',
      'message message-live-agent',
      'message message-system',
    ]);
    expect(text(messages[0]?.querySelector('[part~="byline"]'))).to.contain('Ava');
    expect(text(messages[2]?.querySelector('[part~="byline"]'))).to.contain('Priya');
    expect(messages[1]?.querySelector('[part~="byline"]')).to.equal(null);
    expect(text(messages[3])).to.contain('Something happened');
    expect(messages[3]?.classList.contains('level-warning')).to.equal(true);
  });

  it('shows the author avatar when known (safe URL only) and initials otherwise', async () => {
    const chat = await live();
    await chat.set({
      agent: {name: 'Ava', avatarUrl: 'https://cdn.example.com/ava.png'},
      messages: [agentMessage('Hi'), userMessage('x'), liveAgentMessage('Yo', {author: 'Sam Lee', avatarUrl: 'javascript:alert(1)'})],
    });
    const [agent, , human] = parts(chat.el, 'message');
    const avatar = agent?.querySelector('[part~="avatar"] img');
    expect(avatar?.getAttribute('src')).to.equal('https://cdn.example.com/ava.png');
    expect(avatar?.getAttribute('alt')).to.equal('');
    expect(text(agent?.querySelector('[part~="avatar"]'))).to.equal('A');
    expect(human?.querySelector('img')).to.equal(null);
    expect(text(human?.querySelector('[part~="avatar"]'))).to.equal('SL');
  });

  it('falls back to the initials when an avatar picture fails to load', async () => {
    const chat = await live();
    // A missing file on the test server: a fast, certain 404 (a DNS failure can take seconds).
    const missing = new URL('/__poly-chat-test/no-such-avatar.png', location.href).href;
    await chat.set({agent: {name: 'Ava', avatarUrl: missing}, messages: [agentMessage('Hi')]});
    const image = part(chat.el, 'avatar')?.querySelector('img');
    await waitUntil(() => image?.hidden === true, 'broken image not hidden', {timeout: 5000});
    expect(getComputedStyle(image as Element).display).to.equal('none');
    expect(text(part(chat.el, 'avatar'))).to.equal('A');
  });

  it('does not repeat byline and avatar for consecutive messages of one author', async () => {
    const chat = await live();
    await chat.set({messages: [agentMessage('one'), agentMessage('two')]});
    const [first, second] = parts(chat.el, 'message');
    expect(first?.querySelector('[part~="byline"]')).to.not.equal(null);
    expect(second?.querySelector('[part~="byline"]')).to.equal(null);
    expect(second?.classList.contains('continued')).to.equal(true);
  });

  it('grows a streamed reply inside the same DOM node, keyed by message id', async () => {
    const chat = await live();
    const partial = agentMessage('Hel', {id: 'stream-1', complete: false});
    await chat.set({messages: [partial]});
    const node = part(chat.el, 'message-agent');
    expect(node?.getAttribute('aria-busy')).to.equal('true');
    await chat.set({messages: [{...partial, text: 'Hello, wor'}]});
    await chat.set({messages: [{...partial, text: 'Hello, world!', complete: true}]});
    expect(part(chat.el, 'message-agent')).to.equal(node);
    expect(text(node?.querySelector('[part~="bubble"]'))).to.equal('Hello, world!');
    expect(node?.getAttribute('aria-busy')).to.equal('false');
    // And a message before it does not remount it either.
    await chat.set({messages: [userMessage('hi'), {...partial, text: 'Hello, world!', complete: true}]});
    expect(part(chat.el, 'message-agent')).to.equal(node);
  });

  it('skips completed agent replies that carry nothing', async () => {
    const chat = await live();
    await chat.set({messages: [agentMessage(''), agentMessage('real')]});
    expect(parts(chat.el, 'message')).to.have.length(1);
  });

  it('shows the empty state (slot "empty") before the first message', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"><p slot="empty" id="custom-empty">Ask me</p></poly-chat>`, {
      status: 'live',
    });
    const slot = $(chat.el, 'slot[name="empty"]') as HTMLSlotElement | null;
    expect(slot?.assignedElements().map((node) => node.id)).to.deep.equal(['custom-empty']);
    await chat.set({messages: [agentMessage('Hi')]});
    expect($(chat.el, 'slot[name="empty"]')).to.equal(null);
  });

  describe('typing indicator', () => {
    it('shows while the agent is typing and names who types', async () => {
      const chat = await live();
      expect(part(chat.el, 'typing-indicator')).to.equal(null);
      await chat.set({typing: {role: 'agent'}});
      expect(text(part(chat.el, 'typing-indicator'))).to.equal('Ava is typing…');
      await chat.set({typing: {role: 'live-agent', name: 'Priya'}});
      expect(text(part(chat.el, 'typing-indicator'))).to.equal('Priya is typing…');
      await chat.set({typing: null});
      expect(part(chat.el, 'typing-indicator')).to.equal(null);
    });

    it('gives way to a streamed reply that is growing', async () => {
      const chat = await live();
      await chat.set({typing: {role: 'agent'}, messages: [agentMessage('Hel', {complete: false})]});
      expect(part(chat.el, 'typing-indicator')).to.equal(null);
    });
  });

  describe('suggestions', () => {
    it('renders buttons on the latest agent message; a click sends the text and hides them', async () => {
      const chat = await live();
      await chat.set({messages: [agentMessage('Pick one', {suggestions: ['Opening hours', 'Talk to a person']})]});
      const buttons = parts(chat.el, 'suggestion');
      expect(buttons.map((button) => text(button))).to.deep.equal(['Opening hours', 'Talk to a person']);
      expect(buttons[0]?.closest('[role="group"]')?.getAttribute('aria-label')).to.equal('Suggested replies');
      buttons[1]?.click();
      await chat.el.updateComplete;
      expect(chat.runtime.callsOf('send')).to.deep.equal([['Talk to a person']]);
      expect(parts(chat.el, 'suggestion')).to.have.length(0);
    });

    it('after a keyboard choice focus continues in the input; after a tap it stays put (no surprise keyboard)', async () => {
      const chat = await live();
      await chat.set({messages: [agentMessage('Pick', {suggestions: ['a', 'b']})]});
      const [first] = parts(chat.el, 'suggestion');
      first?.focus();
      await sendKeys({press: 'Enter'});
      await chat.el.updateComplete;
      expect(chat.runtime.callsOf('send')).to.deep.equal([['a']]);
      expect(chat.el.shadowRoot?.activeElement).to.equal(part(chat.el, 'input'));

      (part(chat.el, 'input') as HTMLElement).blur();
      await chat.set({messages: [...chat.el.messages, userMessage('a'), agentMessage('Again', {suggestions: ['c']})]});
      part(chat.el, 'suggestion')?.dispatchEvent(new MouseEvent('click', {bubbles: true, composed: true, detail: 1}));
      await chat.el.updateComplete;
      expect(chat.runtime.callsOf('send')).to.deep.equal([['a'], ['c']]);
      expect(chat.el.shadowRoot?.activeElement).to.not.equal(part(chat.el, 'input'));
    });

    it('only on the latest agent message, and not once the user has sent something', async () => {
      const chat = await live();
      const old = agentMessage('Old', {suggestions: ['stale']});
      await chat.set({messages: [old, agentMessage('New', {suggestions: ['fresh']})]});
      expect(parts(chat.el, 'suggestion').map((button) => text(button))).to.deep.equal(['fresh']);
      await chat.set({messages: [old, agentMessage('New', {suggestions: ['fresh']}), userMessage('typed myself')]});
      expect(parts(chat.el, 'suggestion')).to.have.length(0);
    });

    it('hide as soon as the user sends, before the runtime echoes the message', async () => {
      const chat = await live();
      await chat.set({messages: [agentMessage('Pick', {suggestions: ['a']})]});
      chat.el.send('something else');
      await chat.el.updateComplete;
      expect(parts(chat.el, 'suggestion')).to.have.length(0);
    });

    it('not while a reply is still streaming, nor after the chat ended', async () => {
      const chat = await live();
      const streaming = agentMessage('Pick', {suggestions: ['a'], complete: false});
      await chat.set({messages: [streaming]});
      expect(parts(chat.el, 'suggestion')).to.have.length(0);
      await chat.set({messages: [{...streaming, complete: true}]});
      expect(parts(chat.el, 'suggestion')).to.have.length(1);
      await chat.set({status: 'ended', endReason: 'REASON_NATURAL_END'});
      expect(parts(chat.el, 'suggestion')).to.have.length(0);
    });
  });

  describe('attachments', () => {
    it('renders URL cards with preview, title and a call-to-action link that opens a new tab', async () => {
      const chat = await live();
      await chat.set({
        messages: [
          agentMessage('See:', {
            attachments: [
              {
                contentType: 'url',
                title: 'Opening hours',
                contentUrl: 'https://www.example.com/hours',
                previewImageUrl: 'https://cdn.example.com/thumb.jpg',
                callToActionText: 'See hours',
              },
            ],
          }),
        ],
      });
      const card = part(chat.el, 'attachment');
      expect(card?.getAttribute('part')).to.equal('attachment attachment-card');
      expect(card?.querySelector('img')?.getAttribute('src')).to.equal('https://cdn.example.com/thumb.jpg');
      expect(text(card?.querySelector('.card-title'))).to.equal('Opening hours');
      const link = card?.querySelector('a');
      expect(link?.getAttribute('href')).to.equal('https://www.example.com/hours');
      expect(link?.getAttribute('target')).to.equal('_blank');
      expect(link?.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(text(link)).to.contain('See hours');
    });

    it('renders image attachments as <img> with alt text, and skips unknown types', async () => {
      const chat = await live();
      await chat.set({
        messages: [
          agentMessage('Pictures', {
            attachments: [
              {contentType: 'image', contentUrl: 'https://cdn.example.com/map.png', title: 'Map of the store'},
              {contentType: 'image', contentUrl: 'https://cdn.example.com/plain.png'},
              {contentType: 'unknown', contentUrl: 'https://cdn.example.com/file.bin', title: 'Mystery'},
            ],
          }),
        ],
      });
      const attachments = parts(chat.el, 'attachment');
      expect(attachments).to.have.length(2);
      const [first, second] = attachments.map((node) => node.querySelector('img'));
      expect(first?.getAttribute('alt')).to.equal('Map of the store');
      expect(second?.getAttribute('alt')).to.equal('Image');
      expect(text(part(chat.el, 'message-agent'))).to.not.contain('Mystery');
    });
  });

  it('renders call actions as tel: links styled as buttons', async () => {
    const chat = await live();
    await chat.set({
      messages: [agentMessage('Call us', {callActions: [{title: 'Call support', contactNumber: '+44 20 7946 0000'}]})],
    });
    const action = part(chat.el, 'call-action');
    expect(action?.tagName).to.equal('A');
    expect(action?.getAttribute('href')).to.equal('tel:+442079460000');
    expect(action?.hasAttribute('target')).to.equal(false);
    expect(text(action)).to.equal('Call support');
  });

  describe('delivery states', () => {
    it('shows sending, sent and failed; retry resends the failed message by its client event id', async () => {
      const chat = await live();
      const message = userMessage('hello', {delivery: 'sending', clientEventId: 'cev-9'});
      await chat.set({messages: [message]});
      expect(text(part(chat.el, 'delivery'))).to.equal('Sending…');
      await chat.set({messages: [{...message, delivery: 'sent'}]});
      expect(text(part(chat.el, 'delivery'))).to.equal('Sent');
      expect(part(chat.el, 'retry-button')).to.equal(null);
      await chat.set({messages: [{...message, delivery: 'failed'}]});
      expect(text(part(chat.el, 'delivery'))).to.contain('Not delivered');
      part(chat.el, 'retry-button')?.click();
      expect(chat.runtime.callsOf('retryMessage')).to.deep.equal([['cev-9']]);
    });
  });

  it('renders user text as plain text with its line breaks', async () => {
    const chat = await live();
    await chat.set({messages: [userMessage('**not bold**\nsecond line')]});
    const bubble = part(chat.el, 'message-user')?.querySelector('[part~="bubble"]');
    expect(bubble?.querySelector('strong')).to.equal(null);
    expect(bubble?.textContent).to.contain('**not bold**\nsecond line');
  });

  it('shows client notices in the UI language via noticeKey, with parameters', async () => {
    const chat = await live();
    await chat.set({
      messages: [
        systemMessage('Priya left the chat.', {noticeKey: 'live-agent-left', noticeParams: {name: 'Priya'}}),
        systemMessage('You ended the chat.', {noticeKey: 'session-ended', noticeParams: {reason: 'REASON_USER_END'}}),
        systemMessage('A new one started.', {noticeKey: 'new-conversation-expired'}),
        systemMessage('Host notice', {noticeKey: 'noticeHandoffTimeout'}),
        systemMessage('Unknown stays English', {noticeKey: 'some-future-notice'}),
      ],
    });
    const notices = (): string[] => parts(chat.el, 'message-system').map((node) => text(node.querySelector('.notice')));
    expect(notices()).to.deep.equal([
      'Notice: Priya left the chat.',
      'Notice: You ended the conversation.',
      'Notice: The previous conversation could not be continued, so a new one started.',
      'Notice: Nobody was available in time.',
      'Notice: Unknown stays English',
    ]);
    chat.el.lang = 'de';
    await chat.el.updateComplete;
    expect(notices()).to.deep.equal([
      'Hinweis: Priya hat den Chat verlassen.',
      'Hinweis: Sie haben das Gespräch beendet.',
      'Hinweis: Das vorherige Gespräch konnte nicht fortgesetzt werden, daher hat ein neues begonnen.',
      'Hinweis: Niemand war rechtzeitig verfügbar.',
      'Hinweis: Unknown stays English',
    ]);
  });

  it('every message node carries its id (for hosts and tests)', async () => {
    const chat = await live();
    const message = agentMessage('x', {id: 'm-42'});
    await chat.set({messages: [message]});
    expect($$(chat.el, '[data-message-id="m-42"]')).to.have.length(1);
  });

  describe('a very long message ("Show more")', () => {
    it('shows short messages whole, without a button', async () => {
      const chat = await live();
      await chat.set({messages: [agentMessage('x'.repeat(COLLAPSE_ABOVE_CHARS))]});
      expect(part(chat.el, 'show-more-button')).to.equal(null);
      expect(text(part(chat.el, 'bubble'))).to.have.length(COLLAPSE_ABOVE_CHARS);
    });

    it('keeps Markdown below MARKDOWN_MAX_CHARS, collapsed and expanded, and stays accessible', async () => {
      const chat = await live();
      const long = `**Bold start** ${'word '.repeat(1_000)}[the end](https://example.com/end)`;
      await chat.set({messages: [agentMessage(long)]});
      const button = part(chat.el, 'show-more-button') as HTMLButtonElement;
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(part(chat.el, 'bubble')?.querySelector('strong')).to.not.equal(null);
      expect(part(chat.el, 'link')).to.equal(null, 'the end is not shown yet');
      await expect(chat.el).to.be.accessible();
      button.click();
      await chat.el.updateComplete;
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(part(chat.el, 'link')?.getAttribute('href')).to.equal('https://example.com/end');
      await expect(chat.el).to.be.accessible();
    });

    it('shows a text beyond MARKDOWN_MAX_CHARS as plain text, whole once expanded', async () => {
      const chat = await live();
      const long = `**not bold** ${'x'.repeat(MARKDOWN_MAX_CHARS)}`;
      await chat.set({messages: [agentMessage(long)]});
      expect(part(chat.el, 'bubble')?.querySelector('strong')).to.equal(null);
      expect(text(part(chat.el, 'bubble')).startsWith('**not bold**')).to.equal(true);
      (part(chat.el, 'show-more-button') as HTMLButtonElement).click();
      await chat.el.updateComplete;
      expect(part(chat.el, 'bubble')?.textContent).to.equal(long);
    });

    it('speaks the button in the UI language', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e" lang="fr"></poly-chat>`, {status: 'live'});
      await chat.set({messages: [agentMessage('y'.repeat(COLLAPSE_ABOVE_CHARS + 1))]});
      const button = part(chat.el, 'show-more-button') as HTMLButtonElement;
      expect(text(button)).to.equal('Afficher plus');
      button.click();
      await chat.el.updateComplete;
      expect(text(button)).to.equal('Afficher moins');
    });
  });
});
