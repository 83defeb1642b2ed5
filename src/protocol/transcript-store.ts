// The transcript reducer's private working memory. One Store belongs to the newest state derived
// from it (`head`) and is mutated in place to produce the next state; transcript.ts rebuilds a
// fresh Store by replaying the action log whenever an older state is reduced again, so callers
// only ever see pure behaviour. Nothing here is exported from the package.
import type {PolyChatAttachment, PolyChatDelivery, PolyChatMessage} from './message.js';
import type {Capabilities, SystemMessageLevel} from './wire.js';
import {comparePositions, compareKeys, insertSorted, indexOfSorted, removeSorted} from './transcript-order.js';
import type {Key, Positioned} from './transcript-order.js';
import type {Reply, ReplyContent} from './transcript-reply.js';
import {replyContent} from './transcript-reply.js';
import {noticeText} from './transcript-notices.js';
import {createLog} from './transcript-log.js';
import type {ActionLog} from './transcript-log.js';
import type {NoticeKey} from './transcript-notices.js';
import type {TranscriptAgent, TranscriptHandoff, TranscriptState, TranscriptTyping} from './transcript-types.js';

export type AgentRole = 'agent' | 'live-agent';

/** Who wrote a reply (or whom a notice names): the event's own fields, else the latest join before it. */
export interface AuthorSlot {
  role: AgentRole;
  agentId: string | undefined;
  ownName: string | undefined;
  ownAvatar: string | undefined;
  /** Resolved from POLY_AGENT_JOINED / LIVE_AGENT_JOINED when the event had no name. */
  name: string | undefined;
  avatarUrl: string | undefined;
}

export interface Join {
  readonly key: Key;
  readonly agentId?: string;
  readonly name?: string;
  readonly avatarUrl?: string;
}

interface EntryBase extends Positioned {
  /** Rendered lazily: `dirty` entries get a new msg/visible when messages are next collected. */
  msg: PolyChatMessage;
  visible: boolean;
  dirty: boolean;
  /** Index of `msg` in the last collected messages array; -1 when not in it (hidden or new). */
  msgIndex: number;
  /** Timestamp of the event that gave the entry its position. */
  timestamp: string | undefined;
}

/** A reply: its assembly state and its author inline (one object per message). */
export interface ReplyEntry extends EntryBase, Reply, AuthorSlot {
  readonly kind: 'reply';
  /**
   * The restored copy's message this reply took over, shown until the replay's reply is at least as
   * complete (a stream replayed over several batches would otherwise shrink back to its first chunks).
   */
  standIn: PolyChatMessage | undefined;
}

export interface UserEntry extends EntryBase {
  /** 'local' = written by local-send (id from clientEventId); 'user' = an echo nobody here sent. */
  readonly kind: 'user' | 'local';
  readonly text: string;
  readonly clientEventId: string | undefined;
  delivery: PolyChatDelivery;
  /** An echo confirmed it (position taken from the echo). */
  echoed: boolean;
  /** Send order, for text matching of echoes without metadata. */
  readonly order: number;
  /**
   * It went out on a socket, or came from an earlier page that may have sent it: only then can an
   * echo without client_event_id be this message's (a message typed while connecting is not the
   * one an older echo in the replay confirms).
   */
  transmitted: boolean;
}

export interface NoticeEntry extends EntryBase {
  readonly kind: 'notice';
  readonly noticeKey: string;
  readonly level: SystemMessageLevel;
  readonly params: Readonly<Record<string, string>> | undefined;
  /** Client notices carry their own text; event notices compute it from key + params. */
  readonly text: string | undefined;
  readonly author: AuthorSlot | undefined;
}

/** SYSTEM_MESSAGE from the server, or a message adopted from a foreign state: fixed content. */
export interface FixedEntry extends EntryBase {
  readonly kind: 'system' | 'fixed';
}

export type Entry = ReplyEntry | UserEntry | NoticeEntry | FixedEntry;

const NO_HANDOFF: TranscriptHandoff = Object.freeze({phase: 'none'});

export interface Store {
  /** The state that may mutate this store; any other state rebuilds its own first. */
  head: TranscriptState | null;
  /** Replay starts from this state (an empty createTranscript() state, or an adopted foreign one)… */
  base: TranscriptState;
  /** …and applies these actions (only those that changed something). */
  readonly log: ActionLog;
  /** Bumped on every change of `entries` or of a message in it. */
  version: number;
  /** The last collected messages (collectMessages only rebuilds what changed since). */
  collected: readonly PolyChatMessage[] | null;
  /** Lowest index of `entries` where an entry was inserted, removed or moved since the last collect. */
  changedFrom: number;
  /** Entries touched since the last collect (new entries are found through changedFrom). */
  dirtyList: Entry[];

  // Public fields, copied into each state.
  sessionId: string | null;
  segment: number;
  lastSequence: number;
  capabilities: Capabilities | null;
  started: boolean;
  joined: boolean;
  agent: TranscriptAgent | null;
  liveAgent: TranscriptAgent | null;
  handoff: TranscriptHandoff;
  typing: TranscriptTyping | null;
  language: string | null;
  endReason: string | null;
  endConversation: boolean;

  // "Latest by position wins" clocks, so the result does not depend on arrival order.
  capsKey: Key | null;
  agentKey: Key | null;
  liveAgentKey: Key | null;
  phaseKey: Key | null;
  phase: TranscriptHandoff;
  /**
   * Latest message of the PolyAI agent and latest message or typing of a human: after the handoff
   * phase they overrule it (a human speaking is connected, the PolyAI agent speaking after the human
   * left is no handoff), by position, so arrival order never matters.
   */
  polySpokeKey: Key | null;
  liveSpokeKey: Key | null;
  queueNameKey: Key | null;
  queueName: string | undefined;
  languageKey: Key | null;
  endKey: Key | null;
  typingKey: Key | null;
  /** Latest event that ended a turn per role: an older THINKING / typing is stale. */
  agentClearKey: Key | null;
  liveClearKey: Key | null;

  /** Arrival counter: `sub` of transient positions and send order of local messages. */
  counter: number;
  /** All items (hidden ones too), sorted by position. */
  readonly entries: Entry[];
  // The id tables (`replies`, `seen`) are a native Map and Set: a hand-written hash table was no
  // faster in Chromium and degraded with ids that differ only in the middle (README, Performance).
  /** This session's replies by message id. */
  replies: Map<string, ReplyEntry>;
  /** The reply found last: a stream's chunks come in runs, so most lookups stop here. */
  lastReply: ReplyEntry | null;
  /** Local messages by clientEventId (all sessions). */
  readonly locals: Map<string, UserEntry>;
  /** Ids of client notices already added. */
  readonly clientNotices: Set<string>;
  /** Messages adopted from a foreign state, by id (almost always empty). */
  readonly fixed: Map<string, Entry>;
  /** Event ids applied in this session (dedup by id, protocol §3.4). */
  seen: Set<string>;
  /** Local messages without an echo yet, in send order. */
  readonly pending: UserEntry[];
  /**
   * Confirmed local messages of a restored copy (transcript.ts restoreTranscript) that no echo of
   * the replay has claimed yet, in display order: an echo without client_event_id is matched to
   * them by text, as to pending ones, instead of being shown a second time.
   */
  readonly restored: UserEntry[];
  /** Streamed replies of this session that are neither complete nor superseded. */
  readonly openReplies: ReplyEntry[];
  joins: {agent: Join[]; 'live-agent': Join[]};
}

export function createStore(base: TranscriptState): Store {
  return {
    head: null,
    base,
    log: createLog(),
    version: 0,
    collected: null,
    changedFrom: 0,
    dirtyList: [],
    sessionId: base.sessionId,
    segment: base.segment,
    lastSequence: base.lastSequence,
    capabilities: base.capabilities,
    started: base.started,
    joined: base.joined,
    agent: base.agent,
    liveAgent: base.liveAgent,
    handoff: base.handoff,
    typing: base.typing,
    language: base.language,
    endReason: base.endReason,
    endConversation: base.endConversation,
    capsKey: null,
    agentKey: null,
    liveAgentKey: null,
    phaseKey: null,
    phase: base.handoff,
    polySpokeKey: null,
    liveSpokeKey: null,
    queueNameKey: null,
    queueName: base.handoff.queueName,
    languageKey: null,
    endKey: null,
    typingKey: null,
    agentClearKey: null,
    liveClearKey: null,
    counter: 0,
    entries: [],
    replies: new Map(),
    lastReply: null,
    locals: new Map(),
    clientNotices: new Set(),
    fixed: new Map(),
    seen: new Set(),
    pending: [],
    restored: [],
    openReplies: [],
    joins: {agent: [], 'live-agent': []},
  };
}

/** Resets what belongs to one session (the 'new-session' action). */
export function resetSession(store: Store, sessionId: string, newSegment: boolean): void {
  store.sessionId = sessionId;
  if (!newSegment) return;
  store.segment++;
  store.lastSequence = 0;
  store.capabilities = null;
  store.started = false;
  store.joined = false;
  store.agent = null;
  store.liveAgent = null;
  store.handoff = NO_HANDOFF;
  store.typing = null;
  store.language = null;
  store.endReason = null;
  store.endConversation = false;
  store.capsKey = store.agentKey = store.liveAgentKey = store.phaseKey = store.queueNameKey = null;
  store.polySpokeKey = store.liveSpokeKey = null;
  store.languageKey = store.endKey = store.typingKey = store.agentClearKey = store.liveClearKey = null;
  store.phase = NO_HANDOFF;
  store.queueName = undefined;
  store.seen = new Set();
  store.replies = new Map();
  store.lastReply = null;
  store.openReplies.length = 0;
  store.restored.length = 0;
  store.joins = {agent: [], 'live-agent': []};
}

export const EMPTY_HANDOFF = NO_HANDOFF;

// ---- entries ----------------------------------------------------------------------------------

export function segmentTag(segment: number): string {
  return segment === 0 ? '' : String(segment);
}

function changedAt(store: Store, index: number): void {
  if (index >= 0 && index < store.changedFrom) store.changedFrom = index;
}

export function addEntry(store: Store, entry: Entry): void {
  changedAt(store, insertSorted(store.entries, entry));
  touch(store, entry);
}

export function removeEntry(store: Store, entry: Entry): void {
  changedAt(store, removeSorted(store.entries, entry));
  // Out of the transcript: never rendered or collected again.
  entry.dirty = false;
  entry.msgIndex = -1;
  store.version++;
}

/** The entry's content changed: it is rendered again when messages are next collected. */
export function touch(store: Store, entry: Entry): void {
  if (!entry.dirty) {
    entry.dirty = true;
    store.dirtyList.push(entry);
  }
  store.version++;
}

/** Moves an entry to a new position (in the current segment). */
export function moveEntry(store: Store, entry: Entry, seg: number, key: Key): void {
  if (entry.seg === seg && entry.pos === key.pos && entry.sub === key.sub) return;
  changedAt(store, removeSorted(store.entries, entry));
  entry.seg = seg;
  entry.pos = key.pos;
  entry.sub = key.sub;
  changedAt(store, insertSorted(store.entries, entry));
  touch(store, entry); // its sequence is the position's
}

export function entryIndex(store: Store, entry: Entry): number {
  return indexOfSorted(store.entries, entry);
}

// ---- authors ----------------------------------------------------------------------------------

function compatible(join: Join, agentId: string | undefined): boolean {
  return agentId === undefined || join.agentId === undefined || join.agentId === agentId;
}

/** Fills slot.name/avatarUrl from the latest matching join placed before the entry. */
export function resolveAuthor(store: Store, entry: Positioned, slot: AuthorSlot): boolean {
  if (entry.seg !== store.segment) return false;
  const key: Key = entry; // a Positioned is a Key: no allocation per render
  const joins = store.joins[slot.role];
  let best: Join | undefined;
  // Joins are sorted by position: walk back from the latest to the first one before the entry.
  for (let i = joins.length - 1; i >= 0; i--) {
    const join = joins[i] as Join;
    if (compareKeys(join.key, key) < 0 && compatible(join, slot.agentId)) {
      best = join;
      break;
    }
  }
  if (slot.name === best?.name && slot.avatarUrl === best?.avatarUrl) return false;
  slot.name = best?.name;
  slot.avatarUrl = best?.avatarUrl;
  return true;
}

/** Whom the entry's text names: a reply is its own author slot; a notice may carry one. */
function authorOf(entry: Entry): AuthorSlot | undefined {
  if (entry.kind === 'reply') return entry;
  return entry.kind === 'notice' ? entry.author : undefined;
}

export function newAuthorSlot(role: AgentRole): AuthorSlot {
  return {role, agentId: undefined, ownName: undefined, ownAvatar: undefined, name: undefined, avatarUrl: undefined};
}

/** A join arrived: entries after it (this segment) whose author it may name are resolved again. */
export function applyJoin(store: Store, role: AgentRole, join: Join): void {
  const joins = store.joins[role];
  let at = joins.length;
  while (at > 0 && compareKeys((joins[at - 1] as Join).key, join.key) > 0) at--;
  joins.splice(at, 0, join);
  const probe: Positioned = {id: '', seg: store.segment, pos: join.key.pos, sub: join.key.sub};
  const entries = store.entries;
  // Entries sort by (segment, pos, sub): start at the first one after the join.
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (comparePositions(entries[mid] as Entry, probe) <= 0) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < entries.length; i++) {
    const entry = entries[i] as Entry;
    if (entry.seg !== store.segment) break;
    const slot = authorOf(entry);
    if (slot === undefined || slot.role !== role || slot.ownName !== undefined) continue;
    touch(store, entry);
  }
}

// ---- rendering ----------------------------------------------------------------------------------

const NONE: readonly never[] = Object.freeze([]);

type MutableMessage = {-readonly [K in keyof PolyChatMessage]: PolyChatMessage[K]};

// `sequence` is the position's: sequenced messages therefore always appear in sequence order.
function isSequenced(entry: EntryBase): boolean {
  return entry.sub === 0 && Number.isFinite(entry.pos);
}

function baseMessage(entry: EntryBase, role: PolyChatMessage['role'], text: string, complete: boolean): MutableMessage {
  const msg: MutableMessage = {id: entry.id, role, text, complete, attachments: NONE, suggestions: NONE};
  if (isSequenced(entry)) msg.sequence = entry.pos;
  if (entry.timestamp !== undefined) msg.timestamp = entry.timestamp;
  return msg;
}

// The usual messages (sequenced, timestamped, every optional field of their kind present) are
// built as one literal: all fields inside the object, instead of a second, growing property store
// for those added one by one. Messages are kept for the whole session, so this halves the objects
// the collector copies per message. Same keys, same order as the general path.

function userMessage(entry: UserEntry): PolyChatMessage {
  const {timestamp, clientEventId} = entry;
  if (isSequenced(entry) && timestamp !== undefined && clientEventId !== undefined) {
    return {id: entry.id, role: 'user', text: entry.text, complete: true, attachments: NONE, suggestions: NONE, sequence: entry.pos, timestamp, delivery: entry.delivery, clientEventId};
  }
  const msg = baseMessage(entry, 'user', entry.text, true);
  msg.delivery = entry.delivery;
  if (clientEventId !== undefined) msg.clientEventId = clientEventId;
  return msg;
}

function replyMessage(entry: ReplyEntry, role: AgentRole, content: ReplyContent, author: string | undefined, avatarUrl: string | undefined): PolyChatMessage {
  const attachments = content.attachments.length > 0 ? (content.attachments as readonly PolyChatAttachment[]) : NONE;
  const suggestions = content.suggestions.length > 0 ? content.suggestions : NONE;
  const {text, complete, callActions} = content;
  const timestamp = entry.timestamp;
  if (isSequenced(entry) && timestamp !== undefined && callActions.length === 0 && author !== undefined && avatarUrl !== undefined) {
    return {id: entry.id, role, text, complete, attachments, suggestions, sequence: entry.pos, timestamp, author, avatarUrl};
  }
  const msg = baseMessage(entry, role, text, complete);
  msg.attachments = attachments;
  msg.suggestions = suggestions;
  if (callActions.length > 0) msg.callActions = callActions;
  if (author !== undefined) msg.author = author;
  if (avatarUrl !== undefined) msg.avatarUrl = avatarUrl;
  return msg;
}

/** Recomputes entry.msg (a new object) and entry.visible from the entry's data. */
function render(store: Store, entry: Entry): void {
  entry.dirty = false;
  switch (entry.kind) {
    case 'reply': {
      const content = replyContent(entry);
      const standIn = entry.standIn;
      if (standIn !== undefined) {
        if (!content.complete && content.text.length < standIn.text.length) {
          entry.msg = standIn;
          entry.visible = true;
          return;
        }
        entry.standIn = undefined;
      }
      const slot: AuthorSlot = entry;
      const role: AgentRole = content.live ? 'live-agent' : 'agent';
      slot.role = role;
      slot.agentId = content.agentId;
      slot.ownName = content.agentName;
      slot.ownAvatar = content.avatarUrl;
      if (content.agentName === undefined) resolveAuthor(store, entry, slot);
      entry.msg = replyMessage(entry, role, content, slot.ownName ?? slot.name, slot.ownAvatar ?? slot.avatarUrl);
      entry.visible = content.text !== '' || content.attachments.length > 0 || content.suggestions.length > 0 || content.callActions.length > 0;
      return;
    }
    case 'user':
    case 'local': {
      entry.msg = userMessage(entry);
      entry.visible = entry.text !== '';
      return;
    }
    case 'notice': {
      if (entry.author !== undefined && entry.author.ownName === undefined) resolveAuthor(store, entry, entry.author);
      let params = entry.params;
      const name = entry.author && (entry.author.ownName ?? entry.author.name);
      if (name !== undefined && params?.['name'] === undefined) params = {...params, name};
      const text = entry.text ?? noticeText(entry.noticeKey as NoticeKey, params);
      const msg = baseMessage(entry, 'system', text, true);
      msg.level = entry.level;
      msg.noticeKey = entry.noticeKey;
      if (params !== undefined) msg.noticeParams = params;
      entry.msg = msg;
      entry.visible = true;
      return;
    }
    case 'system':
      entry.visible = entry.msg.text !== '';
      return;
    case 'fixed':
      entry.visible = true;
      return;
  }
}

/**
 * The visible messages in display order (a new array; the caller caches it per state). Incremental:
 * entries before the first structural change (insert, remove, move, or a message appearing or
 * disappearing) keep their slots in the previous array, so a streamed chunk or an appended
 * message costs a copy of the array plus the changed entries, not a render pass over the
 * whole history.
 */
export function collectMessages(store: Store): readonly PolyChatMessage[] {
  const entries = store.entries;
  const previous = store.collected;
  let from = previous === null ? 0 : Math.min(store.changedFrom, entries.length);
  const dirty = store.dirtyList;
  for (const entry of dirty) {
    if (!entry.dirty) continue;
    render(store, entry);
    // Appearing or disappearing shifts the messages after it: rebuild from there.
    if (previous !== null && entry.visible !== entry.msgIndex >= 0) {
      const index = entryIndex(store, entry);
      if (index >= 0 && index < from) from = index;
    }
  }
  let out: PolyChatMessage[];
  if (previous === null || from === 0) out = [];
  else {
    let kept = 0;
    for (let i = from - 1; i >= 0; i--) {
      const shown = (entries[i] as Entry).msgIndex;
      if (shown >= 0) {
        kept = shown + 1;
        break;
      }
    }
    out = previous.slice(0, kept);
    // Touched in place before `from`: same slot, new message object.
    for (const entry of dirty) if (entry.msgIndex >= 0 && entry.msgIndex < kept) out[entry.msgIndex] = entry.msg;
  }
  for (let i = from; i < entries.length; i++) {
    const entry = entries[i] as Entry;
    if (entry.dirty) render(store, entry);
    if (entry.visible) {
      entry.msgIndex = out.length;
      out.push(entry.msg);
    } else entry.msgIndex = -1;
  }
  store.collected = out;
  store.dirtyList = [];
  store.changedFrom = Infinity;
  return out;
}
