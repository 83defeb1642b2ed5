// The demo page: <poly-chat> against the simulator, the keywords that trigger each scripted path,
// and buttons that inject faults through the simulator's control API.
import '../src/poly-chat.js';
import type {PolyChat} from '../src/element/poly-chat.js';

const chat = document.querySelector<PolyChat>('#chat')!;
const statusLine = document.querySelector<HTMLParagraphElement>('#status-line')!;
const keywords = document.querySelector<HTMLDListElement>('#keywords')!;
const streaming = document.querySelector<HTMLInputElement>('#streaming')!;

chat.addEventListener('poly-chat-status-change', (event) => {
  statusLine.textContent = `status: ${event.status}${chat.sessionId ? ` · session ${chat.sessionId}` : ''}`;
});

async function control(command: Record<string, unknown>): Promise<void> {
  await fetch('/__sim/control', {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(command),
  });
}

const faults: Record<string, () => Record<string, unknown>[]> = {
  drop: () => [{command: 'drop', sessionId: chat.sessionId}],
  'drop-stream': () => [{command: 'drop', sessionId: chat.sessionId, afterEvents: 3}],
  refuse: () => [
    {command: 'refuseHandshakes', sessionId: chat.sessionId, count: 3},
    {command: 'drop', sessionId: chat.sessionId},
  ],
  expire: () => [{command: 'expireSession', sessionId: chat.sessionId}],
  duplicate: () => [{command: 'faults', sessionId: chat.sessionId, duplicateRate: 0.3, reorderRate: 0.3}],
  garbage: () => [{command: 'garbage', sessionId: chat.sessionId, count: 6}],
  end: () => [{command: 'endSession', sessionId: chat.sessionId}],
  reset: () => [{command: 'reset'}],
};

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-fault]')) {
  button.addEventListener('click', async () => {
    for (const command of faults[button.dataset['fault'] ?? '']?.() ?? []) await control(command);
  });
}

streaming.addEventListener('change', () => {
  chat.streaming = streaming.checked;
  void chat.restart();
});

const list = (await (await fetch('/__sim/keywords')).json()) as Array<{keyword: string; description: string}>;
for (const {keyword, description} of list) {
  const term = document.createElement('dt');
  term.textContent = keyword;
  const detail = document.createElement('dd');
  detail.textContent = description;
  keywords.append(term, detail);
}
