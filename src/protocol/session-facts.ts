// The facts about a session that the machine needs but the transcript owns (architecture.md, "One
// owner per fact"): the transcript orders events by sequence and drops duplicates and garbage, so
// its answer is the only one; the machine reads it and never decides these again. Pure.
import type {TranscriptHandoffPhase, TranscriptState} from './transcript-types.js';
import type {Capabilities} from './wire.js';

/**
 * Human handoff as the status sees it: `active` while a person is being brought in or talks,
 * `agent-left` after the human left (until the PolyAI agent speaks again or the session ends).
 */
export type HandoffStage = 'none' | 'active' | 'agent-left';

export interface SessionFacts {
  readonly handoff: HandoffStage;
  /** The session's first SESSION_START's (reconnect replays may omit it: kept for the session). */
  readonly capabilities: Capabilities | null;
  /** The PolyAI agent joined, or the join's echo was seen. */
  readonly joined: boolean;
  /** SESSION_END's reason, once the session ended. */
  readonly endReason: string | null;
}

const STAGES: Readonly<Record<TranscriptHandoffPhase, HandoffStage>> = {
  none: 'none',
  failed: 'none',
  timeout: 'none',
  requested: 'active',
  queued: 'active',
  connected: 'active',
  'client-required': 'active',
  'agent-left': 'agent-left',
};

export function sessionFactsOf(transcript: TranscriptState): SessionFacts {
  return {
    handoff: STAGES[transcript.handoff.phase],
    capabilities: transcript.capabilities,
    joined: transcript.joined,
    endReason: transcript.endReason,
  };
}
