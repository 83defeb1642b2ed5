// `<poly-chat>`: UI = f(snapshot). The element owns only view state (draft, open panel, confirmations)
// and its input handlers; everything about the conversation comes from the runtime's snapshot through
// the SessionController, and its other jobs are controllers (session chunk, live regions, unread
// count, transcript scrolling). Not defined here: src/poly-chat.ts is the one define module.
import {ContextProvider} from '@lit/context';
import {LitElement, adoptStyles, html, nothing} from 'lit';
import type {PropertyDeclarations, PropertyValues, TemplateResult} from 'lit';
import {IDLE_SNAPSHOT} from '../controller/idle-snapshot.js';
import {createDefaultRuntime} from '../controller/runtime-factory.js';
import {SessionController} from '../controller/session-controller.js';
import type {TranscriptScrollController} from '../controller/transcript-scroll-controller.js';
import type {PolyChatTimestamps} from '../view/timestamps.js';
import type {DayController} from './day-controller.js';
import {PolyChatErrorEvent} from '../events/error-event.js';
import {PolyChatFeedbackEvent} from '../events/feedback-event.js';
import type {PolyChatFeedbackValue} from '../model/feedback.js';
import {PolyChatOpenChangeEvent} from '../events/open-change-event.js';
import {builtInDirection, loadLocale} from '../i18n/locale-registry.js';
import {localeCandidates, missingLocale, resolveStrings} from '../i18n/resolve-strings.js';
import type {ResolvedStrings} from '../i18n/resolve-strings.js';
import type {PolyChatStrings} from '../i18n/strings.js';
import {conversationSource} from '../runtime/conversation-source.js';
import type {PolyChatMessage} from '../protocol/message.js';
import type {PolyChatMessageRenderer} from '../view/messages.js';
import type {CredentialsProvider, SessionRuntimeApi, SessionRuntimeOptions} from '../model/session-api.js';
import type {ChatSnapshot, HandoffInfo, PolyChatStatus} from '../model/snapshot.js';
import type {TranscriptExportInput} from '../export/transcript-entries.js';
import type * as TranscriptExport from '../export/transcript-export.js';
import type {TranscriptFormat} from '../export/transcript-export.js';
import {renderLauncher} from '../view/launcher.js';
import {suggestionTarget} from '../view/suggestion-target.js';
import {FIRST_PAINT_MESSAGES, TRANSCRIPT_WINDOW} from '../view/transcript-window.js';
import {afterNextPaint, nextFrame} from '../runtime/after-paint.js';
import {exceedsMessageLimit} from '../protocol/message-size.js';
import {mergePageMetadata, toPageMetadata} from '../protocol/page-metadata.js';
import type {CustomMetadata} from '../protocol/wire.js';
import {CustomStates} from './custom-states.js';
import type {LazyPart} from './lazy-part.js';
import {MessageTracker} from './message-tracker.js';
import {UnreadController} from './unread-controller.js';
import {LauncherMemoryController} from './launcher-memory-controller.js';
import {LiveRegionsController} from './live-regions-controller.js';
import type * as AttentionChunk from './attention-chunk.js';
import type {Notifier} from './notifier.js';
import type {Teaser} from './teaser.js';
import {modernStyles, styles} from './poly-chat.styles.js';
import {rendersAtOnce} from './render-timing.js';
import {polyChatSessionContext} from './session-context.js';
import {SessionChunkController} from './session-chunk-controller.js';
import type {PolyChatSession} from './session-context.js';

export type PolyChatMode = 'inline' | 'launcher';
export type PolyChatTheme = 'light' | 'dark' | 'auto';
export type {TranscriptFormat};

/** `feedback="messages end"`: which ratings to offer (unknown words are ignored). */
function feedbackWanted(feedback: string | undefined, where: 'messages' | 'end'): boolean {
  return (feedback ?? '').toLowerCase().split(/\s+/).includes(where);
}

export type {PolyChatTimestamps};

/** Options of `send()`. */
export interface PolyChatSendOptions {
  /** Page context for this message only, laid over the element's `metadata` (its keys win). Strings only. */
  readonly metadata?: Readonly<Record<string, string>>;
}

const STATUSES: readonly PolyChatStatus[] = ['idle', 'connecting', 'live', 'handoff', 'reconnecting', 'ended'];

/** An empty language is no language: it is never written out as `lang=""`. */
const LANG_CONVERTER = {
  fromAttribute: (value: string | null): string => value ?? '',
  toAttribute: (value: string): string | null => value || null,
};

/** A click from Enter/Space on a focused button (not a pointer): `detail` counts pointer clicks. */
function activatedByKeyboard(event: Event): boolean {
  return event instanceof MouseEvent && event.detail === 0;
}

/**
 * A PolyAI customer-service chat.
 *
 * @summary Chat with a PolyAI agent (and, after a handoff, a person), inline or as a floating launcher.
 *
 * @fires {PolyChatStatusChangeEvent} poly-chat-status-change - every status change (`status`, `previous`).
 * @fires {PolyChatMessageEvent} poly-chat-message - a message was added, or a streamed one completed (`message`).
 * @fires {PolyChatErrorEvent} poly-chat-error - credentials, connection, protocol or send failures (`code`, `message`).
 * @fires {PolyChatEndEvent} poly-chat-end - the session ended (`reason`: `REASON_*`, `'expired'` or `'failed'`).
 * @fires {PolyChatFeedbackEvent} poly-chat-feedback - the user rated an agent's message or, in the end panel, the conversation (`messageId`: the message, null for the conversation; `value`: `'up'` or `'down'`; `sessionId`). For the host to record: nothing is sent to PolyAI.
 * @fires {PolyChatOpenChangeEvent} poly-chat-open-change - the launcher panel opened or closed (`open`), by the visitor, the host or the state restored from the previous page.
 *
 * @slot header - replaces the default header content (avatar, title, status line); the header actions stay.
 * @slot empty - the empty state shown before the first message.
 *
 * @csspart launcher - the floating launcher button (launcher mode).
 * @csspart launcher-badge - the unread count on the launcher.
 * @csspart teaser - the `teaser` bubble beside the closed launcher (its text is a button that opens the chat).
 * @csspart teaser-close-button - the teaser's close button.
 * @csspart panel - the chat panel (the whole chat in inline mode).
 * @csspart header - the panel header.
 * @csspart leave-button - the header's "leave chat" button.
 * @csspart export-button - the header's "download conversation" button (`transcript-export`).
 * @csspart minimize-button - the header's minimise button (launcher mode).
 * @csspart leave-confirm - the inline "end this conversation?" confirmation.
 * @csspart leave-confirm-button - confirms leaving.
 * @csspart leave-cancel-button - cancels leaving.
 * @csspart status-banner - the connection banner (connecting, reconnecting, offline, error).
 * @csspart retry-now-button - "Retry now" in the connection banner.
 * @csspart handoff-banner - the handoff-to-a-person banner.
 * @csspart handoff-link - the client-managed handoff's link.
 * @csspart dismiss-button - dismisses the handoff banner.
 * @csspart transcript - the scrolling conversation log.
 * @csspart empty-state - the wrapper of the `empty` slot.
 * @csspart show-earlier - "Show earlier messages" above a long transcript (only the newest messages are rendered).
 * @csspart message - every message; combined with one of the role parts below.
 * @csspart message-user - a message from the user.
 * @csspart message-agent - a message from the PolyAI agent.
 * @csspart message-live-agent - a message from a human agent.
 * @csspart message-system - a system notice.
 * @csspart avatar - an author's avatar.
 * @csspart byline - an author's name above their message.
 * @csspart bubble - the text bubble of a message.
 * @csspart show-more-button - "Show more" / "Show less" under a very long message (only its beginning is shown until expanded).
 * @csspart link - a link in an agent's message text (markdown).
 * @csspart timestamp - the time under a message (a `<time datetime>`; see `timestamps`).
 * @csspart date-separator - the day's name above its first message ("Yesterday", "Monday 3 December").
 * @csspart code-block - a fenced code block in an agent's message (its language, copy button and code).
 * @csspart copy-button - a code block's "Copy code" button.
 * @csspart table - a table in an agent's message (it scrolls sideways inside the bubble when wider).
 * @csspart delivery - the delivery state of a user message.
 * @csspart retry-button - resends a message that was not delivered.
 * @csspart attachment - an attachment (card or image); combined with `attachment-card` / `attachment-image`.
 * @csspart attachment-card - a link card attachment (title, preview, call to action).
 * @csspart attachment-image - an image attachment.
 * @csspart attachment-link - an attachment card's call to action.
 * @csspart suggestion - a suggested reply button.
 * @csspart call-action - a "call us" link.
 * @csspart typing-indicator - the typing indicator.
 * @csspart feedback - a rating group (`feedback`): under an agent's message, or in the end panel.
 * @csspart feedback-button - a thumb of a rating group; combined with `feedback-up` / `feedback-down`.
 * @csspart feedback-up - the "helpful" thumb.
 * @csspart feedback-down - the "not helpful" thumb.
 * @csspart feedback-thanks - "Thanks for your feedback" under the end panel's rating.
 * @csspart end-panel - the notice shown once the conversation ended.
 * @csspart restart-button - "Start a new conversation".
 * @csspart reconnect-button - "Try again": reconnects to the same conversation after the chat gave up.
 * @csspart composer - the message form.
 * @csspart input - the message textarea.
 * @csspart send-button - the send button.
 * @csspart composer-error - the "message too long" notice.
 *
 * @cssstate idle - no session yet (nothing configured, or a launcher not opened yet).
 * @cssstate connecting - fetching credentials / opening the connection.
 * @cssstate live - chatting with the PolyAI agent.
 * @cssstate handoff - a person is being connected, or is connected.
 * @cssstate reconnecting - the connection dropped; retrying.
 * @cssstate ended - the session is over.
 * @cssstate open - the launcher panel is open.
 * @cssstate unread - messages arrived while the launcher panel was closed.
 * @cssstate offline - the browser is offline.
 * @cssstate rtl - the UI is right-to-left.
 *
 * Colour defaults below are the light palette; a dark one applies under prefers-color-scheme: dark
 * (unless `theme="light"`) or with `theme="dark"`.
 *
 * @cssprop [--poly-chat-accent-color=#4f46e5] - brand colour: launcher, user bubbles, buttons, focus ring.
 * @cssprop [--poly-chat-accent-text-color=#ffffff] - text on the accent colour.
 * @cssprop [--poly-chat-background=#ffffff] - panel background.
 * @cssprop [--poly-chat-surface-color=#f8fafc] - raised surfaces: message field, end panel, confirmation, card buttons.
 * @cssprop [--poly-chat-text-color=#0f172a] - main text colour.
 * @cssprop [--poly-chat-muted-text-color=#5b6b80] - secondary text (bylines, status, delivery).
 * @cssprop [--poly-chat-border-color=#e2e8f0] - hairlines and input borders.
 * @cssprop [--poly-chat-user-bubble-background=var(--poly-chat-accent-color)] - user bubble background.
 * @cssprop [--poly-chat-user-bubble-color=var(--poly-chat-accent-text-color)] - user bubble text.
 * @cssprop [--poly-chat-agent-bubble-background=#f1f5f9] - PolyAI agent bubble background.
 * @cssprop [--poly-chat-agent-bubble-color=#0f172a] - PolyAI agent bubble text.
 * @cssprop [--poly-chat-live-agent-bubble-background=#ecfdf5] - human agent bubble background.
 * @cssprop [--poly-chat-live-agent-bubble-color=#064e3b] - human agent bubble text.
 * @cssprop [--poly-chat-system-color=#5b6b80] - system notice text.
 * @cssprop [--poly-chat-error-color=#c81e1e] - errors (failed delivery, too long, error banner).
 * @cssprop [--poly-chat-warning-background=#fffbeb] - connection banner background.
 * @cssprop [--poly-chat-focus-ring-color=var(--poly-chat-accent-color)] - keyboard focus outline.
 * @cssprop [--poly-chat-font-family=system-ui, sans-serif] - font stack.
 * @cssprop [--poly-chat-font-size=0.9375em] - base font size (em of the reader's default size: 15px unless they changed it; a page's root font size does not change it).
 * @cssprop [--poly-chat-line-height=1.45] - base line height.
 * @cssprop [--poly-chat-radius=16px] - panel corner radius.
 * @cssprop [--poly-chat-bubble-radius=18px] - message bubble corner radius.
 * @cssprop [--poly-chat-spacing=12px] - base spacing unit.
 * @cssprop [--poly-chat-avatar-size=28px] - author avatar size.
 * @cssprop [--poly-chat-launcher-size=56px] - launcher button diameter.
 * @cssprop [--poly-chat-launcher-offset=20px] - launcher distance from the viewport's bottom/end edges.
 * @cssprop [--poly-chat-panel-width=380px] - launcher panel width.
 * @cssprop [--poly-chat-panel-height=600px] - launcher panel height.
 * @cssprop [--poly-chat-inline-min-height=25.6em] - inline mode minimum height (384px at the default font size).
 * @cssprop [--poly-chat-z-index=2147483000] - stacking of the launcher and its panel.
 * @cssprop [--poly-chat-shadow=0 12px 40px rgb(15 23 42 / 0.18)] - launcher panel shadow.
 * @cssprop [--poly-chat-transition-duration=180ms] - animations (0 under prefers-reduced-motion).
 */
export class PolyChat extends LitElement {
  static override styles = [styles, modernStyles];

  // Reactive properties as a static declaration rather than decorators: the same behaviour without
  // the decorator helpers in the bundle.
  static override properties: PropertyDeclarations = {
    endpoint: {},
    streaming: {type: Boolean},
    mode: {reflect: true},
    // Own accessor: it tells the host's `open` (attribute or property) from the element's own changes.
    open: {type: Boolean, reflect: true, noAccessor: true},
    lang: {reflect: true, converter: LANG_CONVERTER},
    theme: {reflect: true},
    timestamps: {reflect: true},
    credentials: {attribute: false},
    strings: {attribute: false},
    transcriptExport: {type: Boolean, attribute: 'transcript-export'},
    feedback: {},
    notify: {},
    teaser: {},
    teaserDelay: {type: Number, attribute: 'teaser-delay'},
    _feedback: {state: true, attribute: false},
    renderMessage: {attribute: false},
    _draft: {state: true, attribute: false},
    _confirmingLeave: {state: true, attribute: false},
    _restarting: {state: true, attribute: false},
    _dismissedSuggestionsFor: {state: true, attribute: false},
    _dismissedHandoff: {state: true, attribute: false},
    _transcriptLimit: {state: true, attribute: false},
    _expanded: {state: true, attribute: false},
  };

  /**
   * URL of the host's credentials endpoint (see "Host backend recipes"): same-origin, or https. A
   * relative URL resolves against the page's address (a `<base href>` is not applied). Changing it
   * starts a new runtime.
   */
  declare endpoint?: string;

  /** Ask for streamed agent replies (applies to runtimes created after the change). */
  streaming = false;

  /** `inline` (default) fills its container; `launcher` is a floating button that opens a panel. */
  mode: PolyChatMode = 'inline';

  /**
   * Launcher panel open (launcher mode). Reflected. Within a visit (sessionStorage, this tab), the
   * next page's launcher of the same endpoint comes back open or minimised as the visitor left it,
   * with its unread count, unless the host sets `open` itself, which wins. Only those two facts and
   * the conversation's id are stored; a new conversation does not inherit them.
   * @default false
   */
  get open(): boolean {
    return this.#open;
  }
  set open(value: boolean) {
    this.#openSetByHost = true;
    this.#setOpen(value);
  }

  #open = false;
  #openSetByHost = false;
  /** The open state `poly-chat-open-change` last told (an element starts closed). */
  #announcedOpen = false;

  /** The element's own changes (the visitor, restored state): they do not count as the host's. */
  #setOpen(value: boolean): void {
    const old = this.#open;
    this.#open = value;
    this.requestUpdate('open', old);
  }

  /**
   * UI language (BCP 47), with fallback fr-CA → fr → en; without it the page's language is used.
   * The agent's EVENT_TYPE_LANGUAGE_CHANGED updates it (and so the attribute). Reflected.
   */
  override lang = '';

  /** Colour scheme: `auto` (default) follows prefers-color-scheme. Reflected. */
  theme: PolyChatTheme = 'auto';

  /**
   * When messages show their time (a `<time datetime>` clock time in the UI language, e.g. "10:42",
   * from the server's timestamp or, without one, the time it arrived): `auto` (default) under the
   * last message of each run by one author, `always` under every message (notices too), `never`
   * not at all. Except with `never`, a separator names each new day ("Yesterday", "Monday 3
   * December"); a conversation of today alone has none. Reflected.
   */
  timestamps: PolyChatTimestamps = 'auto';

  /** Optional credentials callback; used instead of `endpoint` when set. */
  declare credentials?: CredentialsProvider;

  /**
   * Host overrides of any UI string (all languages). Strings with a count (`unreadCount`,
   * `showEarlier`, `handoffPosition`, `handoffWaitMinutes`) take plural forms,
   * `{one: '…', other: '…'}` (Intl.PluralRules categories, `other` required), or one string.
   */
  declare strings?: Partial<PolyChatStrings>;

  /**
   * Show a "download conversation" button in the panel header (part `export-button`) once there is
   * something to download; it saves `exportTranscript({format: 'html'})` as
   * `chat-transcript-<YYYY-MM-DD>.html`. `exportTranscript()` works without it.
   */
  transcriptExport = false;

  /**
   * Ratings to offer, space-separated: `messages` (thumbs up/down under each complete agent or
   * human-agent message) and/or `end` (the conversation, in the end panel). Each choice fires
   * `poly-chat-feedback` and stays shown for the life of the element; nothing is sent to PolyAI.
   */
  declare feedback?: string;

  /**
   * Getting the visitor's attention, space-separated (off by default): `title` puts the unread count
   * in front of the page's title, "(2) Your page", while the tab is hidden (a closed launcher's badge
   * count, or for a chat in view what came while the tab was hidden); the page's own title comes back
   * when the tab is shown, the chat is read, the word is removed or the element leaves the page, and
   * a title the page sets meanwhile is kept. `sound` plays a short, quiet tone (synthesised, no file)
   * for a new message from the agent or a person while the chat is out of sight (tab hidden or
   * launcher closed), once per burst of messages (3 s). It respects the browsers' autoplay rules:
   * nothing sounds until the visitor has clicked, tapped or typed on the page since `notify` was set
   * (that gesture creates the audio context), so a page never makes sound uninvited. Its code is
   * loaded only when `notify` is set.
   */
  declare notify?: string;

  /**
   * A short text shown in a bubble beside the closed launcher after `teaser-delay` (launcher mode),
   * e.g. "Questions about your order? Ask us.". Clicking it opens the chat; its close button and
   * Escape dismiss it. It is said politely to screen readers, slides in unless the reader prefers
   * reduced motion, and is shown once per visit (sessionStorage, this tab): never while the panel is
   * open, nor once the visitor has opened the chat in this visit. Rendered as text. Parts `teaser`
   * and `teaser-close-button`. Its code is loaded when the delay is up.
   */
  declare teaser?: string;

  /** Milliseconds from the element entering the page to the `teaser` bubble. */
  teaserDelay = 5000;

  #metadata: CustomMetadata | undefined;

  /**
   * Page context sent with every user message, e.g. `{page: location.pathname, order: 'A-1042'}`:
   * string key/values merged into the USER_MESSAGE's `metadata.custom` next to `client_event_id`,
   * which the agent (and its echo) sees. Setting a value that is not an object of strings, or the
   * reserved key `client_event_id`, throws a TypeError and keeps the previous metadata. The object
   * is copied when set: assign a new one to change it. A message keeps the metadata it was sent with
   * through reconnects and reloads. It counts towards the session's message size limit.
   * @type {Record<string, string> | undefined}
   */
  get metadata(): Readonly<Record<string, string>> | undefined {
    return this.#metadata;
  }

  set metadata(value: Readonly<Record<string, string>> | null | undefined) {
    this.#metadata = toPageMetadata(value, 'metadata');
    this.requestUpdate(); // the composer's size check counts it
  }

  constructor() {
    super();
    this.#adoptEarlyMetadata();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#teaserTimer);
    this.#teaserTimer = undefined;
  }

  /** The teaser's delay is up: its code is loaded now, if the visitor still has not opened the chat. */
  #showTeaser(): void {
    if (this.#teaserWanted())
      this.#loadAttention(({Teaser}) => {
        if (this.#teaserWanted()) this.#teaser = new Teaser(this, html, (text) => this.#liveRegions.say(text));
      });
  }

  /** A closed launcher whose visitor has not opened the chat in this visit. */
  #teaserWanted(): boolean {
    return this.mode === 'launcher' && !this.open && !this.#everOpened && !this.#memory.conversed;
  }

  /** The attention chunk (notify, teaser): updateComplete waits for it, and the element renders again. */
  #loadAttention(then: (chunk: typeof AttentionChunk) => void): void {
    this.#chunk.waitFor(import('./attention-chunk.js').then(then, () => undefined));
  }

  /**
   * A `metadata` set before the element was defined (a framework's property binding) is an own
   * property hiding the accessor: take it through the setter now. Not a reactive property for lit
   * to replay, because an invalid value would then throw inside the first update and leave the
   * element unrendered for good; here it is reported with `poly-chat-error` instead.
   */
  #adoptEarlyMetadata(): void {
    if (!Object.hasOwn(this, 'metadata')) return;
    const early = (this as {metadata?: unknown}).metadata;
    delete (this as {metadata?: unknown}).metadata;
    try {
      this.metadata = early as Readonly<Record<string, string>> | undefined;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      queueMicrotask(() => this.dispatchEvent(new PolyChatErrorEvent('invalid-metadata', `${reason} It was set before <poly-chat> was defined and is ignored.`)));
    }
  }

  /**
   * Your own message layout: `(message, defaultTemplate) => TemplateResult`, called for every
   * message shown (each role; return `defaultTemplate` for those you keep). `defaultTemplate` is the
   * chat's own rendering of the message, to wrap or leave out. Render server text through lit
   * bindings (`${message.text}`): it then reaches the page as text only. If the function throws,
   * that message shows its default layout and `poly-chat-error` (`render-message-failed`) fires
   * once per function. Set a new function to render every message again.
   *
   * @example
   * chat.renderMessage = (message, defaultTemplate) =>
   *   message.role === 'live-agent'
   *     ? html`<div class="my-agent"><b>${message.author}</b> ${defaultTemplate}</div>`
   *     : defaultTemplate;
   */
  declare renderMessage?: PolyChatMessageRenderer;

  private _draft = '';
  private _confirmingLeave = false;
  private _restarting = false;
  private _dismissedSuggestionsFor: string | null = null;
  private _dismissedHandoff: HandoffInfo | null = null;
  /** How many of the newest messages the transcript renders (windowing; "show earlier" adds more). */
  private _transcriptLimit = TRANSCRIPT_WINDOW;
  /** Ids of the very long messages the reader expanded ("Show more"); the others show a preview. */
  private _expanded: ReadonlySet<string> = new Set();
  /** Ratings given, by message id (`end:<sessionId>` for a conversation's), for the life of the element. */
  private _feedback: ReadonlyMap<string, PolyChatFeedbackValue> = new Map();
  /** The conversation each message of an earlier conversation belongs to (kept when one is replaced). */
  #sessionOf = new Map<string, string>();

  #part<T extends HTMLElement>(name: string): T | null {
    return this.renderRoot?.querySelector<T>(`[part~="${name}"]`) ?? null;
  }

  private get _input(): HTMLTextAreaElement | null {
    return this.#part('input');
  }

  private get _launcherButton(): HTMLButtonElement | null {
    return this.#part('launcher');
  }

  readonly #session = new SessionController(this, {
    createRuntime: (options) => this.createRuntime(options),
    config: () => ({
      endpoint: this.endpoint,
      credentials: this.credentials,
      streaming: this.streaming,
      // A launcher starts when first opened (contract: `idle` = "not opened"); inline on connect.
      autoStart: this.mode !== 'launcher' || this.open || this.#everOpened,
    }),
  });
  readonly #context = new ContextProvider(this, {
    context: polyChatSessionContext,
    initialValue: {snapshot: IDLE_SNAPSHOT, api: null},
  });
  /** The session chunk, loaded as soon as the panel can be seen (inline at once, a launcher when opened). */
  readonly #chunk = new SessionChunkController(this, {
    wanted: () => this.mode !== 'launcher' || this.open,
    adopt: (chunk) => {
      this.#scroll = new chunk.TranscriptScrollController(this, {
        scroller: () => this.#part('transcript'),
        content: () => this.renderRoot.querySelector('.transcript-content'),
      });
      if (!(this.renderRoot instanceof ShadowRoot)) return;
      adoptStyles(this.renderRoot, [...(this.constructor as typeof PolyChat).elementStyles, ...chunk.chunkStyles]);
      // Keeps a full-screen launcher panel above the on-screen keyboard (only ever open with the chunk).
      new chunk.VisualViewportController(this, () => this.mode === 'launcher' && this.open);
      this.#day = new chunk.DayController(this);
      // The handoff banner, end panel, thumbs and cards: here before a conversation needs them.
      afterNextPaint(() => void chunk.rareViews.load());
    },
  });
  readonly #states = new CustomStates(typeof this.attachInternals === 'function' ? this.attachInternals() : null);
  readonly #unread = new UnreadController(this, this.#states);
  readonly #memory = new LauncherMemoryController(this, {
    launcher: () => this.mode === 'launcher',
    source: () => conversationSource(this, location.href),
    open: () => this.open,
    openSetByHost: () => this.#openSetByHost,
    restoreOpen: (open) => this.#setOpen(open),
    sessionId: () => this.sessionId,
    unread: this.#unread,
  });
  readonly #tracker = new MessageTracker();
  readonly #liveRegions = new LiveRegionsController(this, {
    wording: this.#chunk,
    politeRegion: () => this.renderRoot?.querySelector('[data-region="announcements"]') ?? null,
    strings: () => this.#strings().strings,
    formatTime: (at) => this.#formatTime(at),
  });
  /** Created with the session chunk, which renders the transcript. */
  #scroll: TranscriptScrollController | null = null;
  #day: DayController | null = null;
  /** `notify`'s code: undefined until `notify` is set, null while it loads (or failed to). */
  #notifier: Notifier | null | undefined;
  /** The teaser bubble, once its delay was up. */
  #teaser: Teaser | undefined;
  #teaserTimer: ReturnType<typeof setTimeout> | undefined;
  #resolved: ResolvedStrings | null = null;
  #resolvedFor: {lang: string; overrides: Partial<PolyChatStrings> | undefined} | null = null;
  #timeFormat: {lang: string; format: Intl.DateTimeFormat} | null = null;
  #appliedLanguage: string | null = null;
  #lastSnapshot: ChatSnapshot | null = null;
  #everOpened = false;
  #focusRestartWhenEnded = false;
  /** This render is a long replay's first paint: the newest messages only (FIRST_PAINT_MESSAGES). */
  #firstPaint = false;
  /** The lazy parts whose styles are adopted (once their chunks are here). */
  readonly #styledParts = new Set<LazyPart<unknown>>();
  /** The renderMessage function whose throw was reported (once per function). */
  #renderErrorReportedFor: PolyChatMessageRenderer | undefined;

  // ---- read-only state (contract §2) ----

  /** The session machine's state. */
  get status(): PolyChatStatus {
    return this.#session.snapshot.status;
  }

  /** The current PolyAI session id. */
  get sessionId(): string | null {
    return this.#session.snapshot.sessionId;
  }

  /** The transcript in display order, each message once. */
  get messages(): readonly PolyChatMessage[] {
    return this.#session.snapshot.messages;
  }

  // ---- methods (contract §3) ----

  /**
   * Sends a user message (queued while reconnecting; delivered exactly once). Whitespace-only text
   * is ignored; a message over the session's size limit (text and metadata) is refused with a
   * `poly-chat-error` (`message-too-large`). `options.metadata`: page context for this message,
   * merged over the `metadata` property (its keys win); a value that is not a string, or the key
   * `client_event_id`, throws a TypeError and nothing is sent.
   */
  send(text: string, options?: PolyChatSendOptions): void {
    const metadata = mergePageMetadata(this.#metadata, toPageMetadata(options?.metadata, 'options.metadata'));
    const trimmed = String(text).trim();
    if (trimmed === '') return;
    if (exceedsMessageLimit(trimmed, this.#session.snapshot.maxMessageSizeBytes, metadata)) {
      this.dispatchEvent(new PolyChatErrorEvent('message-too-large', 'The message is longer than the session allows.'));
      return;
    }
    const runtime = this.#session.ensureStarted();
    if (!runtime) {
      this.dispatchEvent(new PolyChatErrorEvent('not-configured', 'Set `endpoint` or `.credentials` before sending.'));
      return;
    }
    // Suggestions are offered only until the user sends something.
    this._dismissedSuggestionsFor = suggestionTarget(this.#session.snapshot.messages, null) ?? this._dismissedSuggestionsFor;
    runtime.typing(false);
    runtime.send(trimmed, metadata);
  }

  /** The user leaves: EVENT_TYPE_USER_END_SESSION. */
  end(): void {
    this._confirmingLeave = false;
    this.#session.runtime?.typing(false);
    this.#session.runtime?.end();
  }

  /**
   * Tries the same conversation again (same session, from where it left off, with a fresh retry
   * budget): after the chat gave up reconnecting, or to skip the wait before the next retry.
   * Queued messages go to this conversation once it is back. Does nothing while connected.
   */
  reconnect(): void {
    this.#session.runtime?.retryNow();
  }

  /**
   * The conversation so far as a file's content: each message's author (or role), time, text and
   * attachments as links, and the system notices, in the UI language. `format: 'html'` (default
   * `'text'`) is a standalone HTML document: every text escaped, its own small stylesheet, no script,
   * nothing loaded from elsewhere, only http(s)/mailto/tel links. Never holds a token. Works after the
   * session ended. A Promise: the export code is loaded on first use.
   */
  async exportTranscript(options: {readonly format?: TranscriptFormat} = {}): Promise<string> {
    const {exportTranscript} = await this.#loadTranscriptExport();
    return exportTranscript(this.#exportInput(), options.format === 'html' ? 'html' : 'text');
  }

  async #loadTranscriptExport(): Promise<typeof TranscriptExport> {
    const chunk = await this.#chunk.ensureLoaded();
    if (chunk === null) throw new Error('poly-chat: the transcript export could not be loaded.');
    return chunk.loadTranscriptExport();
  }

  #exportInput(): TranscriptExportInput {
    const snapshot = this.#session.snapshot;
    const resolved = this.#strings();
    return {
      messages: snapshot.messages,
      people: {agent: snapshot.agent, liveAgent: snapshot.liveAgent},
      strings: resolved.strings,
      lang: this.#uiLanguage(resolved),
      dir: resolved.dir,
      now: Date.now(),
    };
  }

  /** Starts a new conversation (new session). */
  async restart(): Promise<void> {
    const runtime = this.#session.ensureStarted();
    if (!runtime) return;
    this._dismissedSuggestionsFor = null;
    this._dismissedHandoff = null;
    await runtime.restart();
  }

  /**
   * Creates the session runtime. Uses the factory registered with `setDefaultRuntimeFactory()`;
   * subclasses may override it (e.g. to inject a runtime per instance).
   */
  protected createRuntime(options: SessionRuntimeOptions): SessionRuntimeApi {
    return createDefaultRuntime(options);
  }

  // ---- lifecycle ----

  /**
   * Frame-batched rendering: when the session's snapshot changed (socket frames: streamed chunks),
   * the render waits for the next animation frame, so any number of frames arriving in between cost
   * one render. The snapshot itself (status, messages, events) is current at once; only the DOM
   * follows once per frame. Local changes (typing, opening) and a history replay render as usual
   * (see render-timing.ts).
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const last = this.#lastSnapshot;
    const next = this.#session.snapshot;
    if (last !== null && next !== last && rendersAtOnce(last, next)) {
      // Only into an empty transcript: shrinking one the user may be reading would move their place.
      this.#firstPaint = last.messages.length === 0 && next.messages.length > this._transcriptLimit;
      return super.scheduleUpdate();
    }
    if (last === null || next === last || typeof requestAnimationFrame !== 'function') return super.scheduleUpdate();
    return nextFrame().then(() => super.scheduleUpdate());
  }

  /** Resolves once rendered with every lazy part it asked for (the session chunk, a language). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.#chunk.pending) {
      await this.#chunk.settled();
      result = await super.getUpdateComplete();
    }
    return result;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#memory.restore();
    if ((changed.has('open') || changed.has('mode')) && this.mode === 'launcher' && this.open) this.#everOpened = true;
    this.#session.sync();
    const snapshot = this.#session.snapshot;
    if (snapshot !== this.#lastSnapshot) this.#onSnapshot(snapshot);
    else if (changed.has('lang') || changed.has('strings')) this.#liveRegions.restate();
  }

  #onSnapshot(snapshot: ChatSnapshot): void {
    const previous = this.#lastSnapshot;
    this.#lastSnapshot = snapshot;
    this.#context.setValue({snapshot, api: this.#session.runtime} satisfies PolyChatSession);

    // The agent switched language (EVENT_TYPE_LANGUAGE_CHANGED): follow it, once per change.
    if (snapshot.language && snapshot.language !== this.#appliedLanguage) this.lang = snapshot.language;
    this.#appliedLanguage = snapshot.language;

    if (previous && previous.status !== 'ended' && snapshot.status === 'ended') this._confirmingLeave = false;
    if (previous?.status === 'ended' && snapshot.status !== 'ended') this.#focusRestartWhenEnded = false;
    // A new conversation: what was on screen belongs to the one it replaced (a rating names that one).
    const replaced = previous?.sessionId;
    if (replaced && replaced !== snapshot.sessionId) for (const {id} of previous.messages) if (!this.#sessionOf.has(id)) this.#sessionOf.set(id, replaced);

    // A replay applied newest first ends with its older part: history too, however few messages.
    const changes = this.#tracker.observe(snapshot.messages, snapshot.replaying || previous?.replaying === true);
    this.#liveRegions.observe(snapshot, changes.completed);
    this.#unread.arrived(changes.arrived.length);
    this.#notifier?.arrived(changes.arrived.length);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#syncStates();
    if (this.open !== this.#announcedOpen) {
      this.#announcedOpen = this.open;
      this.dispatchEvent(new PolyChatOpenChangeEvent(this.open));
    }
    const chunk = this.#chunk.chunk;
    // The message box comes with the session chunk, and so does its sizing where the engine lacks field-sizing.
    if (chunk && !chunk.supportsFieldSizing && this.shadowRoot) {
      const input = this.shadowRoot.querySelector<HTMLTextAreaElement>('[part~="input"]');
      if (input) chunk.fitToContent(this.shadowRoot, input);
    }
    if (chunk && this.renderRoot instanceof ShadowRoot) {
      for (const part of [chunk.markdownExtras, chunk.rareViews]) {
        if (!this.#styledParts.has(part) && part.adoptStyles(this.renderRoot)) this.#styledParts.add(part);
      }
    }
    // The teaser's delay runs from the first update with `teaser` (a host may set it after connecting), once per connection.
    if (this.teaser && !this.#teaser) this.#teaserTimer ??= setTimeout(() => this.#showTeaser(), this.teaserDelay);
    if (this.notify && this.#notifier === undefined) {
      this.#notifier = null;
      this.#loadAttention(({Notifier}) => (this.#notifier = new Notifier(this, this.#unread)));
    }
    this.#scroll?.rendered(this.#firstPaint);
    if (this.#firstPaint) {
      // The rest of the window, once the newest messages are painted; updateComplete waits for it.
      // A replay still going in (newest first) brings it with its older part: one render, not two.
      this.#firstPaint = false;
      if (this.#lastSnapshot?.replaying !== true) this.#chunk.waitFor(new Promise<void>((resolve) => afterNextPaint(resolve)));
    }
    // Focus "Start a new conversation" once the end panel is rendered.
    const restart = this.#focusRestartWhenEnded && this.status === 'ended' ? this.#part('restart-button') : null;
    if (restart) {
      this.#focusRestartWhenEnded = false;
      restart.focus();
    }
  }

  #syncStates(): void {
    const status = this.status;
    for (const name of STATUSES) this.#states.toggle(name, name === status);
    this.#states.toggle('open', this.mode === 'launcher' && this.open);
    this.#states.toggle('offline', this.#session.snapshot.offline);
    this.#states.toggle('rtl', this.#strings().dir === 'rtl');
  }

  // ---- strings and formatting ----

  /** The language asked for: `lang`, else the page's. */
  #requestedLanguage(): string {
    if (this.lang) return this.lang;
    const ancestor = this.parentElement?.closest<HTMLElement>('[lang]');
    return ancestor?.lang || this.ownerDocument?.documentElement?.lang || '';
  }

  #strings(): ResolvedStrings {
    const lang = this.#requestedLanguage();
    const cached = this.#resolvedFor;
    if (!this.#resolved || !cached || cached.lang !== lang || cached.overrides !== this.strings) {
      const missing = missingLocale(lang);
      this.#resolved = resolveStrings(lang, this.strings);
      if (missing !== null) {
        // Words in English for the moment it takes to load them (updateComplete waits for it), the
        // layout in the language's direction at once.
        this.#chunk.waitFor(loadLocale(missing));
        this.#resolved = {...this.#resolved, dir: builtInDirection(missing)};
      }
      this.#resolvedFor = missing === null ? {lang, overrides: this.strings} : null;
    }
    return this.#resolved;
  }

  /** The tag to put on the UI: the requested one when its strings exist, else the fallback locale. */
  #uiLanguage(resolved: ResolvedStrings): string {
    const requested = this.#requestedLanguage();
    return localeCandidates(requested).includes(resolved.locale) ? requested : resolved.locale;
  }

  #formatTime(epochMs: number): string {
    const lang = this.#uiLanguage(this.#strings());
    if (!this.#timeFormat || this.#timeFormat.lang !== lang) {
      let format: Intl.DateTimeFormat;
      try {
        format = new Intl.DateTimeFormat(lang, {hour: '2-digit', minute: '2-digit', second: '2-digit'});
      } catch {
        format = new Intl.DateTimeFormat('en', {hour: '2-digit', minute: '2-digit', second: '2-digit'});
      }
      this.#timeFormat = {lang, format};
    }
    return this.#timeFormat.format.format(new Date(epochMs));
  }

  // ---- user input ----

  readonly #onInput = (event: Event): void => {
    const value = (event.target as HTMLTextAreaElement).value;
    this._draft = value;
    // Every edit goes to the runtime, the one place that throttles USER_TYPING and stops it after a pause.
    this.#session.runtime?.typing(value.trim() !== '');
  };

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    this.#submitDraft();
  };

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    this.#submitDraft();
  };

  #tooLong(): boolean {
    return exceedsMessageLimit(this._draft.trim(), this.#session.snapshot.maxMessageSizeBytes, this.#metadata);
  }

  #composerDisabled(): boolean {
    return this.status === 'ended' || !this.#session.configured;
  }

  #submitDraft(): void {
    if (this.#composerDisabled()) return;
    const text = this._draft.trim();
    if (text === '' || this.#tooLong()) return;
    this.send(text);
    this._draft = '';
  }

  readonly #onSuggestion = (text: string, event: Event): void => {
    this.send(text);
    // The button is going away; keyboard users continue in the input. (Not after a tap: that would
    // pop up the on-screen keyboard uninvited.)
    if (activatedByKeyboard(event)) this._input?.focus();
  };

  readonly #onRetry = (message: PolyChatMessage, event: Event): void => {
    if (message.clientEventId) this.#session.runtime?.retryMessage(message.clientEventId);
    if (activatedByKeyboard(event)) this._input?.focus();
  };

  readonly #formatTimeBound = (at: number): string => this.#formatTime(at);

  readonly #onTranscriptScroll = (): void => this.#scroll?.onScroll();

  readonly #onRetryNow = (): void => {
    this.#session.runtime?.retryNow();
  };

  readonly #onToggleLauncher = (): void => {
    this.#setOpen(!this.open);
  };

  readonly #onMinimize = (): void => {
    this.#closePanel();
  };

  #closePanel(): void {
    this.#setOpen(false);
    this._confirmingLeave = false;
    // The focused control is about to be hidden: hand focus back to the launcher.
    this._launcherButton?.focus();
  }

  readonly #onPanelKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    if (this._confirmingLeave) {
      event.stopPropagation();
      this._confirmingLeave = false;
      this.renderRoot.querySelector<HTMLButtonElement>('[part~="leave-button"]')?.focus();
      return;
    }
    if (this.mode === 'launcher' && this.open) {
      event.stopPropagation();
      this.#closePanel();
    }
  };

  readonly #onLeave = (): void => {
    this._confirmingLeave = true;
  };

  readonly #onCancelLeave = (): void => {
    this._confirmingLeave = false;
  };

  readonly #onConfirmLeave = (event: Event): void => {
    if (activatedByKeyboard(event)) {
      // The confirmation disappears: keep keyboard focus in the header, then on the end panel's
      // restart button once the session has ended.
      this.#focusRestartWhenEnded = true;
      this.renderRoot.querySelector<HTMLButtonElement>('[part~="leave-button"]')?.focus();
    }
    this.end();
  };

  readonly #onRestart = async (event: Event): Promise<void> => {
    const keyboard = activatedByKeyboard(event);
    this._restarting = true;
    try {
      await this.restart();
    } finally {
      this._restarting = false;
    }
    await this.updateComplete;
    if (keyboard) this._input?.focus();
  };

  readonly #onReconnect = (event: Event): void => {
    this.reconnect();
    // The panel goes away with the ended state: keyboard users continue in the input.
    if (activatedByKeyboard(event)) void this.updateComplete.then(() => this._input?.focus());
  };

  readonly #onShowEarlier = (): void => {
    this.#scroll?.unpin();
    this._transcriptLimit += TRANSCRIPT_WINDOW;
  };

  readonly #onToggleExpanded = (message: PolyChatMessage, event: Event): void => {
    const button = event.currentTarget as HTMLElement | null;
    const expanded = new Set(this._expanded);
    const collapsing = expanded.delete(message.id);
    if (!collapsing) {
      expanded.add(message.id);
      // The reader goes on from the preview: a transcript pinned to its end must not jump to the
      // end of the whole text.
      this.#scroll?.unpin();
    }
    this._expanded = expanded;
    // The text above the button shrank: bring the button (and focus, which stays on it) back in view.
    if (collapsing) void this.updateComplete.then(() => button?.scrollIntoView({block: 'nearest'}));
  };

  readonly #onExport = async (): Promise<void> => {
    try {
      const {exportTranscript, transcriptFileName, downloadFile} = await this.#loadTranscriptExport();
      const input = this.#exportInput();
      downloadFile(this.ownerDocument, exportTranscript(input, 'html'), transcriptFileName(input.now, 'html'), 'text/html');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.dispatchEvent(new PolyChatErrorEvent('export-failed', `The conversation could not be downloaded (${reason}).`));
    }
  };

  /** Records a rating (`key`: the message id, or `end:<sessionId>`), says thanks, tells the host. */
  #rate(key: string, messageId: string | null, value: PolyChatFeedbackValue): void {
    if (this._feedback.get(key) === value) return;
    this._feedback = new Map(this._feedback).set(key, value);
    this.#liveRegions.say(this.#strings().strings.feedbackThanks);
    const sessionId = (messageId && this.#sessionOf.get(messageId)) || this.#session.snapshot.sessionId;
    this.dispatchEvent(new PolyChatFeedbackEvent(messageId, value, sessionId));
  }

  readonly #renderMessageFeedback = (message: PolyChatMessage, chosen: PolyChatFeedbackValue | undefined): unknown => {
    const strings = this.#strings().strings;
    const views = this.#chunk.chunk?.rareViews.get();
    if (!views) {
      this.#needRareViews();
      return nothing;
    }
    return views.renderFeedback({
      strings,
      label: strings.feedbackLabel,
      chosen,
      onChoose: (value) => this.#rate(message.id, message.id, value),
      conversation: false,
    });
  };

  #renderEndFeedback(snapshot: ChatSnapshot, strings: PolyChatStrings): unknown {
    if (snapshot.status !== 'ended' || !feedbackWanted(this.feedback, 'end')) return nothing;
    const views = this.#chunk.chunk?.rareViews.get();
    // The end panel shows its buttons meanwhile; the rating joins it when its views are here.
    if (!views) {
      this.#needRareViews();
      return nothing;
    }
    const key = `end:${snapshot.sessionId ?? ''}`;
    return views.renderFeedback({
      strings,
      label: strings.feedbackEndLabel,
      chosen: this._feedback.get(key),
      onChoose: (value) => this.#rate(key, null, value),
      conversation: true,
    });
  }

  /** A message has a table or code block: load their renderers (the render waits and comes again). */
  readonly #needMarkdownExtras = (): void => {
    const chunk = this.#chunk.chunk;
    if (chunk) this.#chunk.need(chunk.markdownExtras);
  };

  /** The thumbs, the handoff banner, a card are to be shown: load their views (likewise). */
  readonly #needRareViews = (): void => {
    const chunk = this.#chunk.chunk;
    if (chunk) this.#chunk.need(chunk.rareViews);
  };

  readonly #onRenderError = (error: unknown): void => {
    const renderer = this.renderMessage;
    if (this.#renderErrorReportedFor === renderer) return;
    this.#renderErrorReportedFor = renderer;
    const reason = error instanceof Error ? error.message : String(error);
    // Not from inside render(): a listener may change the element.
    queueMicrotask(() =>
      this.dispatchEvent(new PolyChatErrorEvent('render-message-failed', `renderMessage threw (${reason}); the message was shown with its default layout.`)),
    );
  };

  readonly #onDismissHandoff = (): void => {
    this._dismissedHandoff = this.#session.snapshot.handoff;
  };

  // ---- rendering ----

  protected override render(): TemplateResult {
    const snapshot = this.#session.snapshot;
    const resolved = this.#strings();
    const {strings} = resolved;
    const launcher = this.mode === 'launcher';
    const ended = snapshot.status === 'ended';
    // The panel's content comes with the session chunk. Until then the panel frame is there, empty.
    const chunk = !launcher || this.open ? this.#chunk.chunk : null;

    return html`<div class="root ${launcher ? 'launcher-mode' : 'inline-mode'}" dir=${resolved.dir} lang=${this.#uiLanguage(resolved)}>
      ${launcher
        ? renderLauncher({open: this.open, unread: this.#unread.count, strings, panelId: 'panel', onToggle: this.#onToggleLauncher})
        : nothing}
      ${this.#teaser?.render(strings)}
      <section
        id="panel"
        part="panel"
        class="panel"
        role=${launcher ? 'dialog' : 'region'}
        aria-label=${strings.chatLabel}
        ?hidden=${launcher && !this.open}
        @keydown=${this.#onPanelKeydown}
      >
        ${chunk
          ? chunk.renderPanelContent({
              snapshot,
              strings,
              header: {
                launcher,
                confirmingLeave: this._confirmingLeave,
                onLeave: this.#onLeave,
                onConfirmLeave: this.#onConfirmLeave,
                onCancelLeave: this.#onCancelLeave,
                onMinimize: this.#onMinimize,
                exportable: this.transcriptExport && snapshot.messages.length > 0,
                onExport: this.#onExport,
              },
              formatTime: this.#formatTimeBound,
              onRetryNow: this.#onRetryNow,
              handoffVisible: snapshot.handoff.phase !== 'none' && snapshot.handoff !== this._dismissedHandoff && !ended,
              onDismissHandoff: this.#onDismissHandoff,
              transcript: {
                dismissedSuggestionsFor: this._dismissedSuggestionsFor,
                onSuggestion: this.#onSuggestion,
                onRetry: this.#onRetry,
                onScroll: this.#onTranscriptScroll,
                limit: this.#firstPaint ? Math.min(this._transcriptLimit, FIRST_PAINT_MESSAGES) : this._transcriptLimit,
                onShowEarlier: this.#onShowEarlier,
                expanded: this._expanded,
                onToggleExpanded: this.#onToggleExpanded,
                renderFeedback: feedbackWanted(this.feedback, 'messages') ? this.#renderMessageFeedback : null,
                feedback: this._feedback,
                timestamps: this.timestamps,
                lang: this.#uiLanguage(resolved),
                today: this.#day?.today ?? 0,
                markdownExtras: chunk.markdownExtras.get(),
                needMarkdownExtras: this.#needMarkdownExtras,
                rareViews: chunk.rareViews.get(),
                needRareViews: this.#needRareViews,
                customRender: this.renderMessage ?? null,
                onRenderError: this.#onRenderError,
              },
              restarting: this._restarting,
              onRestart: this.#onRestart,
              onReconnect: this.#onReconnect,
              endFeedback: this.#renderEndFeedback(snapshot, strings),
              composer: {
                value: this._draft,
                disabled: this.#composerDisabled(),
                tooLong: this.#tooLong(),
                onInput: this.#onInput,
                onKeydown: this.#onKeydown,
                onSubmit: this.#onSubmit,
              },
              rareViews: chunk.rareViews.get(),
              needRareViews: this.#needRareViews,
            })
          : nothing}
      </section>
      <div class="visually-hidden" aria-live="polite" data-region="announcements"></div>
      <div class="visually-hidden" role="status" data-region="status">${this.#liveRegions.statusText}</div>
    </div>`;
  }

}
