// For process-guard.test.ts: the `kiosk` process exactly as bin/kiosk.js starts it, plus a way to
// plant the faults the guard must survive. Each line on stdin rejects a promise nobody awaits and
// throws from a timer, outside any command's own error handling.
import { runKioskProcess } from './main'

process.stdin.setEncoding('utf8')
process.stdin.on('data', () => {
  void Promise.reject(new Error('planted rejection'))
  setTimeout(() => {
    throw new Error('planted exception')
  })
})
process.exitCode = await runKioskProcess(process.argv.slice(2))
process.stdin.destroy()
