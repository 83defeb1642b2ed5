// Read-only questions the runtime and the UI ask of a machine state.
import type {State} from './state.js';

/** While a retry timer runs: which try in a row comes next and when (epoch ms). */
export function retryInfo(state: State): {readonly attempt: number; readonly at: number} | null {
  if (state.status !== 'connecting' && state.status !== 'reconnecting') return null;
  if (state.phase !== 'waiting' || state.retryAt === null) return null;
  return {attempt: state.failures, at: state.retryAt};
}

/** The socket is open and its history processed (a silent recycle in progress is not). */
export function isConnected(state: State): boolean {
  return (state.status === 'live' || state.status === 'handoff') && state.phase === 'ready';
}

/** User messages may go out now; otherwise the runtime queues them until `outbox.flush`. */
export function canSend(state: State): boolean {
  if (state.status !== 'live' && state.status !== 'handoff') return false;
  return state.phase === 'ready' && !state.ending;
}

/** The current PolyAI session, if any. */
export function sessionIdOf(state: State): string | null {
  return state.status === 'idle' ? null : state.sessionId;
}
