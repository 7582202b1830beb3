// Child process of the queue benchmark: the reference upstream as `kiosk upstream serve` runs it,
// in a process of its own, answering the parent over IPC with registration codes and its CPU time.
import { createStderrLogger } from '../../electron/core'
import { startUpstream } from '../../upstream/server'
import type {
  UpstreamChildAnswer,
  UpstreamChildQuestion,
  UpstreamDatabaseChoice,
} from './upstream-process'

const [dataDir, databaseJson] = process.argv.slice(2)
const send = process.send?.bind(process)
if (!dataDir || !send) throw new Error('usage: fork(upstream-child.ts, [DATA_DIR, DATABASE_JSON?])')
const database = JSON.parse(databaseJson ?? '{}') as UpstreamDatabaseChoice
const logger = createStderrLogger()
const upstream = await startUpstream({
  dataDir,
  ...database,
  log: (message, fields) => logger.info(message, fields),
})

process.on('message', (question: UpstreamChildQuestion) => {
  const answer = (reply: UpstreamChildAnswer) => send(reply)
  if (question.ask === 'invite')
    void upstream.registrationCode().then((invite) => answer({ id: question.id, invite }))
  if (question.ask === 'cpu') {
    const { user, system } = process.cpuUsage()
    answer({ id: question.id, cpuMs: (user + system) / 1000 })
  }
  if (question.ask === 'close') void upstream.close().then(() => process.disconnect())
})
send({ id: 0, url: upstream.url } satisfies UpstreamChildAnswer)
