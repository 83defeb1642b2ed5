// The lazily loaded part of <poly-chat>: what a running conversation needs and a page that never
// chats does not — the session runtime (machine, protocol, transport, in the browser environment)
// and the chat panel's views (header, banners, transcript, composer) with their styles.
// `import()`ed, never imported statically, so the standalone bundle splits it into one chunk next
// to poly-chat.bundle.js (resolved relative to the bundle's own URL). The element starts loading it
// as soon as a conversation may be shown (inline: when connected; launcher: when opened) and
// renders the launcher and the panel frame meanwhile.
import {withPrefetched} from '../controller/prefetched-fetch.js';
import type {PrefetchedCredentials} from '../controller/credentials-prefetch.js';
import type {SessionRuntimeApi, SessionRuntimeOptions} from '../model/session-api.js';
import type * as TranscriptExport from '../export/transcript-export.js';
import {SessionRuntime} from '../runtime/session-runtime.js';
import {browserEnv} from '../runtime/runtime-env.js';
import {feedbackStyles} from './feedback.styles.js';
import {messageStyles} from './message.styles.js';
import {modernPanelStyles, panelStyles, preferenceStyles} from './panel.styles.js';

export {renderPanelContent} from '../view/panel.js';
export {renderFeedback} from '../view/feedback.js';
export {messageAnnouncement} from '../view/announce-text.js';
export {nextStatusText, statusAnnouncement} from '../view/status-text.js';
export {VisualViewportController} from '../controller/visual-viewport-controller.js';
export {TranscriptScrollController} from '../controller/transcript-scroll-controller.js';
export {DayController} from './day-controller.js';
export {fitToContent, supportsFieldSizing} from './field-sizing.js';
export {adoptMarkdownExtrasStyles, loadMarkdownExtras, markdownExtras} from './markdown-extras-loader.js';

/** Adopted after the element's own styles; the preference overrides last, so they win. */
export const chunkStyles = [panelStyles, messageStyles, feedbackStyles, modernPanelStyles, preferenceStyles];

/**
 * The real runtime in the browser's environment; `prefetched`: its first credentials POST, already
 * sent while this chunk loaded (controller/credentials-prefetch.ts).
 */
export function createBrowserRuntime(options: SessionRuntimeOptions, prefetched: PrefetchedCredentials | null = null): SessionRuntimeApi {
  const env = browserEnv();
  return new SessionRuntime(options, prefetched ? {...env, fetch: withPrefetched(env.fetch, prefetched)} : env);
}

/** The transcript export (its own chunk, loaded on first use; it shares this chunk's view helpers). */
export const loadTranscriptExport = (): Promise<typeof TranscriptExport> => import('../export/transcript-export.js');
