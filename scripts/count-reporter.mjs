// node:test reporter that writes {passed, failed, skipped} for leaf tests to its destination as JSON,
// so scripts/test.mjs can sum node and browser results into one closing line.
export default async function* countReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.type === 'test:pass') {
      if (!event.data.skip && !event.data.todo) passed++;
      else skipped++;
    } else {
      failed++;
    }
  }
  yield JSON.stringify({passed, failed, skipped});
}
