// The one animation-frame helper (rAF does not run in background tabs: ~100 ms at the latest).
// "Once the next frame is painted": work that must not compete with the frame showing the newest
// messages waits for it — the older slices of a long replay (frame-intake.ts), the rest of the
// transcript window after a replay's first paint. "The next frame": the element's one render per
// frame while streaming.

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
  onNextFrame(() => setTimeout(callback, 0));
}

/** Resolves at the next animation frame (before its layout and paint), or after ~100 ms. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => onNextFrame(resolve));
}

/** `callback` once, at the next animation frame or after ~100 ms, whichever comes first. */
function onNextFrame(callback: () => void): void {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    callback();
  };
  const fallback = setTimeout(once, 100);
  requestAnimationFrame(once);
}
