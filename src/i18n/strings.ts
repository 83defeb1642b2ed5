// The UI string table: every word the element shows or announces. Locales implement it in full;
// hosts override any entry through the element's `.strings` property. `{name}` placeholders are
// filled by `formatString`; strings with a count have a form per plural category (format-count.ts).

/** The plural categories of Intl.PluralRules (Arabic uses all six; English `one` and `other`). */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/**
 * A string with a count: one form per plural category of its language (Intl.PluralRules), `other`
 * required, used for any category left out. A plain string is used for every count.
 */
export type CountString = string | ({readonly other: string} & {readonly [category in Exclude<PluralCategory, 'other'>]?: string});

/** Every UI string of `<poly-chat>`. Placeholders in braces are interpolated. */
export interface PolyChatStrings {
  // ---- chrome ----
  /** Accessible name of the chat panel / region. */
  readonly chatLabel: string;
  /** Default header title when the agent's name is unknown. */
  readonly headerTitle: string;
  readonly launcherOpen: string;
  readonly launcherClose: string;
  /** Launcher badge, read by screen readers. `{count}`, plural forms. */
  readonly unreadCount: CountString;
  readonly minimize: string;
  readonly leaveChat: string;
  readonly leaveConfirmQuestion: string;
  readonly leaveConfirm: string;
  readonly leaveCancel: string;

  // ---- header subtitle / status region ----
  readonly statusIdle: string;
  readonly statusConnecting: string;
  readonly statusLive: string;
  readonly statusHandoff: string;
  readonly statusReconnecting: string;
  readonly statusEnded: string;
  readonly statusOffline: string;

  // ---- transcript ----
  readonly transcriptLabel: string;
  readonly emptyTitle: string;
  readonly emptyBody: string;
  /**
   * Button above a long transcript that shows older messages (only the newest are rendered).
   * `{count}`: how many more it shows; plural forms.
   */
  readonly showEarlier: CountString;
  /** Button under a very long message shown in part; expands it. */
  readonly showMore: string;
  /** The same button once expanded; collapses it again. */
  readonly showLess: string;
  /** The copy button of a code block in a message. */
  readonly copyCode: string;
  /** Said (politely) and shown next to the copy button once the code is on the clipboard. */
  readonly codeCopied: string;
  /** The same when the clipboard is missing or refused: the code is selected for the reader instead. */
  readonly codeCopyFailed: string;
  /** Accessible name of a code block's scroller (it takes keyboard focus so it can be scrolled). */
  readonly codeBlockLabel: string;
  /** Accessible name of a wide table's scroller (it takes keyboard focus so it can be scrolled). */
  readonly tableLabel: string;
  readonly you: string;
  readonly agentFallbackName: string;
  readonly liveAgentFallbackName: string;
  /** Visually hidden prefix of a message. `{name}` */
  readonly messageFrom: string;
  readonly systemNotice: string;
  readonly deliverySending: string;
  readonly deliverySent: string;
  readonly deliveryFailed: string;
  readonly retrySend: string;
  readonly suggestionsLabel: string;
  readonly callActionsLabel: string;
  /** `{name}` */
  readonly typingNamed: string;
  readonly typingGeneric: string;
  readonly openLink: string;
  readonly opensInNewTab: string;
  readonly imageAlt: string;
  /** Live-region announcement of a new message. `{name}`, `{text}` */
  readonly announceMessage: string;

  // ---- connection banner ----
  readonly bannerConnecting: string;
  readonly bannerReconnecting: string;
  /** `{time}` (locale-formatted HH:MM:SS) */
  readonly bannerRetryAt: string;
  /** `{attempt}` */
  readonly bannerAttempt: string;
  readonly bannerRetryNow: string;
  readonly bannerOffline: string;
  readonly bannerError: string;

  // ---- handoff banner ----
  readonly handoffRequested: string;
  readonly handoffQueued: string;
  /** `{queue}` */
  readonly handoffQueuedNamed: string;
  /** `{position}` in the queue: ordinal forms (Intl.PluralRules type `ordinal`: 1st, 2nd, 3rd, 4th). */
  readonly handoffPosition: CountString;
  /** `{minutes}`, plural forms. */
  readonly handoffWaitMinutes: CountString;
  readonly handoffWaitUnderMinute: string;
  /** `{name}` */
  readonly handoffConnected: string;
  readonly handoffConnectedGeneric: string;
  /** `{name}` */
  readonly handoffAgentLeft: string;
  readonly handoffAgentLeftGeneric: string;
  readonly handoffClientRequired: string;
  readonly handoffClientRouteLink: string;
  /** `{queue}` */
  readonly handoffClientQueue: string;
  readonly handoffClientGeneric: string;
  readonly handoffFailed: string;
  readonly handoffTimeout: string;
  readonly dismiss: string;

  // ---- end panel ----
  readonly endUser: string;
  readonly endNatural: string;
  readonly endAbandoned: string;
  readonly endExpired: string;
  readonly endFailed: string;
  /** Gave up reconnecting to a conversation that is kept (Try again resumes it). */
  readonly endReconnectFailed: string;
  /** Try again: reconnect to the same conversation. */
  readonly reconnect: string;
  readonly endGeneric: string;
  readonly restart: string;

  // ---- composer ----
  readonly inputLabel: string;
  readonly inputPlaceholder: string;
  readonly inputPlaceholderEnded: string;
  readonly send: string;
  readonly tooLong: string;

  // ---- transcript download and feedback ----
  /** Header button that downloads the conversation. */
  readonly exportTranscript: string;
  /** Title of a downloaded transcript. */
  readonly exportTitle: string;
  /** Group label of the thumbs under an agent's message. */
  readonly feedbackLabel: string;
  readonly feedbackUp: string;
  readonly feedbackDown: string;
  /** Group label of the end-of-chat rating. */
  readonly feedbackEndLabel: string;
  readonly feedbackThanks: string;

  // ---- notices the runtime writes into the transcript (PolyChatMessage.noticeKey) ----
  readonly noticeHandoffRequested: string;
  /** `{name}` */
  readonly noticeAgentJoined: string;
  readonly noticeAgentJoinedGeneric: string;
  /** `{name}` */
  readonly noticeAgentLeft: string;
  readonly noticeAgentLeftGeneric: string;
  readonly noticeClientHandoff: string;
  readonly noticeHandoffFailed: string;
  readonly noticeHandoffTimeout: string;
  readonly noticeNewConversation: string;
  /** A new session had to replace one that expired or was lost. */
  readonly noticeNewConversationRecovered: string;
}

export type PolyChatStringKey = keyof PolyChatStrings;

/** The keys whose value is always a plain string (no plural forms). */
export type PolyChatTextKey = {[K in PolyChatStringKey]: PolyChatStrings[K] extends string ? K : never}[PolyChatStringKey];

export type TextDirection = 'ltr' | 'rtl';

/** A built-in locale: its strings and its writing direction. */
export interface PolyChatLocale {
  readonly dir: TextDirection;
  readonly strings: PolyChatStrings;
}
