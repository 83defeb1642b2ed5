// "Once the next frame is painted": the rest of a replay's window is rendered then (see
// FIRST_PAINT_MESSAGES), so it never competes with the frame that shows the newest messages.

/**
 * Resolves in a task after the next frame's paint (a timeout queued from requestAnimationFrame runs
 * after that frame's rendering), or after ~100 ms where frames do not run (background tabs).
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') {
      setTimeout(resolve, 0);
      return;
    }
    const fallback = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      setTimeout(resolve, 0);
    });
  });
}
