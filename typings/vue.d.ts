// `poly-chat/vue`: types `<poly-chat>` in Vue templates (vue-tsc / Volar): its properties and its
// `@poly-chat-*` events with their Event subclasses. Reference it once, e.g. in env.d.ts:
//
//   /// <reference types="poly-chat/vue" />
//
// and tell Vue's compiler that the tag is a custom element:
//   vue({template: {compilerOptions: {isCustomElement: (tag) => tag === 'poly-chat'}}})
import type {EmitFn, HTMLAttributes} from 'vue';
import type {
  PolyChat,
  PolyChatEndEvent,
  PolyChatErrorEvent,
  PolyChatMessageEvent,
  PolyChatStatusChangeEvent,
} from './index.js';

/** The events `<poly-chat>` fires, by name. */
export interface PolyChatEventMap {
  'poly-chat-status-change': PolyChatStatusChangeEvent;
  'poly-chat-message': PolyChatMessageEvent;
  'poly-chat-error': PolyChatErrorEvent;
  'poly-chat-end': PolyChatEndEvent;
}

/** What a template may set on `<poly-chat>` (attributes and properties alike). */
export type PolyChatVueProps = Partial<Pick<PolyChat, 'endpoint' | 'streaming' | 'mode' | 'open' | 'lang' | 'theme' | 'credentials' | 'strings'>>;

/** Vue's recipe for a non-Vue custom element: a constructor whose instance carries template types. */
export type PolyChatVueElement = new () => PolyChat & {
  /** @deprecated Template typing only: do not use on an element ref. */
  $props: HTMLAttributes & PolyChatVueProps;
  /** @deprecated Template typing only: do not use on an element ref. */
  $emit: EmitFn<{[K in keyof PolyChatEventMap]: (event: PolyChatEventMap[K]) => void}>;
};

declare module 'vue' {
  interface GlobalComponents {
    'poly-chat': PolyChatVueElement;
  }
}
