// The next page of a site (issue 19 item 4). Step 1: an inline chat whose conversation holds N
// messages, replayed and shown; then the visitor follows a link to step 2 on the same origin (the
// same tab, so the same sessionStorage and HTTP cache). Step 2 is timed: from the element being
// defined (customElements.whenDefined resolving; the bundle's own load is before it) to the first
// frame that paints the newest message inside the transcript, behind a slow network (the
// credentials endpoint and the socket upgrade late). With `nocache=1` step 2 first removes the copy
// the chat kept, to show what the same page costs without it.
import {fail, finish, mark, params, sessionId as sessionIdOf, size, sleep, text, untilFrame, untilFrames, newestOnScreen} from './measure.js';
import {lastHistoryText} from '/bench/scenario.mjs';

const step = params.get('step') ?? '1';
const endpoint = `/credentials?session=${encodeURIComponent(sessionIdOf('poly'))}`;

let credentialsAt = null;
let socketOpenAt = null;
let batchAt = null;
const nativeFetch = window.fetch.bind(window);
window.fetch = async (...args) => {
  const response = await nativeFetch(...args);
  if (String(args[0]).includes('/credentials')) credentialsAt ??= performance.now();
  return response;
};
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('open', () => (socketOpenAt ??= performance.now()), {once: true});
    this.addEventListener('message', () => (batchAt ??= performance.now()), {once: true});
  }
};

function chat() {
  const el = document.createElement('poly-chat');
  el.setAttribute('endpoint', endpoint);
  document.body.append(el);
  return el;
}

const count = (el) => el.shadowRoot.querySelectorAll('[part~="message"]').length;
const newest = (el) => newestOnScreen(el.shadowRoot, '[part~="bubble"]', lastHistoryText(size, text).split(' ').pop(), el.shadowRoot.querySelector('[part~="transcript"]'));

async function pageOne() {
  sessionStorage.clear();
  await customElements.whenDefined('poly-chat');
  const el = chat();
  await untilFrame(() => el.status === 'live' && newest(el) && count(el) >= Math.min(30, size));
  await sleep(1_500); // the chat writes its copy a second after the last change (and again on pagehide)
  const next = new URL(location.href);
  next.searchParams.set('step', '2');
  location.assign(next);
}

async function pageTwo() {
  if (params.get('nocache') === '1') for (const key of Object.keys(sessionStorage)) if (key.startsWith('poly-chat:transcript:')) sessionStorage.removeItem(key);
  await customElements.whenDefined('poly-chat');
  mark('bench-start');
  const start = performance.now();
  const el = chat();
  const {painted, complete} = await untilFrames({
    painted: () => newest(el),
    // The replay has confirmed the copy: live, every message in, the full window painted.
    complete: () => el.status === 'live' && batchAt !== null && count(el) >= Math.min(30, size),
  });
  const since = (at) => (at === null ? null : at - start);
  await finish({
    widget: 'poly-chat',
    kind: 'nextpage',
    size,
    start,
    done: painted,
    complete,
    phases: {credentials: since(credentialsAt), socketOpen: since(socketOpenAt), batch: since(batchAt)},
    rendered: count(el),
  });
}

(step === '1' ? pageOne() : pageTwo()).catch(fail);
