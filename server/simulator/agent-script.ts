// The scripted agents as a pure planner: (phase, client event) → the events to emit, in order, and
// the next phase. The session paces the outputs; planning happens when the client event arrives,
// so a burst of messages is answered in order and phase changes are never raced.
import {
  CALL_REPLY,
  CLIENT_HANDOFF_QUEUE,
  CLIENT_HANDOFF_ROUTE,
  GOODBYE_TEXT,
  GREETING,
  HANDOFF_TEXT,
  HUGE_TEXT,
  HANDOFF_TRY_TEXT,
  IMAGE_REPLY,
  LANGUAGES,
  LINK_REPLY,
  LIVE_AGENT,
  LIVE_GREETING,
  LONG_TEXT,
  MARKDOWN_TEXT,
  POLY_AGENT,
  QUEUE_NAME,
  STREAM_BROKEN_TEXT,
  SUGGEST_REPLY,
  TRANSFER_TEXT,
  XSS_TEXT,
  defaultReply,
  helpText,
  liveReply,
} from './agent-content.js';
import type {Attachment, Suggestion} from './agent-content.js';
import {splitIntoChunks} from './chunking.js';
import type {Metadata} from './client-frame.js';
import {SESSION_END_REASONS, SYSTEM_ERRORS} from './event-types.js';
import {matchKeyword} from './keywords.js';
import type {Keyword} from './keywords.js';

/**
 * awaiting-join: no conversation yet (new session, or lost by an `error start|conversation` keyword);
 * poly: the PolyAI agent answers; live: Priya answers; poly-left: after a client-managed handoff;
 * ended: SESSION_END was planned, nothing more is said.
 */
export type AgentPhase = 'awaiting-join' | 'poly' | 'live' | 'poly-left' | 'ended';

export interface AgentOutput {
  readonly type: string;
  readonly payload: Record<string, unknown>;
  readonly metadata?: Metadata;
}

export interface ScriptContext {
  readonly streaming: boolean;
  /** A fresh message id (UUIDv7-shaped). */
  newId(): string;
  /** chunkIndexBase variant: the first chunk's index (default 1, §7). */
  readonly chunkIndexBase?: 0 | 1;
  /** chunkIndexGap variant: the indexes skip one number after the first chunk. */
  readonly chunkIndexGap?: boolean;
  /** repeatChunkNewId variant: the first chunk is emitted again after the second (a new event, same message_id and chunk_index). */
  readonly repeatChunkNewId?: boolean;
}

export interface Plan {
  readonly phase: AgentPhase;
  readonly outputs: AgentOutput[];
}

interface Reply {
  text: string;
  attachments?: Attachment[];
  suggestions?: Suggestion[];
  /** [S] fields (chat_call_actions, end_conversation): on the message, or on the final chunk. */
  extras?: Record<string, unknown>;
}

const out = (type: string, payload: Record<string, unknown> = {}, metadata?: Metadata): AgentOutput =>
  metadata ? {type, payload, metadata} : {type, payload};

const THINKING = (): AgentOutput => out('EVENT_TYPE_POLY_AGENT_THINKING');

export function systemError(message: string, metadata?: Metadata): AgentOutput {
  return out('EVENT_TYPE_SYSTEM_MESSAGE', {level: 'SYSTEM_MESSAGE_LEVEL_ERROR', message}, metadata);
}

const sessionEnd = (reason: string): AgentOutput => out('EVENT_TYPE_SESSION_END', {reason});

/** The chunk_index of the i-th chunk (0-based i) under the context's chunk variants. */
function chunkIndex(ctx: ScriptContext, i: number): number {
  const base = ctx.chunkIndexBase ?? 1;
  return base + i + (ctx.chunkIndexGap && i > 0 ? 1 : 0);
}

/** One POLY_AGENT_MESSAGE, or (streaming) chunks 1..n with text and a final empty chunk carrying the rest (§7). */
export function agentReply(ctx: ScriptContext, reply: Reply): AgentOutput[] {
  const message_id = ctx.newId();
  const attachments = reply.attachments ?? [];
  const response_suggestions = reply.suggestions ?? [];
  if (!ctx.streaming) {
    return [out('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id, text: reply.text, attachments, response_suggestions, ...reply.extras})];
  }
  const texts = splitIntoChunks(reply.text);
  const chunks = texts.map((text, i) =>
    out('EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK', {
      message_id,
      text,
      attachments: [],
      response_suggestions: [],
      chunk_index: chunkIndex(ctx, i),
      is_complete: false,
    }),
  );
  const final = out('EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK', {
    message_id,
    text: '',
    attachments,
    response_suggestions,
    chunk_index: chunkIndex(ctx, texts.length),
    is_complete: true,
    ...reply.extras,
  });
  const first = chunks[0];
  // The same chunk again, after the next one: emitted (and stored) as a new event with its own id.
  if (ctx.repeatChunkNewId && first) chunks.splice(Math.min(2, chunks.length), 0, first);
  return [...chunks, final];
}

export function liveAgentMessage(ctx: ScriptContext, text: string): AgentOutput {
  return out('EVENT_TYPE_LIVE_AGENT_MESSAGE', {
    message_id: ctx.newId(),
    agent_id: LIVE_AGENT.id,
    text,
    attachments: [],
    response_suggestions: [],
  });
}

const liveTyping = (): AgentOutput =>
  out('EVENT_TYPE_LIVE_AGENT_TYPING', {state: 'TYPING_STATE_STARTED', agent_id: LIVE_AGENT.id});

function greet(ctx: ScriptContext): AgentOutput[] {
  return [
    out('EVENT_TYPE_POLY_AGENT_JOINED', {agent_name: POLY_AGENT.name, agent_avatar_url: POLY_AGENT.avatarUrl}),
    THINKING(),
    ...agentReply(ctx, {text: GREETING.text, suggestions: GREETING.suggestions}),
  ];
}

/** The join: greets when there is no conversation; a second join is only echoed (Q13, our choice). */
export function planJoin(phase: AgentPhase, ctx: ScriptContext): Plan {
  if (phase === 'awaiting-join' || phase === 'poly-left') return {phase: 'poly', outputs: greet(ctx)};
  return {phase, outputs: []};
}

function serverHandoff(ctx: ScriptContext): AgentOutput[] {
  const queue = [
    {position_in_queue: 3, estimated_wait_seconds: 90},
    {position_in_queue: 2, estimated_wait_seconds: 60},
    {position_in_queue: 1, estimated_wait_seconds: 30},
  ];
  return [
    ...agentReply(ctx, {text: HANDOFF_TEXT}),
    out('EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'),
    out('EVENT_TYPE_POLY_AGENT_LEFT'),
    out('EVENT_TYPE_HANDOFF_ACCEPTED', {queue_name: QUEUE_NAME}),
    ...queue.map((status) => out('EVENT_TYPE_HANDOFF_QUEUE_STATUS', {queue_name: QUEUE_NAME, ...status})),
    out('EVENT_TYPE_LIVE_AGENT_JOINED', {agent: {id: LIVE_AGENT.id, name: LIVE_AGENT.name, avatar_url: LIVE_AGENT.avatarUrl}}),
    liveTyping(),
    liveAgentMessage(ctx, LIVE_GREETING),
  ];
}

const ERROR_KEYWORDS: Partial<Record<Keyword, {message: string; losesConversation?: boolean}>> = {
  'error conversation id': {message: SYSTEM_ERRORS.conversationIdNotFound, losesConversation: true},
  'error conversation': {message: SYSTEM_ERRORS.conversationNotFound, losesConversation: true},
  'error load': {message: SYSTEM_ERRORS.highLoad},
  'error start': {message: SYSTEM_ERRORS.cannotStart, losesConversation: true},
  'error reply': {message: SYSTEM_ERRORS.cannotReply},
  'error session': {message: SYSTEM_ERRORS.sessionNotFound},
  'error retrieve': {message: SYSTEM_ERRORS.cannotRetrieve},
  'error connector': {message: SYSTEM_ERRORS.connectorNotFound},
  'error forward': {message: SYSTEM_ERRORS.forwardFailed},
  'error handoff': {message: SYSTEM_ERRORS.handoffConnect},
  'error initiate': {message: SYSTEM_ERRORS.handoffNotInitiated},
};

/** The PolyAI agent's answer to one user message: THINKING, then the keyword's path. */
function polyTurn(text: string, ctx: ScriptContext): Plan {
  const keyword = matchKeyword(text);
  const reply = (r: Reply): Plan => ({phase: 'poly', outputs: [THINKING(), ...agentReply(ctx, r)]});
  const error = keyword ? ERROR_KEYWORDS[keyword] : undefined;
  if (error) {
    return {phase: error.losesConversation ? 'awaiting-join' : 'poly', outputs: [THINKING(), systemError(error.message)]};
  }
  switch (keyword) {
    case 'help':
      return reply({text: helpText()});
    case 'error stream': {
      // Some chunks, then the error and never is_complete (§7 grey area); without streaming just the error.
      const partial = ctx.streaming ? agentReply(ctx, {text: STREAM_BROKEN_TEXT}).slice(0, 3) : [];
      return {phase: 'poly', outputs: [THINKING(), ...partial, systemError(SYSTEM_ERRORS.streamFailed)]};
    }
    case 'handoff fail':
      return {
        phase: 'poly',
        outputs: [
          THINKING(),
          ...agentReply(ctx, {text: HANDOFF_TRY_TEXT}),
          out('EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'),
          out('EVENT_TYPE_HANDOFF_ACCEPTED', {queue_name: QUEUE_NAME}),
          out('EVENT_TYPE_HANDOFF_FAILED', {reason: 'No live agent could take the conversation'}),
          systemError(SYSTEM_ERRORS.handoffConnect),
        ],
      };
    case 'handoff timeout':
      return {
        phase: 'poly',
        outputs: [
          THINKING(),
          ...agentReply(ctx, {text: HANDOFF_TRY_TEXT}),
          out('EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'),
          out('EVENT_TYPE_HANDOFF_ACCEPTED', {queue_name: QUEUE_NAME}),
          out('EVENT_TYPE_HANDOFF_QUEUE_STATUS', {queue_name: QUEUE_NAME, position_in_queue: 2, estimated_wait_seconds: 60}),
          out('EVENT_TYPE_HANDOFF_QUEUE_STATUS', {queue_name: QUEUE_NAME, position_in_queue: 1, estimated_wait_seconds: 30}),
          out('EVENT_TYPE_HANDOFF_TIMEOUT', {reason: 'Queue wait exceeded'}),
        ],
      };
    case 'transfer':
      return {
        phase: 'poly-left',
        outputs: [
          THINKING(),
          ...agentReply(ctx, {text: TRANSFER_TEXT}),
          out('EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'),
          out('EVENT_TYPE_CLIENT_HANDOFF_REQUIRED', {
            reason: 'COMPLEX_QUERY',
            queue_name: CLIENT_HANDOFF_QUEUE,
            route: CLIENT_HANDOFF_ROUTE,
          }),
          out('EVENT_TYPE_POLY_AGENT_LEFT'),
        ],
      };
    case 'agent':
    case 'human':
      return {phase: 'live', outputs: [THINKING(), ...serverHandoff(ctx)]};
    case 'markdown':
      return reply({text: MARKDOWN_TEXT});
    case 'xss':
      return reply({text: XSS_TEXT});
    case 'link':
      return reply({text: LINK_REPLY.text, attachments: LINK_REPLY.attachments});
    case 'image':
      return reply({text: IMAGE_REPLY.text, attachments: IMAGE_REPLY.attachments});
    case 'suggest':
      return reply({text: SUGGEST_REPLY.text, suggestions: SUGGEST_REPLY.suggestions});
    case 'call':
      return reply({text: CALL_REPLY.text, extras: {chat_call_actions: CALL_REPLY.callActions}});
    case 'long':
      return reply({text: LONG_TEXT});
    case 'huge':
      return reply({text: HUGE_TEXT});
    case 'français':
    case 'french':
    case 'deutsch':
    case 'español':
    case 'arabic':
    case 'english': {
      const language = LANGUAGES[keyword];
      return {
        phase: 'poly',
        outputs: [
          THINKING(),
          out('EVENT_TYPE_LANGUAGE_CHANGED', {language_code: language.code}),
          ...agentReply(ctx, {text: language.text}),
        ],
      };
    }
    case 'goodbye':
      return {
        phase: 'ended',
        outputs: [
          THINKING(),
          ...agentReply(ctx, {text: GOODBYE_TEXT, extras: {end_conversation: true}}),
          sessionEnd(SESSION_END_REASONS.natural),
        ],
      };
    default:
      return reply({text: defaultReply(text)});
  }
}

/** Priya's answer: typing + a message (never chunked); "bye" ends the live chat and the session. */
function liveTurn(text: string, ctx: ScriptContext): Plan {
  const lower = text.toLowerCase();
  if (lower.includes('bye')) {
    return {
      phase: 'ended',
      outputs: [out('EVENT_TYPE_LIVE_AGENT_LEFT', {agent_id: LIVE_AGENT.id}), sessionEnd(SESSION_END_REASONS.natural)],
    };
  }
  if (lower.includes('error forward')) return {phase: 'live', outputs: [systemError(SYSTEM_ERRORS.forwardFailed)]};
  return {phase: 'live', outputs: [liveTyping(), liveAgentMessage(ctx, liveReply(text))]};
}

export function planUserMessage(phase: AgentPhase, text: string, metadata: Metadata | undefined, ctx: ScriptContext): Plan {
  switch (phase) {
    case 'awaiting-join':
    case 'poly-left':
      // No conversation: the documented recovery is a join (§8.3).
      return {phase, outputs: [systemError(SYSTEM_ERRORS.conversationNotFound, metadata)]};
    case 'poly':
      return polyTurn(text, ctx);
    case 'live':
      return liveTurn(text, ctx);
    case 'ended':
      return {phase, outputs: []};
  }
}

/** The `say` control command. */
export function planSay(role: 'agent' | 'live-agent', text: string, ctx: ScriptContext): AgentOutput[] {
  return role === 'agent' ? agentReply(ctx, {text}) : [liveAgentMessage(ctx, text)];
}

export function planServerEnd(reason: string): AgentOutput[] {
  return [sessionEnd(reason)];
}
