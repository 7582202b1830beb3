import type { QueueItem, QueueStatus } from '../../contract'
import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { openStationCore } from './station-core'
import { EXIT } from '../exit-codes'
import { bilingualMessage } from '../../../lib/messages'

const STATES = ['queued', 'sent', 'dead'] as const

/** `kiosk queue ls`: the outbox as the queue screen shows it. */
export async function queueList(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv) {
  const { values } = parseCommandArgs(argv, {
    json: { type: 'boolean' },
    state: { type: 'string' },
    limit: { type: 'string' },
  })
  const state = values.state as (typeof STATES)[number] | undefined
  if (state !== undefined && !STATES.includes(state))
    throw new CliError('cli.errors.invalidState', {}, EXIT.USAGE, String(values.state))
  const limit = Number(values.limit ?? '100')
  if (!Number.isInteger(limit) || limit < 1)
    throw new CliError('cli.errors.invalidLimit', {}, EXIT.USAGE, String(values.limit))
  const station = await openStationCore(argv, env)
  try {
    const status = station.core.queue.status()
    const items = station.core.queue.list({ limit, ...(state ? { state } : {}) })
    if (values.json) io.out(JSON.stringify({ status, items }, null, 2))
    else io.out(formatQueue(status, items))
    return 0
  } finally {
    await station.close()
  }
}

/** `kiosk queue export DIR`: the queued files, still encrypted, with a signed manifest. */
export async function queueExport(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv) {
  const { positionals } = parseCommandArgs(argv, {})
  const destination = positionals[0]
  if (!destination)
    throw new CliError('cli.errors.missingDestinationFolder', {}, EXIT.USAGE, 'queue export DIR')
  const station = await openStationCore(argv, env)
  try {
    const result = station.core.queue.exportTo(destination)
    io.out(
      bilingualMessage('cli.text.exported', {
        files: result.files,
        bytes: result.bytes,
        dir: result.dir,
      }),
    )
    return 0
  } finally {
    await station.close()
  }
}

/** `kiosk queue retry FILE_ID`: a dead-lettered file back into the queue. */
export async function queueRetry(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv) {
  const { positionals } = parseCommandArgs(argv, {})
  const fileId = positionals[0]
  if (!fileId) throw new CliError('cli.errors.missingFileId', {}, EXIT.USAGE, 'queue retry FILE_ID')
  const station = await openStationCore(argv, env)
  try {
    const entry = station.core.queue.repository.get(fileId)
    if (!entry) throw new CliError('cli.errors.noSuchFile', { fileId }, EXIT.NOT_FOUND)
    if (!station.core.queue.sync.retry(fileId, 'cli'))
      throw new CliError('cli.errors.theFileIsNotDead', { fileId, state: entry.state }, EXIT.FAILED)
    io.out(bilingualMessage('cli.text.requeued', { fileId }))
    return 0
  } finally {
    await station.close()
  }
}

function formatQueue(status: QueueStatus, items: QueueItem[]): string {
  const c = status.counts
  const lines = [
    bilingualMessage('cli.text.queueCounts', { ...c }),
    bilingualMessage('cli.text.syncState', {
      online: String(status.sync.online ?? '?'),
      lastSuccess: status.sync.lastSuccessAt ?? '—',
    }),
  ]
  if (status.freeze) lines.push(`${bilingualMessage('cli.text.frozen')}: ${status.freeze.message}`)
  if (items.length) lines.push('')
  for (const item of items) {
    const note =
      item.state === 'dead'
        ? `dead: ${item.deadReason ?? ''}`
        : item.upstreamState === 'rejected'
          ? `rejected: ${item.upstreamReason ?? ''}`
          : item.state === 'queued' && item.lastError
            ? `next ${item.nextAttemptAt}: ${item.lastError}`
            : ''
    lines.push(
      [
        item.fileId,
        item.state.padEnd(6),
        (item.upstreamState ?? '-').padEnd(8),
        String(item.size).padStart(9),
        `tries ${item.attempts}`,
        item.submittedAt,
        note,
      ]
        .join('  ')
        .trimEnd(),
    )
  }
  return lines.join('\n')
}
