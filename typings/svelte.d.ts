// `poly-chat/svelte`: types `<poly-chat>` in Svelte 5 templates (svelte-check): its properties and
// its `onpoly-chat-*` event attributes with their Event subclasses. Reference it once, e.g. in
// src/app.d.ts or any .d.ts your tsconfig includes:
//
//   /// <reference types="poly-chat/svelte" />
import type {HTMLAttributes} from 'svelte/elements';
import type {
  PolyChat,
  PolyChatEndEvent,
  PolyChatErrorEvent,
  PolyChatMessageEvent,
  PolyChatStatusChangeEvent,
} from './index.js';

/** What a Svelte template may put on `<poly-chat>`. */
export type PolyChatSvelteAttributes = HTMLAttributes<PolyChat> &
  Partial<Pick<PolyChat, 'endpoint' | 'streaming' | 'mode' | 'open' | 'theme' | 'credentials' | 'strings'>> & {
    'onpoly-chat-status-change'?: (event: PolyChatStatusChangeEvent) => void;
    'onpoly-chat-message'?: (event: PolyChatMessageEvent) => void;
    'onpoly-chat-error'?: (event: PolyChatErrorEvent) => void;
    'onpoly-chat-end'?: (event: PolyChatEndEvent) => void;
  };

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'poly-chat': PolyChatSvelteAttributes;
  }
}
