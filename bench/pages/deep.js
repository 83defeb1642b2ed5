// deep-chat (its own ES bundle) fed the same data through its public API. History: the page fetches
// the very EVENT_TYPE_EVENT_BATCH the socket gives poly-chat from the same server over HTTP and hands
// its messages to deep-chat's `history`; `maxVisibleMessages` is set above the history's size (its
// default, 4,000, would trim a 5,000-message history: a timer per extra message). Streaming: the chunks go through a `connect.handler` with
// `stream: true` (signals.onResponse per chunk, onClose at the end).
import {fail, finish, kind, lastEndsWith, mark, newestOnScreen, sessionId as sessionIdOf, size, sleep, text, untilFrame, untilFrames} from './measure.js';
import {lastHistoryText, streamFinalToken} from '/bench/scenario.mjs';

function toDeepChat(event) {
  if (event.type === 'EVENT_TYPE_USER_MESSAGE') return {role: 'user', text: event.payload.text};
  if (event.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE') return {role: 'ai', text: event.payload.text};
  return null;
}

/**
 * A reload of a page with a long conversation, timed from the element entering the page (its bundle
 * loaded). How the page hands deep-chat the history it fetches (`deepHistory`, bench/run.mjs
 * --deep-history): `property` (default) inserts the element and sets its `history` when the fetch
 * answers; `create` fetches first and inserts the element with its `history` set; `load` gives
 * deep-chat a `loadHistory` that fetches (its API for paging in older messages: it prepends them one
 * by one, several times slower than the other two on a long history).
 */
async function history(sessionId) {
  await customElements.whenDefined('deep-chat');
  const mode = new URLSearchParams(location.search).get('deepHistory') ?? 'property';
  const el = document.createElement('deep-chat');
  el.chatStyle = {width: '400px', height: '600px'};
  el.maxVisibleMessages = size * 2;
  // A chat wired to a service, as on a real page (without one, deep-chat adds a setup notice).
  el.connect = {handler: (body, signals) => signals.onResponse({text: 'ok'})};
  let dataAt = null;
  const fetchHistory = async () => {
    const response = await fetch(`/history?session=${encodeURIComponent(sessionId)}`, {cache: 'no-store'});
    const batch = await response.json();
    dataAt = performance.now();
    return batch.payload.events.map(toDeepChat).filter((message) => message !== null);
  };
  if (mode === 'load') el.loadHistory = async (index) => (index > 0 ? [] : fetchHistory());
  mark('bench-start');
  const start = performance.now();
  if (mode === 'create') {
    el.history = await fetchHistory();
    document.body.append(el);
  } else {
    document.body.append(el);
    if (mode === 'property') el.history = await fetchHistory();
  }
  const root = () => el.shadowRoot;
  const count = () => root()?.querySelectorAll('.outer-message-container').length ?? 0;
  const token = lastHistoryText(size, text).split(' ').pop();
  // deep-chat builds every message's DOM in one task, then lays out and scrolls to the bottom: its
  // newest messages painted and its replay complete are the same frame (all messages in it).
  const {painted: done} = await untilFrames({
    painted: () => newestOnScreen(root(), '.outer-message-container', token, root()?.getElementById('messages')) && count() >= size,
  });
  await finish({widget: 'deep-chat', kind, size, start, done, complete: done, dataAt, rendered: count()});
}

async function main() {
  const sessionId = sessionIdOf('deep');
  if (kind === 'hist') return history(sessionId);
  const ws = new WebSocket(`ws://127.0.0.1:${location.port}/ws?session_id=${encodeURIComponent(sessionId)}&access_token=bench`);
  const batch = await new Promise((resolve, reject) => {
    ws.onmessage = (message) => {
      resolve(JSON.parse(message.data));
    };
    ws.onerror = () => reject(new Error('socket error'));
  });
  await customElements.whenDefined('deep-chat');
  const el = document.createElement('deep-chat');
  el.chatStyle = {width: '400px', height: '600px'};
  el.history = batch.payload.events.map(toDeepChat).filter((message) => message !== null);
  if (kind === 'stream') {
    el.connect = {
      stream: true,
      handler: (body, signals) => {
        signals.onOpen();
        ws.onmessage = (message) => {
          const event = JSON.parse(message.data);
          if (event.type !== 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK') return;
          const applied = signals.onResponse({text: event.payload.text});
          // onResponse is async: close only after the last chunk went in (else deep-chat drops it).
          if (event.payload.is_complete) void Promise.resolve(applied).then(() => signals.onClose());
        };
        ws.send(JSON.stringify({type: 'EVENT_TYPE_USER_MESSAGE', payload: {text: `stream ${size}`}}));
      },
    };
  }
  document.body.append(el);
  const root = () => el.shadowRoot;
  const count = () => root()?.querySelectorAll('.outer-message-container').length ?? 0;

  await untilFrame(() => count() >= 10);
  await sleep(600);
  mark('bench-start');
  const start = performance.now();
  el.submitUserMessage({text: `stream ${size}`});
  const token = streamFinalToken(size);
  const done = await untilFrame(() => lastEndsWith(root(), '.outer-message-container .ai-message-text', token));
  await finish({widget: 'deep-chat', kind, size, start, done, rendered: count()});
}

main().catch(fail);
