// The transcript reducer: a pure, idempotent, order-independent fold of protocol events into what
// the chat shows (architecture.md "Transcript reducer"; protocol.md §3.4, §4, §6, §7, §11.3).
//
//   let state = createTranscript();
//   state = reduceTranscript(state, {type: 'server', events: decoded.events, now});
//   state.messages  // display order
//
// Rules (details in the helper files):
// - Dedup by event id (per session). Heartbeat echoes are never stored; a sequenced one moves
//   lastSequence. lastSequence = highest non-null sequence, never lowered (reset by new-session).
// - Display order = (session segment, sequence). Transient events (sequence null) and client notices
//   sit after what had arrived before them and never move history (transcript-order.ts). Unconfirmed
//   local messages sit at the end in send order; the echo gives them its position.
// - Streaming: transcript-reply.ts. Empty replies (no text, attachments, suggestions, call actions)
//   are not shown, neither are empty user/system messages.
// - Echoes: by metadata.custom.client_event_id, else by identical text (oldest pending first); each
//   echo confirms one local message; an unmatched echo is shown as a user message. Echoes of join,
//   heartbeat and end are never shown.
// - "Latest wins" fields (agent, live agent, handoff phase, language, end reason) compare event
//   positions, not arrival, so shuffled and duplicated logs give the same state. Typing is the
//   exception: it is transient by nature and also expires with time.
// - Reducing returns the SAME object when the action changes nothing (duplicates, repeated ticks,
//   a second local-failed…), so reduce(reduce(s, a), a) === reduce(s, a).
//
// Performance: each state shares one mutable Store (indexes, sorted entries) with its successor;
// appending an event is O(log n) and `messages` is built once, on first read. Reducing an older
// state again (branching) replays the action log into a fresh Store: correct, just slower.
import type {PolyChatMessage} from './message.js';
import type {Capabilities} from './wire.js';
import {applyAction} from './transcript-apply.js';
import {actionAt, logLength, record} from './transcript-log.js';
import {EMPTY_HANDOFF, addEntry, collectMessages, createStore} from './transcript-store.js';
import type {Entry, Store} from './transcript-store.js';
import type {TranscriptAgent, TranscriptAction, TranscriptHandoff, TranscriptState, TranscriptTyping} from './transcript-types.js';

interface Meta {
  store: Store;
  /** How many log actions made this state. */
  readonly logLength: number;
  /** store.version when this state's entries were current. */
  version: number;
  messages: readonly PolyChatMessage[] | undefined;
}

const NO_MESSAGES: readonly PolyChatMessage[] = Object.freeze([]);

// `messages` is an own, enumerable getter (one shared descriptor: cheap to install), so spreads,
// JSON and deepEqual see it like a plain field while it is only built when read.
const MESSAGES_PROPERTY: PropertyDescriptor = {
  get(this: TranscriptSnapshot): readonly PolyChatMessage[] {
    return messagesOf(this);
  },
  enumerable: true,
  configurable: false,
};

class TranscriptSnapshot implements TranscriptState {
  declare readonly messages: readonly PolyChatMessage[];
  readonly sessionId: string | null;
  readonly segment: number;
  readonly lastSequence: number;
  readonly capabilities: Capabilities | null;
  readonly started: boolean;
  readonly joined: boolean;
  readonly agent: TranscriptAgent | null;
  readonly liveAgent: TranscriptAgent | null;
  readonly handoff: TranscriptHandoff;
  readonly typing: TranscriptTyping | null;
  readonly language: string | null;
  readonly endReason: string | null;
  readonly endConversation: boolean;
  readonly #meta: Meta;

  constructor(store: Store, meta: Meta) {
    Object.defineProperty(this, 'messages', MESSAGES_PROPERTY);
    this.sessionId = store.sessionId;
    this.segment = store.segment;
    this.lastSequence = store.lastSequence;
    this.capabilities = store.capabilities;
    this.started = store.started;
    this.joined = store.joined;
    this.agent = store.agent;
    this.liveAgent = store.liveAgent;
    this.handoff = store.handoff;
    this.typing = store.typing;
    this.language = store.language;
    this.endReason = store.endReason;
    this.endConversation = store.endConversation;
    this.#meta = meta;
  }

  static metaOf(state: TranscriptState): Meta | undefined {
    return #meta in state ? (state as TranscriptSnapshot).#meta : foreign.get(state);
  }
}

/** Metas of states we did not make (adopted); almost always empty. */
const foreign = new WeakMap<TranscriptState, Meta>();

function makeState(store: Store, messages: readonly PolyChatMessage[] | undefined): TranscriptState {
  return new TranscriptSnapshot(store, {store, logLength: logLength(store.log), version: store.version, messages});
}

function messagesOf(state: TranscriptState): readonly PolyChatMessage[] {
  const meta = TranscriptSnapshot.metaOf(state);
  if (meta === undefined) return NO_MESSAGES;
  if (meta.messages !== undefined) return meta.messages;
  if (meta.store.version !== meta.version) own(state, meta);
  meta.messages = collectMessages(meta.store);
  return meta.messages;
}

/** Gives `state` a Store that reflects it, replaying the log when a successor moved the store on. */
function own(state: TranscriptState, meta: Meta): Store {
  const old = meta.store;
  if (old.head === state && old.version === meta.version) return old;
  const store = createStore(old.base);
  seedEntries(store, old.base);
  for (let i = 0; i < meta.logLength; i++) {
    const action = actionAt(old.log, i);
    applyAction(store, action);
    record(store.log, action);
  }
  store.head = state;
  meta.store = store;
  meta.version = store.version;
  return store;
}

/** Initial messages of a base state (only adopted foreign states have any). */
function seedEntries(store: Store, base: TranscriptState): void {
  const messages: unknown = base.messages;
  if (!Array.isArray(messages)) return;
  let pos = 0;
  const ids = new Set<string>();
  for (const msg of messages as PolyChatMessage[]) {
    if (typeof msg !== 'object' || msg === null || typeof msg.id !== 'string' || ids.has(msg.id)) continue;
    ids.add(msg.id);
    const order = ++store.counter;
    const sequenced = typeof msg.sequence === 'number';
    if (sequenced) pos = msg.sequence as number;
    const common = {id: msg.id, seg: store.segment, sub: sequenced ? 0 : order, msg, visible: true, dirty: false, msgIndex: -1, timestamp: msg.timestamp};
    if (msg.role === 'user' && typeof msg.clientEventId === 'string' && msg.id === `c:${msg.clientEventId}`) {
      // A local message keeps working: its echo can still confirm it.
      const delivery = msg.delivery ?? 'sent';
      const entry: Entry = {...common, kind: 'local', pos: delivery === 'sent' ? pos : Infinity, text: String(msg.text), clientEventId: msg.clientEventId, delivery, echoed: delivery === 'sent', order};
      if (delivery !== 'sent') store.pending.push(entry);
      store.locals.set(msg.clientEventId, entry);
      addEntry(store, entry);
    } else {
      const entry: Entry = {...common, kind: 'fixed', pos};
      store.fixed.set(msg.id, entry);
      addEntry(store, entry);
    }
  }
}

/** An empty transcript. */
export function createTranscript(options?: {readonly sessionId?: string | null}): TranscriptState {
  const seed = {
    messages: NO_MESSAGES,
    sessionId: options?.sessionId ?? null,
    segment: 0,
    lastSequence: 0,
    capabilities: null,
    started: false,
    joined: false,
    agent: null,
    liveAgent: null,
    handoff: EMPTY_HANDOFF,
    typing: null,
    language: null,
    endReason: null,
    endConversation: false,
  };
  const store = createStore(seed);
  const state = makeState(store, NO_MESSAGES);
  // The empty state is its own replay base.
  store.base = state;
  store.head = state;
  return state;
}

/** A state object we did not make (spread copy, deserialised): adopted best-effort, without dedup memory. */
function adopt(state: TranscriptState): Meta {
  const store = createStore({...state, handoff: state.handoff ?? EMPTY_HANDOFF});
  store.base = state;
  seedEntries(store, state);
  store.head = state;
  const meta: Meta = {store, logLength: 0, version: store.version, messages: undefined};
  foreign.set(state, meta);
  return meta;
}

/** The reducer. Never throws; returns `state` itself when the action changes nothing. */
export function reduceTranscript(state: TranscriptState, action: TranscriptAction): TranscriptState {
  const meta = TranscriptSnapshot.metaOf(state) ?? adopt(state);
  const store = own(state, meta);
  const version = store.version;
  let changed: boolean;
  try {
    changed = applyAction(store, action);
  } catch {
    // Defensive: a half-applied action must not leak; the next use replays the log instead.
    store.head = null;
    return state;
  }
  if (!changed) return state;
  record(store.log, action);
  const next = makeState(store, store.version === version ? meta.messages : undefined);
  store.head = next;
  return next;
}

// ---- selectors ----------------------------------------------------------------------------------

/** The typing indicator to show at `now` (the state keeps an expired one until the next action). */
export function selectTyping(state: TranscriptState, now: number): TranscriptTyping | null {
  return state.typing !== null && now < state.typing.expiresAt ? state.typing : null;
}

/** Reconnect cursor (§3.1): the highest sequence seen, or null when there is none yet. */
export function selectCursor(state: TranscriptState): number | null {
  return state.lastSequence > 0 ? state.lastSequence : null;
}

/** After the replay: true when the join must be sent (session started, agent not joined, not ended). */
export function needsJoin(state: TranscriptState): boolean {
  return state.started && !state.joined && state.endReason === null;
}

/** User messages still waiting for their echo ('sending' or 'failed'), in display order. */
export function selectUnconfirmed(state: TranscriptState): readonly PolyChatMessage[] {
  return state.messages.filter((msg) => msg.role === 'user' && msg.delivery !== undefined && msg.delivery !== 'sent');
}

export function findMessage(state: TranscriptState, id: string): PolyChatMessage | undefined {
  return state.messages.find((msg) => msg.id === id);
}
