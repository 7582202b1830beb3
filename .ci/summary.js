// Prints vitest's JSON results as one plain closing line: "tests: N passed, N failed".
import { existsSync, readFileSync } from 'node:fs'

const file = process.argv[2]
if (!file || !existsSync(file)) {
  console.log('tests: 0 passed, 0 failed')
  process.exit(0)
}
const results = JSON.parse(readFileSync(file, 'utf8'))
const skipped = results.numPendingTests + results.numTodoTests
console.log(
  `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed` +
    (skipped ? `, ${skipped} skipped` : ''),
)
