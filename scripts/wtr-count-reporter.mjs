// @web/test-runner reporter that writes {passed, failed, skipped} for all browser tests to the file
// named by POLY_CHAT_COUNTS_FILE (read by scripts/test.mjs for the one closing line). A test file
// that ran no test at all counts as a failure, named in `empty`.
import {writeFileSync} from 'node:fs';

function countSuite(suite, counts, file, trail) {
  const names = suite.name ? [...trail, suite.name] : trail;
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else {
      counts.failed++;
      const message = String(test.error?.message ?? '').split('\n')[0];
      counts.failures.push(`${file} › ${[...names, test.name].join(' › ')}: ${message}`.slice(0, 300));
    }
  }
  for (const child of suite.suites ?? []) countSuite(child, counts, file, names);
}

export function countReporter() {
  return {
    onTestRunFinished({sessions}) {
      const counts = {passed: 0, failed: 0, skipped: 0, empty: [], failures: []};
      for (const session of sessions) {
        const before = counts.passed + counts.failed + counts.skipped;
        if (session.testResults) countSuite(session.testResults, counts, session.testFile, []);
        if (session.passed && counts.passed + counts.failed + counts.skipped === before) {
          counts.failed++;
          counts.empty.push(session.testFile);
        }
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (!session.testResults || (session.errors?.length ?? 0) > 0)) {
          counts.failed++;
          const message = String(session.errors?.[0]?.message ?? 'did not load').split('\n')[0];
          counts.failures.push(`${session.testFile}: ${message}`.slice(0, 300));
        }
      }
      const file = process.env.POLY_CHAT_COUNTS_FILE;
      if (file) writeFileSync(file, JSON.stringify(counts));
    },
  };
}
