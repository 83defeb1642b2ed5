// @web/test-runner reporter that writes {passed, failed} for all browser tests to the file named
// by POLY_CHAT_COUNTS_FILE (read by scripts/test.mjs for the one closing `N passed, N failed` line).
import {writeFileSync} from 'node:fs';

function countSuite(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else counts.failed++;
  }
  for (const child of suite.suites ?? []) countSuite(child, counts);
}

export function countReporter() {
  return {
    onTestRunFinished({sessions}) {
      const counts = {passed: 0, failed: 0, skipped: 0};
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, counts);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (!session.testResults || (session.errors?.length ?? 0) > 0)) counts.failed++;
      }
      const file = process.env.POLY_CHAT_COUNTS_FILE;
      if (file) writeFileSync(file, JSON.stringify(counts));
    },
  };
}
