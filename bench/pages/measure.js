// In-page measurement shared by both widgets' pages: long tasks (PerformanceObserver 'longtask' and
// 'long-animation-frame', buffered from navigation start: no tracing runs while a page is timed),
// frame-polled "is it on screen yet" checks, user-timing marks of the measured window, and the
// result handed back to bench/run.mjs as window.__bench.
export const params = new URLSearchParams(location.search);
export const kind = params.get('kind') ?? 'hist';
export const size = Number(params.get('size') ?? 1000);
export const run = params.get('run') ?? '0';
/** The history's id shape (bench/ids.mjs), named at the end of the session id. */
export const ids = params.get('ids') ?? 'random';
/** The history's text workload (bench/scenario.mjs), named last in the session id. */
export const text = params.get('text') ?? 'rich';
export const sessionId = (widget) => `${widget}-${kind}-${size}-${run}-${ids}-${text}`;

const longTasks = [];
const longFrames = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({start: entry.startTime, duration: entry.duration});
}).observe({type: 'longtask', buffered: true});
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      longFrames.push({start: entry.startTime, duration: entry.duration, blocking: entry.blockingDuration});
  }).observe({type: 'long-animation-frame', buffered: true});
} catch {
  // No LoAF in this browser: long tasks alone.
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs after the current task (and so after a frame's style, layout and paint when called from rAF). */
const afterTask = () =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  });

/**
 * Resolves with the time the first frame whose DOM satisfies check() has been rendered: check() runs
 * in requestAnimationFrame (what is in the DOM then is what that frame paints), and the time is
 * taken right after that frame's rendering task (style, layout, paint) has finished. Polled once
 * per frame: cheap, and the same for both widgets.
 */
export async function untilFrame(check, timeoutMs = 120_000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const now = await frame();
    if (check()) return afterTask();
    if (now > deadline) throw new Error('timed out waiting for the widget');
  }
}

/**
 * untilFrame() for several checks at once: resolves with {name: time} once every check has held,
 * each time that of the first frame in which that check held (a later check is tried only once the
 * ones before it hold: "complete" is never earlier than "painted").
 */
export async function untilFrames(checks, timeoutMs = 120_000) {
  const deadline = performance.now() + timeoutMs;
  const names = Object.keys(checks);
  const times = {};
  for (;;) {
    const now = await frame();
    const metNow = [];
    for (const name of names) {
      if (name in times) continue;
      if (!checks[name]()) break;
      metNow.push(name);
      times[name] = null;
    }
    if (metNow.length > 0) {
      const at = await afterTask();
      for (const name of metNow) times[name] = at;
    }
    if (names.every((name) => name in times)) return times;
    if (now > deadline) throw new Error('timed out waiting for the widget');
  }
}

/** The last element matching `selector` in `root` whose text ends with `token`? */
export function lastEndsWith(root, selector, token) {
  const all = root?.querySelectorAll(selector);
  const last = all && all[all.length - 1];
  return !!last && last.textContent.trimEnd().endsWith(token);
}

/**
 * Is the newest message (the last element matching `selector` in `root`, its text ending in `token`)
 * on screen, inside the widget's scrolling transcript `viewport`? Reading the boxes lays the page
 * out, the layout the frame would do anyway; the same check for both widgets.
 */
export function newestOnScreen(root, selector, token, viewport) {
  if (!viewport || !lastEndsWith(root, selector, token)) return false;
  const all = root.querySelectorAll(selector);
  const box = all[all.length - 1].getBoundingClientRect();
  const view = viewport.getBoundingClientRect();
  return box.height > 0 && box.bottom > view.top && box.top < view.bottom;
}

export function mark(name) {
  performance.mark(name);
}

/** Hands the result to the runner (after a grace period that lets trailing work show up as tasks). */
export async function finish(result) {
  mark('bench-end');
  await sleep(500);
  const from = result.start;
  const to = Math.max(result.done, result.complete ?? 0) + 500;
  const inWindow = (entry) => entry.start >= from - 1 && entry.start <= to;
  window.__bench = {
    ...result,
    ms: result.done - result.start,
    // History: until the replay is complete (all messages in, the chat showing its final window).
    completeMs: result.complete === undefined ? null : result.complete - result.start,
    longestLongTask: Math.max(0, ...longTasks.filter(inWindow).map((entry) => entry.duration)),
    longTasks: longTasks.filter(inWindow),
    longFrames: longFrames.filter(inWindow),
  };
  console.log('bench-done');
}

export function fail(error) {
  window.__bench = {error: String(error?.stack ?? error)};
  console.log('bench-done');
}
