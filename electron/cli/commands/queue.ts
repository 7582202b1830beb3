import type { QueueItem, QueueStatus } from '../../contract'
import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { openStationCore } from './station-core'

const STATES = ['queued', 'sent', 'dead'] as const

/** `kiosk queue ls|export|retry`: the outbox as the queue screen shows it. */
export async function queueCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [sub, ...rest] = argv
  switch (sub) {
    case 'ls':
      return queueList(rest, io, env)
    case 'export':
      return queueExport(rest, io, env)
    case 'retry':
      return queueRetry(rest, io, env)
    default:
      throw new CliError(
        'Lệnh con không tồn tại',
        'Unknown subcommand',
        `queue ${sub ?? ''} (ls, export, retry)`,
        1,
      )
  }
}

async function queueList(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv) {
  const { values } = parseCommandArgs(argv, {
    json: { type: 'boolean' },
    state: { type: 'string' },
    limit: { type: 'string' },
  })
  const state = values.state as (typeof STATES)[number] | undefined
  if (state !== undefined && !STATES.includes(state))
    throw new CliError('Trạng thái không hợp lệ', 'Invalid state', String(values.state), 1)
  const limit = Number(values.limit ?? '100')
  if (!Number.isInteger(limit) || limit < 1)
    throw new CliError('Số dòng không hợp lệ', 'Invalid limit', String(values.limit), 1)
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

async function queueExport(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv) {
  const { positionals } = parseCommandArgs(argv, {})
  const destination = positionals[0]
  if (!destination)
    throw new CliError('Thiếu thư mục đích', 'Missing destination folder', 'queue export DIR', 1)
  const station = await openStationCore(argv, env)
  try {
    const result = station.core.queue.exportTo(destination)
    io.out(`Đã xuất / Exported ${result.files} files (${result.bytes} bytes) to ${result.dir}`)
    return 0
  } finally {
    await station.close()
  }
}

async function queueRetry(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv) {
  const { positionals } = parseCommandArgs(argv, {})
  const fileId = positionals[0]
  if (!fileId) throw new CliError('Thiếu mã hồ sơ', 'Missing file id', 'queue retry FILE_ID', 1)
  const station = await openStationCore(argv, env)
  try {
    if (!station.core.queue.sync.retry(fileId, 'cli'))
      throw new CliError('Hồ sơ không ở trạng thái lỗi', 'The file is not dead-lettered', fileId, 1)
    io.out(`Đã đưa lại vào hàng đợi / Requeued ${fileId}`)
    return 0
  } finally {
    await station.close()
  }
}

function formatQueue(status: QueueStatus, items: QueueItem[]): string {
  const c = status.counts
  const lines = [
    `Hàng đợi / Queue: ${c.queued} queued, ${c.sent} sent, ${c.dead} dead` +
      ` (upstream: ${c.received} received, ${c.approved} approved, ${c.rejected} rejected)`,
    `Đồng bộ / Sync: online ${status.sync.online ?? 'unknown'}, last success ${status.sync.lastSuccessAt ?? 'never'}`,
  ]
  if (status.freeze) lines.push(`Tạm ngừng / Frozen: ${status.freeze.message}`)
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
