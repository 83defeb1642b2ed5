// When a new snapshot is rendered. Streamed chunks and other small changes wait for the next
// animation frame, so any number of them arriving in between cost one render. A history replay is
// one big change with nothing to coalesce: it renders at once (lit's microtask), so the frame that
// follows paints it. Waiting for the frame's own requestAnimationFrame turn instead would leave the
// DOM stale for every callback registered before ours (a host checking "is it shown yet" sees it a
// frame late) and puts the render, its layout and the frame's paint into one long task.
import type {ChatSnapshot} from '../model/snapshot.js';
import {HISTORY_BATCH_SIZE} from './message-tracker.js';

/** Render `next` now rather than at the next animation frame? */
export function rendersAtOnce(rendered: ChatSnapshot, next: ChatSnapshot): boolean {
  return next.messages.length - rendered.messages.length >= HISTORY_BATCH_SIZE;
}
