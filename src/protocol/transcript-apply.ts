// The transcript rules, applied to a Store in place (transcript.ts makes that pure from outside).
// Each function returns whether it changed anything; when it returns false it touched nothing.
import {localMessageId} from './local-id.js';
import type {PolyChatMessage} from './message.js';
import {CLIENT_EVENT_ID_KEY} from './wire.js';
import type {ServerEvent, SystemMessageLevel} from './wire.js';
import {compareKeys, comparePositions, isLater} from './transcript-order.js';
import type {Key} from './transcript-order.js';
import {addChunk, isReplyComplete, setWhole, supersede} from './transcript-reply.js';
import type {ChunkEvent, WholeMessageEvent} from './transcript-reply.js';
import {NOTICE_KEYS, NOTICE_LEVELS} from './transcript-notices.js';
import type {NoticeKey} from './transcript-notices.js';
import {EMPTY_HANDOFF, addEntry, applyJoin, entryIndex, moveEntry, newAuthorSlot, removeEntry, resetSession, segmentTag, touch} from './transcript-store.js';
import type {AgentRole, AuthorSlot, Entry, NoticeEntry, ReplyEntry, Store, UserEntry} from './transcript-store.js';
import {AGENT_TYPING_TTL_MS, LIVE_TYPING_TTL_MS} from './transcript-types.js';
import type {TranscriptAction, TranscriptHandoff, TranscriptTyping} from './transcript-types.js';


type Payload<T extends ServerEvent['type']> = Extract<ServerEvent, {type: T}>;

function isoTime(now: number): string | undefined {
  return Number.isFinite(now) && Math.abs(now) <= 8.64e15 ? new Date(now).toISOString() : undefined;
}

function validNow(now: number): number {
  return Number.isFinite(now) ? now : 0;
}

function expireTyping(store: Store, now: number): boolean {
  if (store.typing === null || !(now >= store.typing.expiresAt)) return false;
  store.typing = null;
  store.typingKey = null;
  return true;
}

export function applyAction(store: Store, action: TranscriptAction): boolean {
  switch (action.type) {
    case 'server':
      return applyServer(store, action.events, validNow(action.now));
    case 'local-send':
      return applyLocalSend(store, action.clientEventId, action.text, validNow(action.now));
    case 'local-transmitted':
      return applyLocalTransmitted(store, action.clientEventId);
    case 'local-failed':
      return applyLocalFailed(store, action.clientEventId);
    case 'local-retry':
      return applyLocalRetry(store, action.clientEventId);
    case 'notice':
      return applyClientNotice(store, action);
    case 'new-session':
      return applyNewSession(store, action.sessionId);
    case 'tick':
      return expireTyping(store, validNow(action.now));
    default:
      return false;
  }
}

// ---- server events ------------------------------------------------------------------------------

function applyServer(store: Store, events: readonly ServerEvent[], now: number): boolean {
  let changed = expireTyping(store, now);
  for (const event of events) if (applyEvent(store, event, now)) changed = true;
  return changed;
}

/**
 * Events dated by their arrival (no server timestamp): such a date may start a message, never
 * replace one it already has (the user's own send time, an earlier chunk's time).
 */
const arrivalDated = new WeakSet<ServerEvent>();

function applyEvent(store: Store, given: ServerEvent, now: number): boolean {
  const sequence = given.sequence;
  if (given.type === 'EVENT_TYPE_HEARTBEAT') {
    // Heartbeat echoes carry nothing for the transcript; a sequenced one still moves the cursor.
    if (sequence === null || sequence <= store.lastSequence) return false;
    store.lastSequence = sequence;
    return true;
  }
  if (store.seen.has(given.id)) return false;
  store.seen.add(given.id);
  // No server timestamp (§12 allows it): the message is dated when it arrived, once (dedup keeps it).
  const arrived = given.timestamp === undefined ? isoTime(now) : undefined;
  const event: ServerEvent = arrived === undefined ? given : {...given, timestamp: arrived};
  if (arrived !== undefined) arrivalDated.add(event);
  if (sequence !== null && sequence > store.lastSequence) store.lastSequence = sequence;
  const key: Key = sequence !== null ? {pos: sequence, sub: 0} : {pos: store.lastSequence, sub: ++store.counter};
  switch (event.type) {
    case 'EVENT_TYPE_SESSION_START':
      store.started = true;
      // The session's first SESSION_START decides (§11.1); "first" = lowest position.
      if (store.capsKey === null || compareKeys(key, store.capsKey) < 0) {
        store.capabilities = event.capabilities;
        store.capsKey = key;
      }
      break;
    case 'EVENT_TYPE_SESSION_END':
      if (isLater(key, store.endKey)) {
        store.endReason = event.reason;
        store.endKey = key;
      }
      clearTyping(store, 'agent', key);
      clearTyping(store, 'live-agent', key);
      addEventNotice(store, event, key, NOTICE_KEYS.sessionEnded, {reason: event.reason});
      break;
    case 'EVENT_TYPE_SYSTEM_MESSAGE':
      addSystemMessage(store, event, key);
      // An error usually means the pending reply is not coming (§8.3).
      if (event.level === 'error') clearTyping(store, 'agent', key);
      break;
    case 'EVENT_TYPE_LANGUAGE_CHANGED':
      if (isLater(key, store.languageKey)) {
        store.language = event.languageCode;
        store.languageKey = key;
      }
      break;
    case 'EVENT_TYPE_POLY_AGENT_JOINED':
      store.joined = true;
      // The PolyAI agent (re)joining after a handoff means the conversation is back with it.
      setPhase(store, key, {phase: 'none'});
      if (isLater(key, store.agentKey)) {
        store.agent = agentInfo(undefined, event.agentName, event.avatarUrl);
        store.agentKey = key;
      }
      applyJoin(store, 'agent', {key, ...agentInfo(undefined, event.agentName, event.avatarUrl)});
      break;
    case 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN':
      store.joined = true;
      break;
    case 'EVENT_TYPE_USER_END_SESSION':
      break;
    case 'EVENT_TYPE_POLY_AGENT_THINKING':
      if (isLater(key, store.agentClearKey)) setTyping(store, typingOf(store, 'agent', store.agent?.name, now + AGENT_TYPING_TTL_MS), key);
      break;
    case 'EVENT_TYPE_POLY_AGENT_MESSAGE':
    case 'EVENT_TYPE_LIVE_AGENT_MESSAGE':
      noteSpeaker(store, event.type === 'EVENT_TYPE_LIVE_AGENT_MESSAGE' ? 'live-agent' : 'agent', key);
      upsertWhole(store, event, key);
      clearTyping(store, event.type === 'EVENT_TYPE_LIVE_AGENT_MESSAGE' ? 'live-agent' : 'agent', key);
      if (event.endConversation) store.endConversation = true;
      break;
    case 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK':
      noteSpeaker(store, 'agent', key);
      upsertChunk(store, event, key);
      if (event.isComplete) clearTyping(store, 'agent', key);
      else if (store.typing?.role === 'agent' && isLater(key, store.typingKey)) {
        // Chunks keep the indicator alive while they flow (the SDKs do); a stalled stream expires it.
        const expiresAt = now + AGENT_TYPING_TTL_MS;
        setTyping(store, typingOf(store, 'agent', store.typing.name, expiresAt), key);
      }
      break;
    case 'EVENT_TYPE_POLY_AGENT_LEFT':
      clearTyping(store, 'agent', key);
      break;
    case 'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF':
      setPhase(store, key, {phase: 'requested'});
      addEventNotice(store, event, key, NOTICE_KEYS.handoffRequested, undefined);
      break;
    case 'EVENT_TYPE_HANDOFF_ACCEPTED':
      setPhase(store, key, {phase: 'queued'});
      setQueueName(store, key, event.queueName);
      break;
    case 'EVENT_TYPE_HANDOFF_QUEUE_STATUS':
      setPhase(store, key, queuedPhase(event));
      setQueueName(store, key, event.queueName);
      break;
    case 'EVENT_TYPE_CLIENT_HANDOFF_REQUIRED':
      setPhase(store, key, withDefined({phase: 'client-required'}, {reason: event.reason, route: event.route}));
      setQueueName(store, key, event.queueName);
      addEventNotice(store, event, key, NOTICE_KEYS.clientHandoffRequired, event.route === undefined ? undefined : {route: event.route});
      break;
    case 'EVENT_TYPE_HANDOFF_FAILED':
    case 'EVENT_TYPE_HANDOFF_TIMEOUT': {
      const failed = event.type === 'EVENT_TYPE_HANDOFF_FAILED';
      setPhase(store, key, withDefined({phase: failed ? 'failed' : 'timeout'}, {reason: event.reason}));
      addEventNotice(store, event, key, failed ? NOTICE_KEYS.handoffFailed : NOTICE_KEYS.handoffTimeout, undefined);
      break;
    }
    case 'EVENT_TYPE_LIVE_AGENT_JOINED': {
      setPhase(store, key, {phase: 'connected'});
      const info = agentInfo(event.agentId, event.agentName, event.avatarUrl);
      if (isLater(key, store.liveAgentKey)) {
        store.liveAgent = info;
        store.liveAgentKey = key;
      }
      applyJoin(store, 'live-agent', {key, ...info});
      addEventNotice(store, event, key, NOTICE_KEYS.liveAgentJoined, event.agentName === undefined ? undefined : {name: event.agentName});
      break;
    }
    case 'EVENT_TYPE_LIVE_AGENT_TYPING':
      if (event.state === 'TYPING_STATE_STOPPED') clearTyping(store, 'live-agent', key);
      else noteSpeaker(store, 'live-agent', key);
      if (event.state !== 'TYPING_STATE_STOPPED' && isLater(key, store.liveClearKey)) {
        const name = event.agentName ?? store.liveAgent?.name;
        setTyping(store, typingOf(store, 'live-agent', name, now + LIVE_TYPING_TTL_MS), key);
      }
      break;
    case 'EVENT_TYPE_LIVE_AGENT_LEFT': {
      setPhase(store, key, withDefined({phase: 'agent-left'}, {reason: event.reason}));
      clearTyping(store, 'live-agent', key);
      const slot = newAuthorSlot('live-agent');
      slot.agentId = event.agentId;
      slot.ownName = event.agentName;
      addEventNotice(store, event, key, NOTICE_KEYS.liveAgentLeft, undefined, slot);
      break;
    }
    case 'EVENT_TYPE_USER_MESSAGE':
      applyEcho(store, event, key);
      break;
  }
  return true;
}

/**
 * The indicator {role, name?, expiresAt}: the current object when it is equal (typing events
 * repeat within a frame, which shares one `now`), else a new one.
 */
function typingOf(store: Store, role: AgentRole, name: string | undefined, expiresAt: number): TranscriptTyping {
  const current = store.typing;
  if (current !== null && current.role === role && current.name === name && current.expiresAt === expiresAt) return current;
  return name === undefined ? {role, expiresAt} : {role, name, expiresAt};
}

function agentInfo(id: string | undefined, name: string | undefined, avatarUrl: string | undefined): {id?: string; name?: string; avatarUrl?: string} {
  const info: {id?: string; name?: string; avatarUrl?: string} = {};
  if (id !== undefined) info.id = id;
  if (name !== undefined) info.name = name;
  if (avatarUrl !== undefined) info.avatarUrl = avatarUrl;
  return info;
}

function withDefined(base: TranscriptHandoff, extra: Readonly<Record<string, string | number | undefined>>): TranscriptHandoff {
  const out: Record<string, unknown> = {...base};
  for (const name of Object.keys(extra)) if (extra[name] !== undefined) out[name] = extra[name];
  return out as unknown as TranscriptHandoff;
}

function queuedPhase(event: Payload<'EVENT_TYPE_HANDOFF_QUEUE_STATUS'>): TranscriptHandoff {
  return withDefined(
    {phase: 'queued'},
    {positionInQueue: event.positionInQueue, estimatedWaitSeconds: event.estimatedWaitSeconds, displayMessage: event.displayMessage},
  );
}

// ---- typing -------------------------------------------------------------------------------------

function setTyping(store: Store, typing: TranscriptTyping, key: Key): void {
  store.typing = typing;
  store.typingKey = key;
}

/** An event that ends `role`'s turn: hides its indicator unless the indicator is newer. */
function clearTyping(store: Store, role: AgentRole, key: Key): void {
  if (role === 'agent') {
    if (isLater(key, store.agentClearKey)) store.agentClearKey = key;
  } else if (isLater(key, store.liveClearKey)) store.liveClearKey = key;
  if (store.typing?.role === role && isLater(key, store.typingKey)) {
    store.typing = null;
    store.typingKey = null;
  }
}

// ---- handoff ------------------------------------------------------------------------------------

/** Phase and its fields come from the latest handoff event (by position); queueName is tracked apart. */
function setPhase(store: Store, key: Key, phase: TranscriptHandoff): void {
  if (!isLater(key, store.phaseKey)) return;
  store.phase = phase;
  store.phaseKey = key;
  composeHandoff(store);
}

function setQueueName(store: Store, key: Key, queueName: string | undefined): void {
  if (queueName === undefined || !isLater(key, store.queueNameKey)) return;
  store.queueName = queueName;
  store.queueNameKey = key;
  composeHandoff(store);
}

/**
 * Someone spoke (or a human typed): may overrule the handoff phase (see Store.polySpokeKey). Only
 * sequenced events count: a transient one's place depends on arrival, the phase must not.
 */
function noteSpeaker(store: Store, role: AgentRole, key: Key): void {
  if (key.sub !== 0) return;
  if (role === 'agent') {
    if (!isLater(key, store.polySpokeKey)) return;
    store.polySpokeKey = key;
  } else {
    if (!isLater(key, store.liveSpokeKey)) return;
    store.liveSpokeKey = key;
  }
  if (shownPhase(store).phase !== store.handoff.phase) composeHandoff(store);
}

const CONNECTED: TranscriptHandoff = Object.freeze({phase: 'connected'});

/**
 * The phase shown: the latest handoff event's, unless someone spoke after it — a human speaking
 * means connected, the PolyAI agent speaking after the human left means no handoff. Each rule reads
 * only the latest keys, so arrival order never changes the answer.
 */
function shownPhase(store: Store): TranscriptHandoff {
  const {phase, phaseKey, polySpokeKey, liveSpokeKey} = store;
  if (liveSpokeKey !== null && phase.phase !== 'connected' && isLater(liveSpokeKey, phaseKey)) return CONNECTED;
  if (phase.phase === 'agent-left' && polySpokeKey !== null && phaseKey !== null && isLater(polySpokeKey, phaseKey)) return EMPTY_HANDOFF;
  return phase;
}

function composeHandoff(store: Store): void {
  const phase = shownPhase(store);
  store.handoff = store.queueName === undefined ? phase : {...phase, queueName: store.queueName};
}

// ---- entries from events ------------------------------------------------------------------------

/** An id already used by a message adopted from a foreign state is taken over by the new entry. */
function takeOverFixed(store: Store, id: string): PolyChatMessage | undefined {
  if (store.fixed.size === 0) return undefined;
  const fixed = store.fixed.get(id);
  if (fixed === undefined) return undefined;
  store.fixed.delete(id);
  removeEntry(store, fixed);
  return fixed.msg;
}

function addSystemMessage(store: Store, event: Payload<'EVENT_TYPE_SYSTEM_MESSAGE'>, key: Key): void {
  // Event ids are applied once per session, so this id is new.
  const id = `s${segmentTag(store.segment)}:${event.id}`;
  takeOverFixed(store, id);
  const msg = {
    id,
    role: 'system' as const,
    text: event.message,
    complete: true,
    attachments: NONE,
    suggestions: NONE,
    level: event.level,
    ...(event.sequence !== null ? {sequence: event.sequence} : {}),
    ...(event.timestamp !== undefined ? {timestamp: event.timestamp} : {}),
  };
  const entry: Entry = {kind: 'system', id, seg: store.segment, pos: key.pos, sub: key.sub, msg, visible: false, dirty: true, msgIndex: -1, timestamp: event.timestamp};
  addEntry(store, entry);
}

function addEventNotice(
  store: Store,
  event: ServerEvent,
  key: Key,
  noticeKey: NoticeKey,
  params: Readonly<Record<string, string>> | undefined,
  author?: AuthorSlot,
): void {
  const id = `n${segmentTag(store.segment)}:${event.id}`;
  takeOverFixed(store, id);
  const entry: NoticeEntry = {
    kind: 'notice',
    id,
    seg: store.segment,
    pos: key.pos,
    sub: key.sub,
    msg: PLACEHOLDER,
    visible: false,
    dirty: true,
    msgIndex: -1,
    timestamp: event.timestamp,
    noticeKey,
    level: NOTICE_LEVELS[noticeKey],
    params,
    text: undefined,
    author,
  };
  addEntry(store, entry);
}

const NONE: readonly never[] = Object.freeze([]);
const PLACEHOLDER = Object.freeze({id: '', role: 'system' as const, text: '', complete: true, attachments: NONE, suggestions: NONE});

function newReplyEntry(store: Store, event: WholeMessageEvent | ChunkEvent, key: Key): ReplyEntry {
  const id = `m${segmentTag(store.segment)}:${event.messageId}`;
  const standIn = takeOverFixed(store, id);
  return {
    kind: 'reply',
    id,
    seg: store.segment,
    pos: key.pos,
    sub: key.sub,
    msg: PLACEHOLDER,
    visible: false,
    dirty: true,
    msgIndex: -1,
    timestamp: event.timestamp,
    // Reply (transcript-reply.ts): nothing assembled yet.
    messageId: event.messageId,
    parts: null,
    run: 0,
    completeIndex: null,
    superseded: false,
    whole: null,
    wholeKey: null,
    shown: 0,
    stale: false,
    text: '',
    attachments: NONE,
    suggestions: NONE,
    // AuthorSlot: resolved when rendered.
    role: event.type === 'EVENT_TYPE_LIVE_AGENT_MESSAGE' ? 'live-agent' : 'agent',
    agentId: undefined,
    ownName: undefined,
    ownAvatar: undefined,
    name: undefined,
    avatarUrl: undefined,
    // Only a message complete in the copy stands in (an adopted state may hold a partial one).
    standIn: standIn?.complete === true ? standIn : undefined,
  };
}

/** A reply's position is its earliest event's; false when this event is not earlier. */
function takeEarlierPosition(store: Store, entry: Entry, event: ServerEvent, key: Key): boolean {
  if (compareKeys(key, entry) >= 0) return false;
  moveEntry(store, entry, entry.seg, key);
  if (!arrivalDated.has(event)) entry.timestamp = event.timestamp;
  return true;
}

/**
 * A new reply finalises older unfinished streams as they are, and is itself finalised at once
 * when a newer reply is already there (late history).
 */
function settleNewReply(store: Store, entry: ReplyEntry): void {
  const open = store.openReplies;
  for (let i = open.length - 1; i >= 0; i--) {
    const older = open[i] as ReplyEntry;
    if (comparePositions(older, entry) < 0) {
      removeAt(open, i);
      if (supersede(older)) touch(store, older);
    }
  }
  if (isReplyComplete(entry)) return;
  const entries = store.entries;
  for (let i = entryIndex(store, entry) + 1; i < entries.length; i++) {
    const later = entries[i] as Entry;
    if (later.seg !== entry.seg) break;
    if (later.kind === 'reply') {
      supersede(entry);
      return;
    }
  }
  open.push(entry);
}

// Open streams are a handful at most (each new reply settles the older ones): a plain array,
// unordered, instead of a Set that reallocates its table as it fills and empties.

/** Removes the i-th item by moving the last one into its place. */
function removeAt(list: ReplyEntry[], i: number): void {
  const last = list.pop() as ReplyEntry;
  if (i < list.length) list[i] = last;
}

function closeReply(store: Store, entry: ReplyEntry): void {
  const at = store.openReplies.indexOf(entry);
  if (at >= 0) removeAt(store.openReplies, at);
}

function createReplyEntry(store: Store, event: WholeMessageEvent | ChunkEvent, key: Key): ReplyEntry {
  const entry = newReplyEntry(store, event, key);
  if (event.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK') addChunk(entry, event, key);
  else setWhole(entry, event, key);
  store.replies.set(event.messageId, entry);
  store.lastReply = entry;
  addEntry(store, entry);
  settleNewReply(store, entry);
  return entry;
}

function findReply(store: Store, messageId: string): ReplyEntry | undefined {
  const last = store.lastReply;
  if (last !== null && last.messageId === messageId) return last;
  const found = store.replies.get(messageId);
  if (found !== undefined) store.lastReply = found;
  return found;
}

function upsertWhole(store: Store, event: WholeMessageEvent, key: Key): void {
  const found = findReply(store, event.messageId);
  if (found === undefined) {
    createReplyEntry(store, event, key);
    return;
  }
  const changed = setWhole(found, event, key);
  closeReply(store, found);
  const moved = takeEarlierPosition(store, found, event, key);
  if (changed || moved) touch(store, found);
}

function upsertChunk(store: Store, event: ChunkEvent, key: Key): void {
  const found = findReply(store, event.messageId);
  if (found === undefined) {
    createReplyEntry(store, event, key);
    return;
  }
  const changed = addChunk(found, event, key);
  const moved = takeEarlierPosition(store, found, event, key);
  if (isReplyComplete(found)) closeReply(store, found);
  if (changed || moved) touch(store, found);
}

// ---- user messages ------------------------------------------------------------------------------

/**
 * Echo matching (§4.3, §11.3): by metadata.custom.client_event_id, else (no id at all) by identical
 * text, oldest pending first. Each echo confirms one local message; an echo that matches none is
 * a user message of its own (another tab, before a reload).
 */
function applyEcho(store: Store, event: Payload<'EVENT_TYPE_USER_MESSAGE'>, key: Key): void {
  const clientEventId = event.metadata?.custom?.[CLIENT_EVENT_ID_KEY]; // hand-built events may lack custom
  let local: UserEntry | undefined;
  if (typeof clientEventId === 'string') {
    local = store.locals.get(clientEventId);
  } else {
    // A restored message at this very sequence is this echo's, before any pending one with its text.
    // A pending one only once it went out: one typed while connecting has no echo in the replay yet.
    local =
      claimRestored(store, event.text, key, true) ??
      store.pending.find((entry) => entry.transmitted && entry.text === event.text) ??
      claimRestored(store, event.text, key, false);
  }
  if (local !== undefined) {
    confirmLocal(store, local, event, key);
    return;
  }
  const id = `u${segmentTag(store.segment)}:${event.id}`;
  takeOverFixed(store, id);
  const entry: UserEntry = {
    kind: 'user',
    id,
    seg: store.segment,
    pos: key.pos,
    sub: key.sub,
    msg: PLACEHOLDER,
    visible: false,
    dirty: true,
    msgIndex: -1,
    timestamp: event.timestamp,
    text: event.text,
    clientEventId: typeof clientEventId === 'string' ? clientEventId : undefined,
    delivery: 'sent',
    echoed: true,
    order: ++store.counter,
    transmitted: true,
  };
  addEntry(store, entry);
}

/**
 * The restored confirmed message this replayed echo confirmed on an earlier page, now claimed: the
 * oldest with its text, and at its position when both are sequenced (an older message with the same
 * text, left out of the copy, is not it). `samePosition`: only one at the echo's own sequence.
 */
function claimRestored(store: Store, text: string, key: Key, samePosition: boolean): UserEntry | undefined {
  const at = store.restored.findIndex((entry) => entry.text === text && (entry.sub !== 0 || key.sub !== 0 ? !samePosition : entry.pos === key.pos));
  return at < 0 ? undefined : store.restored.splice(at, 1)[0];
}

function confirmLocal(store: Store, local: UserEntry, event: Payload<'EVENT_TYPE_USER_MESSAGE'>, key: Key): void {
  // Claimed by its own echo (client_event_id): no echo without one may take it too.
  const restoredAt = store.restored.indexOf(local);
  if (restoredAt >= 0) store.restored.splice(restoredAt, 1);
  // A second echo of a confirmed message (a server-side duplicate of a retry) is absorbed; the
  // message sits at its earliest echo.
  if (local.echoed && local.seg === store.segment && compareKeys(key, local) >= 0) return;
  if (local.delivery !== 'sent') {
    const index = store.pending.indexOf(local);
    if (index >= 0) store.pending.splice(index, 1);
    local.delivery = 'sent';
  }
  local.echoed = true;
  if (event.timestamp !== undefined && !arrivalDated.has(event)) local.timestamp = event.timestamp;
  moveEntry(store, local, store.segment, key);
  touch(store, local);
}

function applyLocalSend(store: Store, clientEventId: string, text: string, now: number): boolean {
  const expired = expireTyping(store, now);
  if (typeof clientEventId !== 'string' || typeof text !== 'string' || store.locals.has(clientEventId)) return expired;
  const orphan = findOrphanEcho(store, clientEventId);
  const order = ++store.counter;
  const entry: UserEntry = {
    kind: 'local',
    id: localMessageId(clientEventId),
    seg: orphan?.seg ?? store.segment,
    pos: orphan?.pos ?? Infinity,
    sub: orphan?.sub ?? order,
    msg: PLACEHOLDER,
    visible: false,
    dirty: true,
    msgIndex: -1,
    timestamp: orphan?.timestamp ?? isoTime(now),
    text,
    clientEventId,
    delivery: orphan === undefined ? 'sending' : 'sent',
    echoed: orphan !== undefined,
    order,
    transmitted: orphan !== undefined,
  };
  // Its echo came first (e.g. replayed after a reload): the local message takes the echo's place.
  if (orphan !== undefined) removeEntry(store, orphan);
  else store.pending.push(entry);
  takeOverFixed(store, entry.id);
  store.locals.set(clientEventId, entry);
  addEntry(store, entry);
  return true;
}

function findOrphanEcho(store: Store, clientEventId: string): UserEntry | undefined {
  // Rare path (linear scan): only when a local-send names an id we have never seen locally.
  for (let i = store.entries.length - 1; i >= 0; i--) {
    const entry = store.entries[i] as Entry;
    if (entry.kind === 'user' && entry.clientEventId === clientEventId) return entry;
  }
  return undefined;
}

function applyLocalTransmitted(store: Store, clientEventId: string): boolean {
  const entry = store.locals.get(clientEventId);
  if (entry === undefined || entry.transmitted) return false;
  // Nothing on screen changes: the state is new only so that its action log holds the fact.
  entry.transmitted = true;
  return true;
}

function applyLocalFailed(store: Store, clientEventId: string): boolean {
  const entry = store.locals.get(clientEventId);
  if (entry?.delivery !== 'sending') return false;
  entry.delivery = 'failed';
  touch(store, entry);
  return true;
}

function applyLocalRetry(store: Store, clientEventId: string): boolean {
  const entry = store.locals.get(clientEventId);
  if (entry?.delivery !== 'failed') return false;
  entry.delivery = 'sending';
  moveEntry(store, entry, store.segment, {pos: Infinity, sub: ++store.counter});
  return true;
}

// ---- client notices and sessions ----------------------------------------------------------------

const LEVELS: ReadonlySet<SystemMessageLevel> = new Set(['info', 'warning', 'error']);

function applyClientNotice(store: Store, action: Extract<TranscriptAction, {type: 'notice'}>): boolean {
  const now = validNow(action.now);
  const expired = expireTyping(store, now);
  const id = `k:${action.id ?? `${action.key}@${now}`}`;
  if (store.clientNotices.has(id)) return expired;
  store.clientNotices.add(id);
  takeOverFixed(store, id);
  const entry: NoticeEntry = {
    kind: 'notice',
    id,
    seg: store.segment,
    pos: store.lastSequence,
    sub: ++store.counter,
    msg: PLACEHOLDER,
    visible: false,
    dirty: true,
    msgIndex: -1,
    timestamp: isoTime(now),
    noticeKey: String(action.key),
    level: LEVELS.has(action.level) ? action.level : 'info',
    params: action.params,
    text: String(action.text),
    author: undefined,
  };
  addEntry(store, entry);
  return true;
}

function applyNewSession(store: Store, sessionId: string): boolean {
  if (typeof sessionId !== 'string' || sessionId === store.sessionId) return false;
  if (store.sessionId === null && store.seen.size === 0) {
    resetSession(store, sessionId, false);
    return true;
  }
  // The old conversation is over: unfinished streams stay as they are, marked complete.
  for (const open of store.openReplies) if (supersede(open)) touch(store, open);
  resetSession(store, sessionId, true);
  // Messages still being sent go to the new conversation's end (the runtime re-sends them there).
  for (const entry of store.pending) {
    if (entry.delivery === 'sending') moveEntry(store, entry, store.segment, {pos: Infinity, sub: entry.sub});
  }
  return true;
}
