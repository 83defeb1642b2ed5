// node:test reporter that writes {passed, failed, skipped, files} for leaf tests to its destination
// as JSON, so scripts/test.mjs can sum node and browser results into one closing line and fail a
// test file that ran no test at all (`files`: the files that had at least one, skipped ones included)
// and name each failed test in the closing summary (`failures`).
export default async function* countReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const files = new Set();
  /** `file › name: first line of the error`, for the closing summary. */
  const failures = [];
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    // Each file is also reported as a test named after it: not a test of its own (a file that fails
    // to load still counts as a failure), and no proof that the file ran any test.
    const wholeFile = event.data.nesting === 0 && event.data.name === event.data.file;
    if (wholeFile && event.type === 'test:pass') continue;
    if (event.data.file && !wholeFile) files.add(event.data.file);
    if (event.type === 'test:pass') {
      if (!event.data.skip && !event.data.todo) passed++;
      else skipped++;
    } else {
      failed++;
      const error = event.data.details?.error;
      const message = String(error?.cause?.message ?? error?.message ?? '').split('\n')[0];
      failures.push(`${event.data.file ?? ''} › ${event.data.name}: ${message}`.slice(0, 300));
    }
  }
  yield JSON.stringify({passed, failed, skipped, files: [...files], failures});
}
