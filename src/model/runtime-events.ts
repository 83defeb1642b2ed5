// The runtime's own events, typed: the controller listens per type and reads typed details, with no
// re-checking of `CustomEvent<object>` shapes.
import type {PolyChatMessage} from '../protocol/message.js';
import type {ChatError} from './snapshot.js';

export interface RuntimeEventDetails {
  /** A message was added, or a streamed one completed. */
  readonly message: {readonly message: PolyChatMessage};
  readonly error: ChatError;
  /** The session ended (the server's REASON_*, 'closed' or 'failed'). */
  readonly end: {readonly reason: string};
}

export type RuntimeEventMap = {readonly change: Event} & {readonly [K in keyof RuntimeEventDetails]: CustomEvent<RuntimeEventDetails[K]>};
