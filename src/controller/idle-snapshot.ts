import {DEFAULT_MAX_MESSAGE_SIZE_BYTES} from '../protocol/wire-defaults.js';
import type {ChatSnapshot} from '../model/snapshot.js';

/** The picture before any runtime exists: status `idle`, empty transcript. */
export const IDLE_SNAPSHOT: ChatSnapshot = Object.freeze({
  status: 'idle',
  sessionId: null,
  messages: Object.freeze([]),
  agent: null,
  liveAgent: null,
  handoff: Object.freeze({phase: 'none'}),
  typing: null,
  error: null,
  retry: null,
  endReason: null,
  reconnectable: false,
  language: null,
  offline: false,
  // The protocol's documented default until SESSION_START says otherwise.
  maxMessageSizeBytes: DEFAULT_MAX_MESSAGE_SIZE_BYTES,
  replaying: false,
});
