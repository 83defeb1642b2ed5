// @lit/context key through which `<poly-chat>` provides its session to slotted children (a custom
// header, an empty state, …): the current snapshot and the runtime to act on.
import {createContext} from '@lit/context';
import type {SessionRuntimeApi} from '../model/session-api.js';
import type {ChatSnapshot} from '../model/snapshot.js';

export interface PolyChatSession {
  readonly snapshot: ChatSnapshot;
  /** The runtime driving the chat; null while none exists (idle, not configured, or launcher never opened). */
  readonly api: SessionRuntimeApi | null;
}

/** Consume with `new ContextConsumer(this, {context: polyChatSessionContext, subscribe: true})`. */
export const polyChatSessionContext = createContext<PolyChatSession>(Symbol.for('poly-chat-session'));
