// Child process of the queue benchmark: opens a station over a prepared data directory, does what
// the queue screen and a sync pass do, and prints its resident memory (bytes) as JSON.
import { createCore } from '../../electron/core'

const [dataDir, upstreamUrl] = process.argv.slice(2)
if (!dataDir || !upstreamUrl) throw new Error('usage: queue-memory-probe DATA_DIR UPSTREAM_URL')
const core = await createCore(
  { dataDir, devices: 'simulated', upstreamUrl, language: 'en', freeze: { maxUnsyncedFiles: 1e6 } },
  { shell: 'cli' },
)
const afterOpen = process.memoryUsage().rss
core.queue.status()
core.queue.list({ limit: 100 })
let exported = 0
for (const file of core.queue.repository.queuedFiles()) exported += file.size > 0 ? 1 : 0
const pass = await core.queue.sync.runPass({ maxFiles: 200 })
const afterWork = process.memoryUsage().rss
await core.close()
console.log(
  JSON.stringify({ afterOpen, afterWork, exported, sent: pass.sent, stopped: pass.stoppedBecause }),
)
