// Prints vitest's JSON results as one plain closing line: "tests: N passed, N failed".
// A file that failed outside any test (an import error, a failing hook) counts as one failure.
import { existsSync, readFileSync } from 'node:fs'

const file = process.argv[2]
if (!file || !existsSync(file)) {
  console.log('tests: 0 passed, 1 failed (no test results were written)')
  process.exit(0)
}
const results = JSON.parse(readFileSync(file, 'utf8'))
const failedOutsideTests = results.testResults.filter(
  (r) => r.status === 'failed' && !r.assertionResults.some((a) => a.status === 'failed'),
).length
const failed = results.numFailedTests + failedOutsideTests
const skipped = results.numPendingTests + results.numTodoTests
console.log(
  `tests: ${results.numPassedTests} passed, ${failed} failed` +
    (skipped ? `, ${skipped} skipped` : ''),
)
