import { randomBytes } from 'node:crypto'
import { KioskError } from '../../contract'
import { syntheticEnrollmentParts } from '../../core/queue'
import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { openStationCore } from './station-core'

/**
 * `kiosk sim enroll --count N [--size BYTES] [--officer ID]`: builds N complete synthetic
 * enrollment files through the real submit path (sign, encrypt, outbox, queue, audit) and prints
 * each file id once it is committed.
 */
export async function simCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [sub, ...rest] = argv
  if (sub !== 'enroll')
    throw new CliError(
      'Lệnh con không tồn tại',
      'Unknown subcommand',
      `sim ${sub ?? ''} (enroll)`,
      1,
    )
  const { values } = parseCommandArgs(rest, {
    count: { type: 'string' },
    size: { type: 'string' },
    officer: { type: 'string' },
    json: { type: 'boolean' },
  })
  const count = Number(values.count ?? '1')
  const size = Number(values.size ?? String(512 * 1024))
  if (!Number.isInteger(count) || count < 1)
    throw new CliError('Số hồ sơ không hợp lệ', 'Invalid count', String(values.count), 1)
  if (!Number.isInteger(size) || size < 4096 || size > 32 * 1024 * 1024)
    throw new CliError('Cỡ hồ sơ không hợp lệ', 'Invalid size', String(values.size), 1)
  const officerId = values.officer ?? 'sim-officer'
  // A station with no upstream registers with the training upstream first, as `npm run host` does.
  const station = await openStationCore(rest, env, { withUpstream: true })
  try {
    const ids: string[] = []
    for (let i = 0; i < count; i++) {
      let result
      try {
        result = station.core.submit({
          officerId,
          startedAt: new Date().toISOString(),
          parts: syntheticEnrollmentParts(randomBytes, size),
          simulated: true,
        })
      } catch (error) {
        if (error instanceof KioskError && error.code === 'E_FROZEN')
          throw new CliError('Trạm tạm ngừng nhận hồ sơ', 'Enrollment refused', error.message, 3)
        throw error
      }
      ids.push(result.fileId)
      if (!values.json) io.out(`submitted ${result.fileId} ${result.size}`)
    }
    if (values.json) io.out(JSON.stringify({ submitted: ids }))
    return 0
  } finally {
    await station.close()
  }
}
