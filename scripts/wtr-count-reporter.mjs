// @web/test-runner reporter that writes {passed, failed, skipped} for all browser tests to the file
// named by POLY_CHAT_COUNTS_FILE (read by scripts/test.mjs for the one closing line). A test file
// that ran no test at all counts as a failure, named in `empty`.
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
      const counts = {passed: 0, failed: 0, skipped: 0, empty: []};
      for (const session of sessions) {
        const before = counts.passed + counts.failed + counts.skipped;
        if (session.testResults) countSuite(session.testResults, counts);
        if (session.passed && counts.passed + counts.failed + counts.skipped === before) {
          counts.failed++;
          counts.empty.push(session.testFile);
        }
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (!session.testResults || (session.errors?.length ?? 0) > 0)) counts.failed++;
      }
      const file = process.env.POLY_CHAT_COUNTS_FILE;
      if (file) writeFileSync(file, JSON.stringify(counts));
    },
  };
}
