// Every server variant (server/simulator/server-variants.ts: the questions protocol.md §12 leaves
// open, answered the other way) end to end: a <poly-chat> holds a streamed conversation through a
// reconnect under the variant, and must show exactly the stored history with each user message
// delivered once. Variants with a visible effect of their own get their own checks below.
import {expect, fixture, html} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import type {CredentialsProvider} from '../../src/model/session-api.js';
import {SERVER_VARIANT_NAMES, SERVER_VARIANTS, serverVariantCommands} from '../../server/simulator/server-variants.js';
import type {ServerVariantName} from '../../server/simulator/server-variants.js';
import {forgetTranscriptCopies, installRealRuntime, untilGreeted} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {contentDiff, contentOfMessages, expectedContent, receivedUserMessages, sameContent, sessionRecords} from '../helpers/browser/sim-transcript.js';
import {freshConversation, simControl, waitFor, waitForAsync} from '../helpers/browser/simulator-client.js';

/** Settings presets apply to each session as the endpoint creates it, before any socket opens. */
function conversationUnder(variant: ServerVariantName, sessions: string[]): CredentialsProvider {
  const fresh = freshConversation();
  return async (request) => {
    const credentials = await fresh(request);
    const sessionId = credentials.session_id;
    if (sessionId && !sessions.includes(sessionId)) {
      sessions.push(sessionId);
      for (const command of serverVariantCommands(variant, sessionId)) {
        if (command.command === 'variants' || command.command === 'faults') await simControl({...command});
      }
    }
    return credentials;
  };
}

const isOneShot = (variant: ServerVariantName): boolean =>
  SERVER_VARIANTS[variant].commands.some((command) => command.command === 'close' || command.command === 'say');

async function expectStoredTruth(el: PolyChat, sessions: readonly string[], sent: readonly string[]): Promise<void> {
  let diff = 'not compared yet';
  await waitForAsync(
    async () => {
      const truth = expectedContent(await sessionRecords(sessions));
      const shown = contentOfMessages(el.messages);
      diff = sameContent(shown, truth) ? '' : contentDiff(shown, truth);
      return diff === '' && el.messages.every((message) => message.role !== 'user' || message.delivery === 'sent');
    },
    'the transcript to equal the stored history',
    15_000,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${diff}`);
  });
  const received = receivedUserMessages(await sessionRecords(sessions));
  const users = el.messages.filter((message) => message.role === 'user');
  expect(users.map((message) => message.text)).to.deep.equal([...sent]);
  for (const message of users) expect(received.get(message.clientEventId ?? ''), message.text).to.equal(1);
}

describe('server variants (protocol §12), end to end', () => {
  let world: RealChatWorld;
  afterEach(async () => {
    world.uninstall();
    await simControl({command: 'reset'});
  });

  for (const variant of SERVER_VARIANT_NAMES) {
    it(`${variant}: ${SERVER_VARIANTS[variant].description}`, async function () {
      this.timeout(45_000);
      world = installRealRuntime({fastForward: {keepMs: 250, factor: 10}});
      const sessions: string[] = [];
      const el = await fixture<PolyChat>(html`<poly-chat streaming .credentials=${conversationUnder(variant, sessions)}></poly-chat>`);
      const first = await untilGreeted(el, 15_000);
      const sent: string[] = [];
      const say = (text: string): void => {
        sent.push(text);
        el.send(text);
      };
      say('hello');
      await waitFor(() => el.messages.at(-1)?.role === 'agent' && el.messages.at(-1)?.complete === true, 'a reply', 15_000);

      if (isOneShot(variant)) {
        for (const command of serverVariantCommands(variant, first)) await simControl({...command});
        if (variant === 'close1000') {
          await waitFor(() => el.status === 'ended', 'ended by the close');
          await el.updateComplete;
          const tryAgain = el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="reconnect-button"]');
          expect(tryAgain, 'Try again is offered').to.be.instanceOf(HTMLButtonElement);
          tryAgain?.click();
          await waitFor(() => el.status === 'live', 'live again');
          expect(el.sessionId).to.equal(first, 'Try again resumes the same conversation');
        } else if (variant === 'close4001') {
          await waitFor(() => el.status === 'live' && el.sessionId !== first, 'a new conversation', 15_000);
        } else if (variant === 'hugeMessage') {
          await waitFor(() => el.messages.some((message) => message.text.length === 512 * 1024), 'the 512 KB message');
        }
        await waitFor(() => el.status === 'live', 'live', 15_000);
      } else {
        // Through a reconnect: the resumed replay is where most of these variants show.
        await simControl({command: 'drop', sessionId: first});
        await waitFor(() => el.status !== 'live', 'the drop noticed');
        await waitFor(() => el.status === 'live', 'live again', 15_000);
      }
      say('again');
      await waitFor(() => el.messages.at(-1)?.role === 'agent' && el.messages.at(-1)?.complete === true && el.messages.filter((m) => m.role === 'agent').length >= 3, 'a second reply', 15_000);
      await expectStoredTruth(el, sessions, sent);
      expect(el.status).to.equal('live');
    });
  }

  it('echoWithoutMetadata: a message typed while connecting goes out even when the replay holds an older one with its text', async function () {
    this.timeout(45_000);
    world = installRealRuntime();
    const sessions: string[] = [];
    const provider = conversationUnder('echoWithoutMetadata', sessions);
    const first = await fixture<PolyChat>(html`<poly-chat .credentials=${provider}></poly-chat>`);
    await untilGreeted(first, 15_000);
    first.send('yes');
    await waitFor(() => first.messages.at(-1)?.role === 'agent' && first.messages.filter((m) => m.role === 'agent').length >= 2, 'a reply', 15_000);
    const firstYes = first.messages.find((m) => m.role === 'user')?.clientEventId;
    first.remove();
    // Another tab (no copy of the transcript): the same conversation, and "yes" typed before its replay.
    forgetTranscriptCopies();
    const next = document.createElement('poly-chat');
    next.credentials = provider;
    document.body.append(next);
    next.send('yes'); // before the credentials are even asked for
    expect(next.messages.map((m) => [m.text, m.delivery])).to.deep.equal([['yes', 'sending']]);
    await waitFor(() => next.status === 'live', 'resumed', 15_000);
    await waitFor(() => next.messages.filter((m) => m.role === 'agent').length >= 3, 'the reply to the second yes', 15_000);
    // The stored history, shown once; each "yes" reached the server once (the first one from the first tab).
    await waitForAsync(async () => sameContent(contentOfMessages(next.messages), expectedContent(await sessionRecords(sessions))), 'the transcript to equal the stored history');
    const users = next.messages.filter((m) => m.role === 'user');
    expect(users.map((m) => [m.text, m.delivery])).to.deep.equal([
      ['yes', 'sent'],
      ['yes', 'sent'],
    ]);
    const received = receivedUserMessages(await sessionRecords(sessions));
    expect(received.get(firstYes ?? ''), 'the first yes').to.equal(1);
    expect(received.get(users[1]?.clientEventId ?? ''), 'the yes typed while connecting').to.equal(1);
    next.remove();
  });

  for (const [variant, serverReason, shownText] of [
    ['endReasonLowercase', 'normal', 'The conversation has ended. Thank you for chatting with us.'],
    ['endReasonNone', 'REASON_UNSPECIFIED', 'The conversation has ended.'],
    ['closeWithoutEnd', 'closed', 'The conversation has ended.'],
  ] as const) {
    it(`${variant}: the end event carries the server's reason verbatim (${serverReason}); the chat says it ended`, async function () {
      this.timeout(20_000);
      world = installRealRuntime();
      const sessions: string[] = [];
      const el = await fixture<PolyChat>(html`<poly-chat .credentials=${conversationUnder(variant, sessions)}></poly-chat>`);
      const sessionId = await untilGreeted(el);
      const reasons: string[] = [];
      el.addEventListener('poly-chat-end', (event) => reasons.push(event.reason));
      await simControl({command: 'endSession', sessionId});
      await waitFor(() => el.status === 'ended', 'ended');
      expect(reasons).to.deep.equal([serverReason]);
      await el.updateComplete;
      expect(el.shadowRoot?.querySelector('.end-text')?.textContent?.trim()).to.equal(shownText);
    });
  }
});
