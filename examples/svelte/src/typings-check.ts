// Compile-time check that `poly-chat/svelte` reaches Svelte's element typings (svelte-check fails
// when an expected error does not happen). Imported by nothing; no runtime code.
import type {SvelteHTMLElements} from 'svelte/elements';

export const good: SvelteHTMLElements['poly-chat'] = {
  endpoint: '/api/poly-chat/session',
  mode: 'launcher',
  open: true,
  transcriptExport: true,
  feedback: 'messages end',
  'onpoly-chat-feedback': (event) => void event.value,
};
// @ts-expect-error 'sideways' is not 'inline' | 'launcher'
export const bad: SvelteHTMLElements['poly-chat'] = {mode: 'sideways'};
