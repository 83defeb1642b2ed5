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
import {handoffLines} from '../view/handoff-lines.js';
import {renderLink} from '../view/link.js';
import {safeImageUrl, safeLinkUrl, telUrl} from '../view/safe-url.js';
import {lazyPart} from './lazy-part.js';
import {messageStyles} from './message.styles.js';
import {modernPanelStyles, panelStyles, preferenceStyles} from './panel.styles.js';

export {renderPanelContent} from '../view/panel.js';
export {messageAnnouncement} from '../view/announce-text.js';
export {nextStatusText, statusAnnouncement} from '../view/status-text.js';
export {VisualViewportController} from '../controller/visual-viewport-controller.js';
export {TranscriptScrollController} from '../controller/transcript-scroll-controller.js';
export {DayController} from './day-controller.js';
export {fitToContent, supportsFieldSizing} from './field-sizing.js';

/** Tables and code blocks in messages (their own chunk, loaded when the first one is shown). */
export const markdownExtras = lazyPart((lit) => import('./markdown-extras-chunk.js').then((chunk) => chunk.createMarkdownExtras(lit)));
/** The views an open chat rarely needs at once (their own chunk, rare-views-chunk.ts). */
export const rareViews = lazyPart((lit) =>
  import('./rare-views-chunk.js').then((chunk) =>
    chunk.createRareViews({...lit, renderLink, safeLinkUrl, safeImageUrl, telUrl, handoffLines}),
  ),
);

/** Adopted after the element's own styles; the preference overrides last, so they win. */
export const chunkStyles = [panelStyles, messageStyles, modernPanelStyles, preferenceStyles];

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
