import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { openStationCore } from './station-core'
import { EXIT } from '../exit-codes'

/** `kiosk terminal register CODE`: registers this station's key with the configured upstream. */
export async function terminalRegisterCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { positionals, values } = parseCommandArgs(argv, { json: { type: 'boolean' } })
  const code = positionals[0]
  if (!code)
    throw new CliError('cli.errors.missingInviteCode', {}, EXIT.USAGE, 'terminal register CODE')
  const station = await openStationCore(argv, env)
  try {
    if (!station.core.queue.upstream())
      throw new CliError(
        'cli.errors.noUpstreamIsConfigured',
        {},
        EXIT.FAILED,
        'set --upstream-url or KIOSK_UPSTREAM_URL',
      )
    let registration
    try {
      registration = await station.core.queue.register(code)
    } catch (error) {
      throw new CliError('cli.errors.registrationFailed', {}, EXIT.FAILED, (error as Error).message)
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
