// `npx tsx tests/chaos/run-chaos.ts [--kills 200] [--seed N]`: the full crash chaos run.
// `--pg`: the upstream is two `kiosk upstream serve --db` processes on a PostgreSQL cluster of
// this run's own (as the postgres test project starts it), killed too; `--db URL` instead uses
// that (empty) database.
import { parseArgs } from 'node:util'
import startPostgresServices from '../setup/postgres-services'
import { freshPostgresDatabase } from '../support/postgres'
import { runChaos } from './kill-chaos'

const { values } = parseArgs({
  options: {
    kills: { type: 'string' },
    seed: { type: 'string' },
    pg: { type: 'boolean' },
    db: { type: 'string' },
  },
})
const stopCluster = values.pg && !values.db ? await startPostgresServices() : null
const fresh = stopCluster ? await freshPostgresDatabase() : null
try {
  const database = values.db ?? fresh?.url
  const report = await runChaos({
    kills: Number(values.kills ?? (database ? '100' : '200')),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
    ...(database ? { database } : {}),
    log: (line) => console.log(line),
  })
  console.log(JSON.stringify(report, null, 2))
  process.exitCode = report.problems.length === 0 ? 0 : 1
} finally {
  await fresh?.drop()
  await stopCluster?.()
}
