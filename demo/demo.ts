// The demo page: <poly-chat> against the simulator, the keywords that trigger each scripted path,
// and buttons that inject faults through the simulator's control API.
import '../src/poly-chat.js';
import type {PolyChat} from '../src/element/poly-chat.js';
import {SERVER_VARIANTS, SERVER_VARIANT_NAMES, serverVariantCommands} from '../server/simulator/server-variants.js';
import type {ServerVariantName} from '../server/simulator/server-variants.js';

const chat = document.querySelector<PolyChat>('#chat')!;
const statusLine = document.querySelector<HTMLParagraphElement>('#status-line')!;
const keywords = document.querySelector<HTMLDListElement>('#keywords')!;
const streaming = document.querySelector<HTMLInputElement>('#streaming')!;
const variantSelect = document.querySelector<HTMLSelectElement>('#server-variant')!;
const applyVariant = document.querySelector<HTMLButtonElement>('#apply-variant')!;
const variantDescription = document.querySelector<HTMLParagraphElement>('#variant-description')!;

chat.addEventListener('poly-chat-status-change', (event) => {
  statusLine.textContent = `status: ${event.status}${chat.sessionId ? ` · session ${chat.sessionId}` : ''}`;
});

async function control(command: object): Promise<void> {
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

// Server variants (server/simulator/server-variants.ts): one option per preset, applied to this session.
const isVariantName = (name: string): name is ServerVariantName => SERVER_VARIANT_NAMES.includes(name as ServerVariantName);
for (const name of SERVER_VARIANT_NAMES) {
  const option = document.createElement('option');
  option.value = name;
  option.textContent = `${name} (${SERVER_VARIANTS[name].questions.join(', ')})`;
  variantSelect.append(option);
}
variantSelect.addEventListener('change', () => {
  const name = variantSelect.value;
  applyVariant.disabled = !isVariantName(name);
  variantDescription.textContent = isVariantName(name) ? SERVER_VARIANTS[name].description : '';
});
applyVariant.addEventListener('click', async () => {
  const name = variantSelect.value;
  if (!isVariantName(name)) return;
  // No conversation yet: the settings apply to every session, the next one included.
  const sessionId = chat.sessionId || undefined;
  for (const command of serverVariantCommands(name, sessionId)) await control(command);
  variantDescription.textContent = `Applied ${name} to ${sessionId ? 'this conversation' : 'every conversation'}: ${SERVER_VARIANTS[name].description}`;
});

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
