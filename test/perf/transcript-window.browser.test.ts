// Rendering costs that do not grow with the conversation: the transcript renders only the newest
// messages (with "show earlier messages" for the rest), streamed updates are rendered once per
// animation frame however many arrive, and the lazily loaded parts (the session chunk, a language)
// are in place by the time updateComplete resolves.
import {expect, html} from '@open-wc/testing';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {FIRST_PAINT_MESSAGES, TRANSCRIPT_WINDOW} from '../../src/view/transcript-window.js';
import {$, chatFixture, part, parts, text} from '../helpers/browser/chat-fixture.js';
import {agentMessage, userMessage} from '../helpers/browser/messages.js';

const history = (count: number) => Array.from({length: count}, (_, i) => (i % 2 ? agentMessage(`agent ${i}`) : userMessage(`user ${i}`)));

describe('performance-minded rendering', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it('renders only the newest messages of a long history, newest last, and shows earlier ones on request', async () => {
    const messages = history(TRANSCRIPT_WINDOW * 2 + Math.floor(TRANSCRIPT_WINDOW / 2));
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', messages});
    expect(parts(chat.el, 'message')).to.have.length(TRANSCRIPT_WINDOW);
    expect(parts(chat.el, 'message').at(-1)?.dataset['messageId']).to.equal(messages.at(-1)?.id);
    expect(parts(chat.el, 'message')[0]?.dataset['messageId']).to.equal(messages[messages.length - TRANSCRIPT_WINDOW]?.id);
    const button = part(chat.el, 'show-earlier') as HTMLButtonElement;
    expect(text(button)).to.equal(`Show ${TRANSCRIPT_WINDOW} earlier messages`);
    button.click();
    await chat.el.updateComplete;
    expect(parts(chat.el, 'message')).to.have.length(TRANSCRIPT_WINDOW * 2);
    // What is left, not a whole window.
    expect(text(part(chat.el, 'show-earlier'))).to.equal(`Show ${Math.floor(TRANSCRIPT_WINDOW / 2)} earlier messages`);
    (part(chat.el, 'show-earlier') as HTMLButtonElement).click();
    await chat.el.updateComplete;
    expect(parts(chat.el, 'message')).to.have.length(messages.length);
    expect(part(chat.el, 'show-earlier')).to.equal(null);
    await expect(chat.el).to.be.accessible();
  });

  it('paints a long replay newest first: its last messages at once, the rest of the window once that frame is painted', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
    const messages = history(TRANSCRIPT_WINDOW * 3);
    chat.runtime.update({messages});
    // A task queued now runs after the replay's render and before the frame that paints it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(parts(chat.el, 'message')).to.have.length(FIRST_PAINT_MESSAGES);
    expect(parts(chat.el, 'message').at(-1)?.dataset['messageId']).to.equal(messages.at(-1)?.id);
    await chat.el.updateComplete;
    expect(parts(chat.el, 'message')).to.have.length(TRANSCRIPT_WINDOW);
    expect(parts(chat.el, 'message')[0]?.dataset['messageId']).to.equal(messages[messages.length - TRANSCRIPT_WINDOW]?.id);
    const transcript = part(chat.el, 'transcript') as HTMLElement;
    expect(transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight).to.be.lessThan(2);
  });

  it('never shrinks a transcript already on screen for a first paint (a later replay keeps the reader\'s window)', async () => {
    const messages = history(TRANSCRIPT_WINDOW * 2);
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', messages});
    (part(chat.el, 'show-earlier') as HTMLButtonElement).click();
    await chat.el.updateComplete;
    expect(parts(chat.el, 'message')).to.have.length(TRANSCRIPT_WINDOW * 2);
    chat.runtime.update({messages: [...messages, ...history(TRANSCRIPT_WINDOW)]});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(parts(chat.el, 'message')).to.have.length(TRANSCRIPT_WINDOW * 2);
  });

  it('a short transcript has no "show earlier" button', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', messages: history(3)});
    expect(parts(chat.el, 'message')).to.have.length(3);
    expect(part(chat.el, 'show-earlier')).to.equal(null);
  });

  it('300 snapshots in one task render once, with the final text exact, in the same DOM node', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', messages: [userMessage('go')]});
    const partial = agentMessage('', {id: 'stream', complete: false});
    await chat.set({
      messages: [userMessage('go'), {...partial, text: 'w0 '}],
    });
    const node = part(chat.el, 'message-agent');
    let renders = 0;
    // Count renders through the (protected) updated() lifecycle callback.
    const el = chat.el as unknown as {updated(changed: unknown): void};
    const original = el.updated.bind(el);
    el.updated = (changed) => {
      renders++;
      original(changed);
    };
    let textSoFar = 'w0 ';
    for (let i = 1; i <= 300; i++) {
      textSoFar += `w${i} `;
      chat.runtime.update({
        messages: [userMessage('go'), {...partial, text: textSoFar, complete: i === 300}],
      });
    }
    await chat.el.updateComplete;
    expect(renders).to.equal(1);
    expect(part(chat.el, 'message-agent')).to.equal(node);
    expect(text(part(chat.el, 'message-agent')?.querySelector('[part~="bubble"]'))).to.equal(textSoFar.trim());
    // The snapshot was current at once even before the render: the element's API reads it.
    expect(chat.el.messages.at(-1)?.text).to.equal(textSoFar);
  });

  it('a lazily loaded language is in place when updateComplete resolves; its direction applies at once', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" lang="ar"></poly-chat>`, {status: 'live'});
    expect($(chat.el, '.root')?.getAttribute('dir')).to.equal('rtl');
    expect(part(chat.el, 'send-button')?.getAttribute('aria-label')).to.equal('إرسال');
  });
});
