// What the two screen-reader regions say: the polite log of new messages (each once, when complete;
// the newest KEPT_ANNOUNCEMENTS stay in the DOM) and the status region's one sentence (connection,
// typing, handoff), which changes only when the sentence does. The wording comes with the session
// chunk: until it is here a message is said as its plain text and the status sentence waits.
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {PolyChatMessage} from '../protocol/message.js';
import type {ChatSnapshot} from '../model/snapshot.js';
import type {StatusAnnouncement} from '../view/status-text.js';
import type {SessionChunkModule} from './session-chunk-controller.js';

/** How many past announcements stay in the live region (older ones are dropped from the DOM). */
export const KEPT_ANNOUNCEMENTS = 3;

export interface Announcement {
  /** Unique per announcement: a repeated text is a new node, so it is said again. */
  readonly key: number;
  readonly text: string;
}

/** Where the wording comes from (the element's SessionChunkController). */
export interface WordingSource {
  readonly chunk: Pick<SessionChunkModule, 'messageAnnouncement' | 'statusAnnouncement' | 'nextStatusText'> | null;
  /** Starts loading it; the host renders again when it arrives. */
  load(): void;
}

export interface LiveRegionsOptions {
  readonly wording: WordingSource;
  /** The polite region, once rendered: its paragraphs are kept here, not by the template. */
  readonly politeRegion: () => Element | null;
  /** The UI strings now shown. */
  readonly strings: () => PolyChatStrings;
  readonly formatTime: (epochMs: number) => string;
}

/** = PREVIEW_CHARS (view/long-text.ts, which stays out of the first-load bundle). */
const ANNOUNCED_CHARS_FALLBACK = 2_000;

export class LiveRegionsController implements ReactiveController {
  readonly #options: LiveRegionsOptions;
  #announcements: readonly Announcement[] = [];
  #statusText = '';
  #key = 0;
  #snapshot: ChatSnapshot | null = null;
  #lastStatus: StatusAnnouncement | null = null;
  /** The status sentence waits for the wording (the session chunk). */
  #statusPending = false;

  constructor(host: ReactiveControllerHost, options: LiveRegionsOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** The polite region's paragraphs, oldest first. */
  get announcements(): readonly Announcement[] {
    return this.#announcements;
  }

  /** The status region's text. */
  get statusText(): string {
    return this.#statusText;
  }

  /** A new snapshot, with the messages that are news and complete in it (MessageTracker). */
  observe(snapshot: ChatSnapshot, completed: readonly PolyChatMessage[]): void {
    if (completed.length > 0) {
      const strings = this.#options.strings();
      const people = {agent: snapshot.agent, liveAgent: snapshot.liveAgent};
      const wording = this.#options.wording.chunk;
      const added = completed.map((message) => ({
        key: ++this.#key,
        // Messages come from a runtime, and the runtime with the session chunk: it is loaded by now
        // (the fallback only bounds the text; the chunk's wording cuts it at a word).
        text: wording?.messageAnnouncement(message, people, strings) ?? message.text.slice(0, ANNOUNCED_CHARS_FALLBACK),
      }));
      this.#announcements = [...this.#announcements, ...added].slice(-KEPT_ANNOUNCEMENTS);
    }
    this.#announceStatus(snapshot);
  }

  /** Says `text` once in the polite region (a confirmation of the user's own action). */
  say(text: string): void {
    this.#announcements = [...this.#announcements, {key: ++this.#key, text}].slice(-KEPT_ANNOUNCEMENTS);
  }

  /** Same situation, new UI language: the status sentence again, in the language now shown. */
  restate(): void {
    const wording = this.#options.wording.chunk;
    const snapshot = this.#snapshot;
    // A sentence still waiting is said by hostUpdate.
    if (this.#statusPending || this.#statusText === '' || !wording || !snapshot) return;
    this.#statusText = wording.statusAnnouncement(snapshot, this.#options.strings(), this.#options.formatTime).text;
  }

  /**
   * Each announcement is a paragraph of its own, appended once and left in place while older ones
   * are dropped (a node moved or rewritten may be said again). Kept by hand rather than with lit's
   * `repeat`, which would then be part of the first-load bundle.
   */
  hostUpdated(): void {
    const region = this.#options.politeRegion();
    if (!region) return;
    const kept = new Set(this.#announcements.map((announcement) => String(announcement.key)));
    for (const paragraph of Array.from(region.children)) {
      if (!kept.has((paragraph as HTMLElement).dataset.key ?? '')) paragraph.remove();
    }
    const shown = new Set(Array.from(region.children, (paragraph) => (paragraph as HTMLElement).dataset.key));
    for (const announcement of this.#announcements) {
      if (shown.has(String(announcement.key))) continue;
      const paragraph = region.ownerDocument.createElement('p');
      paragraph.dataset.key = String(announcement.key);
      paragraph.textContent = announcement.text;
      region.append(paragraph);
    }
  }

  hostUpdate(): void {
    // The first update that has the wording says the sentence that waited for it.
    if (this.#statusPending && this.#options.wording.chunk && this.#snapshot) this.#announceStatus(this.#snapshot);
  }

  #announceStatus(snapshot: ChatSnapshot): void {
    this.#snapshot = snapshot;
    const wording = this.#options.wording.chunk;
    this.#statusPending = wording === null;
    if (wording === null) {
      // A session is under way (or about to be): its chunk is needed, and the sentence follows it.
      if (snapshot.status !== 'idle') this.#options.wording.load();
      return;
    }
    const status = wording.statusAnnouncement(snapshot, this.#options.strings(), this.#options.formatTime);
    this.#statusText = wording.nextStatusText(status, this.#lastStatus);
    this.#lastStatus = status;
  }
}
