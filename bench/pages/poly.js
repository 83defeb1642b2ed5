// <poly-chat> (the production bundle) against the bench's WebSocket server.
import {fail, finish, kind, lastEndsWith, mark, sessionId as sessionIdOf, size, sleep, untilFrame} from './measure.js';
import {lastHistoryText, streamFinalToken} from '/bench/scenario.mjs';

/** Records when the first WebSocket frame (the history batch) reaches the page, before the widget sees it. */
let batchAt = null;
let firstFrame;
const firstFrameAt = new Promise((resolve) => (firstFrame = resolve));
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener(
      'message',
      () => {
        batchAt ??= performance.now();
        firstFrame(batchAt);
        if (kind === 'hist') performance.mark('bench-start');
      },
      {once: true}
    );
  }
};

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
  el.credentials = async () => ({access_token: 'bench', session_id: sessionId, base_url: `http://127.0.0.1:${location.port}`});
  document.body.append(el);
  const root = el.shadowRoot;
  const count = () => root.querySelectorAll('[part~="message"]').length;

  if (kind === 'hist') {
    // A reload: from navigation start until the newest history message is on screen.
    const token = lastHistoryText(size).split(' ').pop();
    // Also until the whole replay is in and the chat is live (the older part follows the first paint).
    const settled = () => el.status === 'live';
    let settledAtDone = false;
    const done = await untilFrame(() => {
      if (!lastEndsWith(root, '[part~="message"]', token)) return false;
      settledAtDone = settled();
      return true;
    });
    const complete = settledAtDone ? done : await untilFrame(settled);
    await finish({widget: 'poly-chat', kind, size, start: 0, done, batchAt, complete, rendered: count()});
    return;
  }
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
