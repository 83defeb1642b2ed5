// A reload into a long conversation, end to end (simulator, real runtime, the element): the replay
// is shown newest first — the messages a reader sees before anything older is even decoded — then
// whole, each message once and in order, and none of it announced to screen readers as news.
import {expect} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import {NEWEST_SLICE, SLICED_BATCH_MIN} from '../../src/runtime/frame-intake.js';
import {TRANSCRIPT_WINDOW} from '../../src/view/transcript-window.js';
import type {SessionRuntime} from '../../src/runtime/session-runtime.js';
import {$, parts, text} from '../helpers/browser/chat-fixture.js';
import {heldConversation} from '../helpers/browser/held-conversation.js';
import {forgetTranscriptCopies, installRealRuntime, untilGreeted} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {simControl, simSession, waitFor} from '../helpers/browser/simulator-client.js';

interface Published {
  readonly count: number;
  readonly replaying: boolean;
  readonly newest: string | undefined;
}

describe('a reload into a long conversation', () => {
  let world: RealChatWorld;
  let page: HTMLElement;

  beforeEach(() => {
    page = document.createElement('div');
    page.style.blockSize = '500px';
    document.body.append(page);
  });

  afterEach(async () => {
    page.remove();
    world.uninstall();
    await simControl({command: 'reset'});
  });

  it('shows the newest messages first, then all of them once and in order, announcing none', async () => {
    const published: Published[] = [];
    const watch = (runtime: SessionRuntime): void => {
      runtime.addEventListener('change', () => {
        const {messages, replaying} = runtime.snapshot;
        published.push({count: messages.length, replaying, newest: messages.at(-1)?.text});
      });
    };
    world = installRealRuntime({onRuntime: watch});
    const credentials = heldConversation();
    const chat = (): PolyChat => {
      const el = document.createElement('poly-chat');
      el.credentials = credentials.provider;
      page.append(el);
      return el;
    };
    const sessionId = await untilGreeted(chat());
    page.replaceChildren();

    // The agent goes on while the page is away: a history longer than one task should hold.
    const older = SLICED_BATCH_MIN + 60;
    for (let i = 0; i < older; i++) {
      await simControl({command: 'raw', sessionId, type: 'EVENT_TYPE_POLY_AGENT_MESSAGE', payload: {message_id: `old-${i}`, text: `old ${i}`}});
    }
    const stored = (await simSession(sessionId)).history.filter((event) => event.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE');
    expect(stored.length).to.equal(older + 1, 'the greeting and the messages said');

    published.length = 0;
    // The reload comes in a new tab: no copy of the transcript to paint first (that path is
    // next-page.browser.test.ts), so the replay's own order is what is seen.
    forgetTranscriptCopies();
    const reloaded = chat();
    const hostEvents: string[] = [];
    reloaded.addEventListener('poly-chat-message', (event) => hostEvents.push(event.message.text));
    await waitFor(() => reloaded.status === 'live' && reloaded.messages.length === older + 1, 'the whole replay');
    await waitFor(() => hostEvents.length === older + 1, 'every message handed to the page');

    const firstShown = published.find((snapshot) => snapshot.count > 0);
    expect(firstShown?.replaying).to.equal(true, 'first the newest part of the replay');
    expect(firstShown?.count).to.be.within(1, NEWEST_SLICE);
    expect(firstShown?.newest).to.equal(`old ${older - 1}`);
    expect(published.at(-1)?.replaying).to.equal(false);

    const said = ['', ...Array.from({length: older}, (_, i) => `old ${i}`)];
    expect(reloaded.messages.slice(1).map((message) => message.text)).to.deep.equal(said.slice(1));
    expect(new Set(reloaded.messages.map((message) => message.id)).size).to.equal(older + 1, 'each message once');
    expect(hostEvents.slice(1)).to.deep.equal(said.slice(1), 'handed to the page in order');
    await reloaded.updateComplete;
    expect(parts(reloaded, 'message')).to.have.length(TRANSCRIPT_WINDOW, 'the whole window once the replay is in');
    expect(text(parts(reloaded, 'message').at(-1))).to.contain(`old ${older - 1}`);
    expect($(reloaded, '[data-region="announcements"]')?.querySelectorAll('p')).to.have.length(0, 'history is not news');
  });
});
