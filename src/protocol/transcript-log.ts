// The actions that changed a Store, kept so that an older state can be rebuilt by replay
// (transcript.ts `own`). Server actions, nearly all of them, are stored flat: their events in one
// shared array, their `now` and where their events end beside it. A live socket reduces one
// action per frame; keeping each action object and its events array for the whole session would
// make the collector copy all of them, frame after frame, while nobody ever replays.
import type {TranscriptAction} from './transcript-types.js';
import type {ServerEvent} from './wire.js';

export interface ActionLog {
  /** Events of all server actions, in order. */
  readonly events: ServerEvent[];
  /** Per action: a server action's end offset in `events`, or -1 - its index in `others`. */
  readonly ends: number[];
  /** Per action: a server action's `now` (0 for the others). */
  readonly nows: number[];
  /** The other actions, as given (rare: sends, notices, sessions, ticks). */
  readonly others: TranscriptAction[];
}

export function createLog(): ActionLog {
  return {events: [], ends: [], nows: [], others: []};
}

export function logLength(log: ActionLog): number {
  return log.ends.length;
}

export function record(log: ActionLog, action: TranscriptAction): void {
  if (action.type === 'server') {
    for (const event of action.events) log.events.push(event);
    log.ends.push(log.events.length);
    log.nows.push(action.now);
  } else {
    log.others.push(action);
    log.ends.push(-log.others.length);
    log.nows.push(0);
  }
}

/** The i-th action (a server action is made again from its events). */
export function actionAt(log: ActionLog, i: number): TranscriptAction {
  const end = log.ends[i] as number;
  if (end < 0) return log.others[-end - 1] as TranscriptAction;
  let start = 0;
  for (let j = i - 1; j >= 0; j--) {
    const previous = log.ends[j] as number;
    if (previous >= 0) {
      start = previous;
      break;
    }
  }
  return {type: 'server', events: log.events.slice(start, end), now: log.nows[i] as number};
}
