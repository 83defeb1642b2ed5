// Counts on screen take the plural form of their language (issue 18 item 10): the launcher's unread
// label, "show N earlier messages", the queue position (ordinal) and the estimated wait, in Arabic's
// six forms and French's one/other, through the element as a reader sees it.
import {expect, html} from '@open-wc/testing';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {TRANSCRIPT_WINDOW} from '../../src/view/transcript-window.js';
import {$, chatFixture, part, text} from '../helpers/browser/chat-fixture.js';
import {agentMessage, userMessage} from '../helpers/browser/messages.js';

const unreadLabel = (el: HTMLElement): string => text(el.shadowRoot?.querySelector('[part~="launcher-badge"] .visually-hidden'));

describe('plural forms on screen', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it('the unread label in Arabic: one, two, few and many', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" lang="ar" open></poly-chat>`, {status: 'live'});
    chat.el.open = false; // opened once (the runtime starts), then closed: replies are unread
    await chat.el.updateComplete;
    const seen: string[] = [];
    for (let count = 1; count <= 11; count++) {
      await chat.set({messages: [...chat.el.messages, agentMessage(`reply ${count}`)]});
      if ([1, 2, 3, 11].includes(count)) seen.push(unreadLabel(chat.el));
    }
    expect(seen).to.deep.equal(['رسالة واحدة غير مقروءة', 'رسالتان غير مقروءتين', '3 رسائل غير مقروءة', '11 رسالة غير مقروءة']);
  });

  it('"show earlier" says how many it adds, in the reader\'s language', async () => {
    const messages = Array.from({length: TRANSCRIPT_WINDOW + 3}, (_, i) => (i % 2 ? agentMessage(`a${i}`) : userMessage(`u${i}`)));
    const chat = await chatFixture(html`<poly-chat endpoint="/e" lang="ar"></poly-chat>`, {status: 'live', messages});
    expect(text(part(chat.el, 'show-earlier'))).to.equal('عرض 3 رسائل سابقة');
    chat.el.lang = 'fr';
    await chat.el.updateComplete;
    expect(text(part(chat.el, 'show-earlier'))).to.equal('Afficher 3 messages précédents');
    await chat.set({messages: messages.slice(2)});
    expect(text(part(chat.el, 'show-earlier'))).to.equal('Afficher 1 message précédent');
  });

  it('the queue position is ordinal and the wait cardinal, in the banner and the status region', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" lang="fr"></poly-chat>`, {
      status: 'handoff',
      handoff: {phase: 'queued', positionInQueue: 1, estimatedWaitSeconds: 50 + 10},
    });
    const banner = text(part(chat.el, 'handoff-banner'));
    expect(banner).to.contain('Vous êtes en 1re position dans la file d’attente.');
    expect(banner).to.contain('Attente estimée : environ 1 minute.');
    expect(text($(chat.el, '[data-region="status"]'))).to.contain('1re position');
    await chat.set({handoff: {phase: 'queued', positionInQueue: 2, estimatedWaitSeconds: 150}});
    expect(text(part(chat.el, 'handoff-banner'))).to.contain('en 2e position');
    expect(text(part(chat.el, 'handoff-banner'))).to.contain('environ 3 minutes.');
  });
});
