// deep-chat (its own ES bundle, default settings) fed the same frames through its public API: the
// history batch becomes its `history` property; the streamed chunks go through a `connect.handler`
// with `stream: true` (signals.onResponse per chunk, onClose at the end).
import {fail, finish, kind, lastEndsWith, mark, sessionId as sessionIdOf, size, sleep, untilFrame} from './measure.js';
import {lastHistoryText, streamFinalToken} from '/bench/scenario.mjs';

function toDeepChat(event) {
  if (event.type === 'EVENT_TYPE_USER_MESSAGE') return {role: 'user', text: event.payload.text};
  if (event.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE') return {role: 'ai', text: event.payload.text};
  return null;
}

let batchAt = null;

async function main() {
  const sessionId = sessionIdOf('deep');
  const ws = new WebSocket(`ws://127.0.0.1:${location.port}/ws?session_id=${encodeURIComponent(sessionId)}&access_token=bench`);
  const batch = await new Promise((resolve, reject) => {
    ws.onmessage = (message) => {
      batchAt = performance.now();
      if (kind === 'hist') performance.mark('bench-start');
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

  if (kind === 'hist') {
    const token = lastHistoryText(size).split(' ').pop();
    const done = await untilFrame(() => lastEndsWith(root(), '.outer-message-container', token));
    await finish({widget: 'deep-chat', kind, size, start: 0, done, batchAt, rendered: count()});
    return;
  }
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
