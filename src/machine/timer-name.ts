// The timers the session machine asks the runtime to run. Each name is a single slot: starting a
// timer that is already running replaces it.

export type TimerName =
  | 'retry' // backoff before the next connection attempt
  | 'heartbeat' // next EVENT_TYPE_HEARTBEAT
  | 'liveness' // silence deadline of an open socket (also the short page.shown probe)
  | 'stable' // an established connection survived long enough to reset the retry counters
  | 'end-grace' // after USER_END_SESSION: how long we wait for SESSION_END before closing anyway
  | 'recycle' // proactive socket replacement before the ~2 h gateway cap
  | 'connect-timeout' // one credentials fetch / session create / socket handshake
  | 'replay-grace'; // an open socket's replay may still come; past it, go on without one

export const TIMER_NAMES: readonly TimerName[] = [
  'retry',
  'heartbeat',
  'liveness',
  'stable',
  'end-grace',
  'recycle',
  'connect-timeout',
  'replay-grace',
];
