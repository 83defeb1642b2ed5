// Bad input at the element level: thousands of frames that are garbage by construction, each with
// the protocol's reason a correct client must drop it (test/helpers/node/garbage-frames.ts; the
// decoder under test decides nothing here), plus the simulator's own garbage kinds (binary, oversized, bad
// JSON, wrong types, unknown types), arrive on a live chat. No uncaught error, nothing
// shown, and the chat carries on as if nothing happened.
import {expect, fixture, html} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import {heldConversation} from '../helpers/browser/held-conversation.js';
import {installRealRuntime, untilGreeted} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {contentDiff, contentOfMessages, expectedContent, sameContent, sessionRecords} from '../helpers/browser/sim-transcript.js';
import {simControl, waitFor} from '../helpers/browser/simulator-client.js';
import {garbageFrames} from '../helpers/node/garbage-frames.js';
import {generateLog} from '../helpers/node/protocol-log.js';
import {createRng} from '../helpers/node/protocol-prng.js';

const FRAMES = 3_000;

/** Garbage frames from valid events of a generated log. */
function droppableFrames(seed: number): string[] {
  const rng = createRng(seed);
  const pool = generateLog(rng, {tag: 'garbage', handoff: true, end: true}).events;
  return garbageFrames(rng, pool, FRAMES).map((garbage) => garbage.frame);
}

describe('garbage from the server', () => {
  let world: RealChatWorld;
  afterEach(async () => {
    world.uninstall();
    await simControl({command: 'reset'});
  });

  it(`${FRAMES} hostile frames and every garbage kind: no uncaught error, nothing shown, the chat stays usable`, async function () {
    this.timeout(30_000);
    const uncaught: unknown[] = [];
    const onError = (event: ErrorEvent): void => {
      uncaught.push(event.error ?? event.message);
    };
    const onRejection = (event: PromiseRejectionEvent): void => {
      uncaught.push(event.reason);
    };
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    try {
      world = installRealRuntime();
      const credentials = heldConversation();
      const el = await fixture<PolyChat>(html`<poly-chat streaming .credentials=${credentials.provider}></poly-chat>`);
      const sessionId = await untilGreeted(el);
      const shown = el.messages.map((message) => message.id);
      let reported = 0;
      el.addEventListener('poly-chat-error', (event) => {
        if (event.code === 'protocol-error') reported++;
      });
      const frames = droppableFrames(20260521);
      for (let i = 0; i < frames.length; i += 250) await simControl({command: 'frames', sessionId, frames: frames.slice(i, i + 250)});
      // Every kind but 'missing-id': an event without an id is odd, not broken, and is shown (issue 14).
      await simControl({command: 'garbage', sessionId, count: 10, kinds: ['malformed-json', 'unknown-type', 'wrong-types', 'binary', 'oversized']});
      // The socket is a pipe in order: once a later real event shows up, every frame before it was handled.
      el.send('still there?');
      await waitFor(() => el.messages.at(-1)?.role === 'agent' && el.messages.at(-1)?.complete === true && el.messages.length === shown.length + 2, 'a reply', 20_000);
      expect(uncaught).to.deep.equal([]);
      expect(el.status).to.equal('live');
      expect(world.sockets.count).to.equal(1, 'garbage is no reason to reconnect');
      expect(el.messages.slice(0, shown.length).map((message) => message.id)).to.deep.equal(shown);
      const truth = expectedContent(await sessionRecords([sessionId]));
      const content = contentOfMessages(el.messages);
      expect(sameContent(content, truth), contentDiff(content, truth)).to.equal(true);
      expect(reported).to.be.greaterThan(100, 'malformed frames are reported to the host for diagnostics');
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });
});
