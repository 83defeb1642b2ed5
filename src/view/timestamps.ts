// When each message was written (issue 18 item 3): a clock time under a message ("10:42", in the UI
// language) and a separator where a new day starts ("Yesterday", "Monday 3 December"). Times are
// absolute, so nothing ticks; only "Today"/"Yesterday" change, at midnight (DayController).
// `timestamps="auto"`: separators, and the time under the last message of each run by one author;
// `always`: the time under every message, notices included; `never`: neither.
import {html} from 'lit';
import type {TemplateResult} from 'lit';
import type {PolyChatMessage} from '../protocol/message.js';

export type PolyChatTimestamps = 'auto' | 'always' | 'never';

const DAY_MS = 86_400_000;

/** The message's time (epoch ms): the server's timestamp, else when it arrived; null when unreadable. */
export function messageTime(message: PolyChatMessage): number | null {
  const at = message.timestamp === undefined ? NaN : Date.parse(message.timestamp);
  return Number.isNaN(at) ? null : at;
}

/** Local midnight before `epochMs`. */
export function startOfDay(epochMs: number): number {
  return new Date(epochMs).setHours(0, 0, 0, 0);
}

/** Formats times and days in one language; one per (language, mode, day), shared by every message. */
export interface MessageClock {
  readonly mode: PolyChatTimestamps;
  /** Local midnight of today: day labels are relative to it. */
  readonly today: number;
  time(epochMs: number): string;
  day(dayStart: number): string;
}

function safeLanguage(lang: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(lang).length > 0 ? lang : 'en';
  } catch {
    return 'en';
  }
}

function capitalise(text: string, lang: string): string {
  return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
}

function createClock(requested: string, mode: PolyChatTimestamps, today: number): MessageClock {
  const lang = safeLanguage(requested);
  const time = new Intl.DateTimeFormat(lang, {hour: 'numeric', minute: '2-digit'});
  const relative = new Intl.RelativeTimeFormat(lang, {numeric: 'auto'});
  const thisYear = new Date(today).getFullYear();
  const dayName = new Intl.DateTimeFormat(lang, {weekday: 'long', day: 'numeric', month: 'long'});
  const dayNameWithYear = new Intl.DateTimeFormat(lang, {weekday: 'long', day: 'numeric', month: 'long', year: 'numeric'});
  return {
    mode,
    today,
    time: (epochMs) => time.format(epochMs),
    day(dayStart) {
      // Rounded: a day with a daylight-saving change is 23 or 25 hours long.
      const daysAgo = Math.round((today - dayStart) / DAY_MS);
      if (daysAgo === 0 || daysAgo === 1) return capitalise(relative.format(-daysAgo, 'day'), lang);
      return (new Date(dayStart).getFullYear() === thisYear ? dayName : dayNameWithYear).format(dayStart);
    },
  };
}

/** Clocks by settings: two chats on a page with other settings do not replace each other's. */
const clocks = new Map<string, MessageClock>();
/** Settings a page switches between stay cached; a day's worth of old ones is dropped. */
const MAX_CLOCKS = 8;

/** The clock for these settings, the same object while they hold (message templates are memoised on it). */
export function messageClock(lang: string, mode: PolyChatTimestamps, today: number): MessageClock {
  const key = `${lang}|${mode}|${today}`;
  let clock = clocks.get(key);
  if (clock === undefined) {
    if (clocks.size >= MAX_CLOCKS) clocks.delete(clocks.keys().next().value as string);
    clock = createClock(lang, mode, today);
    clocks.set(key, clock);
  }
  return clock;
}

/** `<time>` under a message: read as "10:42" by everyone, machine-readable in `datetime`. */
export function renderTime(epochMs: number, clock: MessageClock): TemplateResult {
  return html`<time part="timestamp" class="timestamp" datetime=${new Date(epochMs).toISOString()}>${clock.time(epochMs)}</time>`;
}

function isoDate(dayStart: number): string {
  const date = new Date(dayStart);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The day's name above its first message. Plain text, not role="separator": a separator's content
 * is presentational, so a screen reader would hear an unnamed line instead of the day.
 */
export function renderDaySeparator(dayStart: number, clock: MessageClock): TemplateResult {
  return html`<p part="date-separator" class="date-separator"><time datetime=${isoDate(dayStart)}>${clock.day(dayStart)}</time></p>`;
}

/** Whether a message starts a new day in the list (the first one only when it is not today's). */
export function daySeparatorFor(previous: PolyChatMessage | undefined, message: PolyChatMessage, clock: MessageClock): number | null {
  if (clock.mode === 'never') return null;
  const at = messageTime(message);
  if (at === null) return null;
  const day = startOfDay(at);
  if (previous === undefined) return day === clock.today ? null : day;
  const before = messageTime(previous);
  return before === null || startOfDay(before) === day ? null : day;
}

/** Whether the message shows its time: every one with `always`; the end of a run by one author with `auto`. */
export function showsTime(message: PolyChatMessage, endsRun: boolean, clock: MessageClock): boolean {
  if (clock.mode === 'never') return false;
  return clock.mode === 'always' || (endsRun && message.role !== 'system');
}
