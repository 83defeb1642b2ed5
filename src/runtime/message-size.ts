// The runtime's refusal of a message over the session's limit, as the error the host sees.
import {exceedsMessageLimit} from '../protocol/message-size.js';
import type {ChatError} from '../model/snapshot.js';
import type {CustomMetadata} from '../protocol/wire.js';

export function checkMessageSize(text: string, limitBytes: number, metadata?: CustomMetadata): ChatError | null {
  if (!exceedsMessageLimit(text, limitBytes, metadata)) return null;
  return {code: 'message-too-large', message: `The message is larger than the ${limitBytes}-byte limit and was not sent.`};
}
