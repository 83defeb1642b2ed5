// The transcript's public shapes (contract.md §2), produced by the transcript reducer and rendered
// by the view. Fields beyond the contract are optional extras the UI uses.
import type {CallAction} from './wire.js';

export type PolyChatRole = 'user' | 'agent' | 'live-agent' | 'system';
export type PolyChatDelivery = 'sending' | 'sent' | 'failed';

export interface PolyChatAttachment {
  readonly title?: string;
  readonly contentUrl?: string;
  readonly previewImageUrl?: string;
  readonly contentType: 'url' | 'image' | 'unknown';
  readonly callToActionText?: string;
}

export interface PolyChatMessage {
  /** Stable for the life of the message. */
  readonly id: string;
  readonly role: PolyChatRole;
  /** For streamed replies: the text so far, in chunk order. */
  readonly text: string;
  /** false while a streamed reply is still arriving. */
  readonly complete: boolean;
  /** User messages only. */
  readonly delivery?: PolyChatDelivery;
  /** Agent or live-agent display name. */
  readonly author?: string;
  readonly attachments: readonly PolyChatAttachment[];
  /** response_suggestions[].message_text */
  readonly suggestions: readonly string[];
  readonly sequence?: number;
  /** ISO 8601: the server's time for the message, or when it arrived if the server gave none. */
  readonly timestamp?: string;
  // ---- extras (not in the v1 contract table, additive) ----
  readonly avatarUrl?: string;
  /** "Call us" buttons ([S] chat_call_actions). */
  readonly callActions?: readonly CallAction[];
  /** User messages: the correlation key sent in metadata.custom.client_event_id. */
  readonly clientEventId?: string;
  /** System messages: severity of the notice. */
  readonly level?: 'info' | 'warning' | 'error';
  /**
   * System messages the client itself writes (session expired, agent left, …): a key into the UI
   * string table so the notice follows the UI language; `text` holds the English fallback.
   */
  readonly noticeKey?: string;
  /** Parameters for noticeKey's string (e.g. the live agent's name). */
  readonly noticeParams?: Readonly<Record<string, string>>;
}
