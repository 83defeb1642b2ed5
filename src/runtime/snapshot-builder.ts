// The snapshot the element renders, built from the machine (status, retries, errors) and the
// transcript (everything shown): each fact read from its one owner.
import {retryInfo, sessionIdOf} from '../machine/selectors.js';
import type {State} from '../machine/state.js';
import type {PolyChatMessage} from '../protocol/message.js';
import {selectTyping} from '../protocol/transcript.js';
import type {TranscriptState} from '../protocol/transcript-types.js';
import {DEFAULT_MAX_MESSAGE_SIZE_BYTES} from '../protocol/wire.js';
import type {ChatError, ChatSnapshot} from '../model/snapshot.js';

const NO_MESSAGES: readonly PolyChatMessage[] = [];

export function buildSnapshot(
  machine: State,
  transcript: TranscriptState,
  localError: ChatError | null,
  replaying: boolean,
  now: number,
  restored = false,
): ChatSnapshot {
  const typing = selectTyping(transcript, now);
  const machineError = machine.status === 'idle' ? null : machine.error;
  return {
    status: machine.status,
    sessionId: sessionIdOf(machine),
    messages: transcript.messages.length === 0 ? NO_MESSAGES : transcript.messages,
    agent: transcript.agent,
    liveAgent: transcript.liveAgent,
    handoff: transcript.handoff,
    typing: typing ? {role: typing.role, ...(typing.name === undefined ? {} : {name: typing.name})} : null,
    error: machineError ?? localError,
    retry: retryInfo(machine),
    endReason: machine.status === 'ended' ? machine.reason : null,
    reconnectable: machine.status === 'ended' && machine.retryable && machine.sessionId !== null,
    language: transcript.language,
    offline: machine.offline,
    maxMessageSizeBytes: transcript.capabilities?.maxMessageSizeBytes ?? DEFAULT_MAX_MESSAGE_SIZE_BYTES,
    replaying: replaying || restored,
    ...(restored ? {restored} : {}),
  };
}

/** Equal in everything a view shows: a new snapshot is published only when this is false. */
export function snapshotsEqual(a: ChatSnapshot, b: ChatSnapshot): boolean {
  return (
    a.status === b.status &&
    a.sessionId === b.sessionId &&
    a.messages === b.messages &&
    a.agent === b.agent &&
    a.liveAgent === b.liveAgent &&
    a.handoff === b.handoff &&
    a.typing?.role === b.typing?.role &&
    a.typing?.name === b.typing?.name &&
    a.error?.code === b.error?.code &&
    a.error?.message === b.error?.message &&
    a.retry?.attempt === b.retry?.attempt &&
    a.retry?.at === b.retry?.at &&
    a.endReason === b.endReason &&
    a.reconnectable === b.reconnectable &&
    a.language === b.language &&
    a.offline === b.offline &&
    a.maxMessageSizeBytes === b.maxMessageSizeBytes &&
    a.replaying === b.replaying &&
    a.restored === b.restored
  );
}
