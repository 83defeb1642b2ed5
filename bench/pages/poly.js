// <poly-chat> (the production bundle) against the bench's WebSocket server.
import {fail, finish, kind, mark, newestOnScreen, sessionId as sessionIdOf, size, sleep, text, untilFrame, untilFrames} from './measure.js';
import {lastHistoryText, streamFinalToken} from '/bench/scenario.mjs';

/** Records when the socket is created, opens, and its first frame (the history batch) reaches the page, before the widget sees it. */
let createdAt = null;
let openAt = null;
let batchAt = null;
let firstFrame;
const firstFrameAt = new Promise((resolve) => (firstFrame = resolve));
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    createdAt ??= performance.now();
    this.addEventListener('open', () => (openAt ??= performance.now()), {once: true});
    this.addEventListener(
      'message',
      () => {
        batchAt ??= performance.now();
        firstFrame(batchAt);
      },
      {once: true}
    );
  }
};

/** Where the time before the replay goes, each step's end in ms from `start` (Resource Timing and the socket's events). */
function phases(start) {
  const resources = performance.getEntriesByType('resource');
  const endOf = (part) => {
    const entry = resources.find((resource) => resource.name.includes(part));
    return entry ? entry.responseEnd - start : null;
  };
  return {
    sessionChunk: endOf('session-chunk'),
    credentials: endOf('/credentials'),
    socketCreated: createdAt === null ? null : createdAt - start,
    socketOpen: openAt === null ? null : openAt - start,
    batch: batchAt === null ? null : batchAt - start,
  };
}

async function main() {
  await customElements.whenDefined('poly-chat');
  const el = document.createElement('poly-chat');
  if (kind === 'stream') el.streaming = true;
  const sessionId = sessionIdOf('poly');
  if (kind === 'connect') {
    // An inline chat with a credentials endpoint: from the element entering the page (the bundle is
    // loaded) until the first WebSocket frame; the session chunk, the POST and the socket are its.
    el.setAttribute('endpoint', `/credentials?session=${encodeURIComponent(sessionId)}`);
    mark('bench-start');
    const start = performance.now();
    document.body.append(el);
    const done = await firstFrameAt;
    await finish({widget: 'poly-chat', kind, size, start, done});
    return;
  }
  const count = () => el.shadowRoot.querySelectorAll('[part~="message"]').length;

  if (kind === 'hist') {
    // A reload of a page with a long conversation, timed from the element entering the page (its
    // bundle loaded, as deep-chat's is): the session chunk, the real credentials POST, the socket and
    // the replay of the history batch are all inside the window.
    el.setAttribute('endpoint', `/credentials?session=${encodeURIComponent(sessionId)}`);
    mark('bench-start');
    const start = performance.now();
    document.body.append(el);
    const root = el.shadowRoot;
    const token = lastHistoryText(size, text).split(' ').pop();
    const historyMessages = () => el.messages.reduce((n, m) => (m.role === 'user' || m.role === 'agent' ? n + 1 : n), 0);
    const {painted: done, complete} = await untilFrames({
      // Newest messages painted: the first frame showing the newest message's bubble inside the
      // transcript (its text alone: a message may show its time and delivery after it).
      painted: () => newestOnScreen(root, '[part~="bubble"]', token, root.querySelector('[part~="transcript"]')),
      // Replay complete: every history message is in the transcript, the chat is live, and the frame
      // shows the full transcript window (the 30 newest, TRANSCRIPT_WINDOW in
      // src/view/transcript-window.ts; after a long replay's first paint the rest of it follows).
      complete: () => el.status === 'live' && historyMessages() >= size && count() >= Math.min(30, el.messages.length),
    });
    await finish({widget: 'poly-chat', kind, size, start, done, complete, dataAt: batchAt, phases: phases(start), rendered: count()});
    return;
  }
  el.credentials = async () => ({access_token: 'bench', session_id: sessionId, base_url: `http://127.0.0.1:${location.port}`});
  document.body.append(el);
  const root = el.shadowRoot;
  await untilFrame(() => el.status === 'live' && count() >= 10);
  await sleep(600); // the replay settles (the runtime flushes its outbox 250 ms after the last batch)
  mark('bench-start');
  const start = performance.now();
  el.send(`stream ${size}`);
  const token = streamFinalToken(size);
  // A reply this long is shown collapsed ("Show more", its first 2,000 characters): done when the
  // complete reply is in and its bubble is on screen, not when the last word is in the DOM.
  const done = await untilFrame(() => {
    const last = el.messages.at(-1);
    return last?.role === 'agent' && last.complete && last.text.trimEnd().endsWith(token) && root.querySelector(`[data-message-id="${CSS.escape(last.id)}"] [part~="bubble"]`) !== null;
  });
  await finish({widget: 'poly-chat', kind, size, start, done, rendered: count()});
}

main().catch(fail);
