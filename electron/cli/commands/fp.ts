import type { CliIo } from '../output'
import { CliError } from '../output'
import { fpCaptureCommand } from './fp-capture'
import { fpListCommand } from './fp-list'

/** `kiosk fp list|capture …`: fingerprint scanners from the command line. */
export async function fpCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [sub, ...rest] = argv
  switch (sub) {
    case 'list':
      return fpListCommand(rest, io, env)
    case 'capture':
      return fpCaptureCommand(rest, io, env)
    default:
      throw new CliError('Lệnh không tồn tại', 'Unknown command', `fp ${sub ?? ''}`.trim(), 1)
  }
}
