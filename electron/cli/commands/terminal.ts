import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { openStationCore } from './station-core'

/** `kiosk terminal register CODE`: registers this station's key with the configured upstream. */
export async function terminalCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [sub, ...rest] = argv
  if (sub !== 'register')
    throw new CliError(
      'Lệnh con không tồn tại',
      'Unknown subcommand',
      `terminal ${sub ?? ''} (register)`,
      1,
    )
  const { positionals, values } = parseCommandArgs(rest, { json: { type: 'boolean' } })
  const code = positionals[0]
  if (!code) throw new CliError('Thiếu mã mời', 'Missing invite code', 'terminal register CODE', 1)
  const station = await openStationCore(rest, env)
  try {
    if (!station.core.queue.upstream())
      throw new CliError(
        'Chưa cấu hình máy chủ',
        'No upstream is configured',
        'set --upstream-url or KIOSK_UPSTREAM_URL',
        1,
      )
    let registration
    try {
      registration = await station.core.queue.register(code)
    } catch (error) {
      throw new CliError('Đăng ký thất bại', 'Registration failed', (error as Error).message, 1)
    }
    io.out(
      values.json
        ? JSON.stringify(registration, null, 2)
        : `Đã đăng ký / Registered terminal ${registration.terminalId} (key ${registration.keyId}) with upstream ${registration.upstreamId}`,
    )
    return 0
  } finally {
    await station.close()
  }
}
