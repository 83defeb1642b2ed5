// "Once the next frame is painted": work that must not compete with the frame showing the newest
// messages waits for it — the older slices of a long replay (session-runtime.ts), the rest of the
// transcript window after a replay's first paint (FIRST_PAINT_MESSAGES).

/**
 * Calls `callback` in a task after the next frame's paint (a timeout queued from
 * requestAnimationFrame runs after that frame's rendering), or after ~100 ms where frames do not
 * run (background tabs).
 */
export function afterNextPaint(callback: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(callback, 0);
    return;
  }
  const fallback = setTimeout(callback, 100);
  requestAnimationFrame(() => {
    clearTimeout(fallback);
    setTimeout(callback, 0);
  });
}
