// Which browser engine runs the tests (`npm test -- browser --engine <name>`), for the few tests
// that one engine cannot run. Excluding a test takes a reason in the form
//   // engine: <engine> — <missing feature or bug> (<tracker link>); users get <fallback>
// next to the call, and the skipped test's title says why, so no exclusion is silent.

export type Engine = 'chromium' | 'firefox' | 'webkit';

function detect(): Engine {
  const agent = navigator.userAgent;
  if (/\bFirefox\//.test(agent)) return 'firefox';
  if (/\b(Chrome|Chromium|HeadlessChrome)\//.test(agent)) return 'chromium';
  return 'webkit';
}

export const engine: Engine = detect();

/**
 * `it`, except in the engines named in `reasons` (engine → why, shortly), where the test is
 * skipped (counted as skipped) with the reason in its title.
 */
export function itExcept(reasons: Partial<Record<Engine, string>>, title: string, fn: Mocha.AsyncFunc | Mocha.Func): Mocha.Test {
  const reason = reasons[engine];
  if (reason !== undefined) return it.skip(`${title} [not in ${engine}: ${reason}]`, fn);
  return it(title, fn);
}
