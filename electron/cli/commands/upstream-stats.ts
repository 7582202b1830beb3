import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { readUpstreamStats } from '../../../upstream/server'
import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { withUpstreamOpenErrors } from './upstream-open'
import { upstreamDataDir, upstreamStoreOptions, UPSTREAM_KEYS_OPTION } from './upstream-data-dir'
import { EXIT } from '../exit-codes'
import { bilingualMessage } from '../../../lib/messages'

/** `kiosk upstream stats --data DIR [--db URL] [--json]` → `{received, approved, rejected, duplicates}`. */
export async function upstreamStatsCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values } = parseCommandArgs(argv, { json: { type: 'boolean' }, ...UPSTREAM_KEYS_OPTION })
  const dataDir = upstreamDataDir(values, env)
  const store = upstreamStoreOptions(values, env)
  const stats = await withUpstreamOpenErrors(store.database, () =>
    readUpstreamStats(dataDir, store),
  )
  if (!stats)
    throw new CliError(
      'cli.errors.noUpstreamDataHere',
      {},
      EXIT.FAILED,
      existsSync(dataDir) ? join(dataDir, 'upstream.sqlite') : dataDir,
    )
  if (values.json) {
    io.out(JSON.stringify(stats))
    return 0
  }
  io.out(`${bilingualMessage('cli.text.received')}:       ${stats.received}`)
  io.out(`${bilingualMessage('cli.text.approved')}:      ${stats.approved}`)
  io.out(`${bilingualMessage('cli.text.rejected')}:       ${stats.rejected}`)
  io.out(`${bilingualMessage('cli.text.duplicates')}:   ${stats.duplicates}`)
  io.out(`${bilingualMessage('cli.text.auditFlags')}: ${stats.auditFlags}`)
  return 0
}
