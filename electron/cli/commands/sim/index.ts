import { CliError, type CliIo } from '../../output'
import { simCardCommand } from './card'

/** `kiosk sim card …`: simulated devices that real drivers can talk to. */
export async function simCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  stopSignal: Promise<void>,
): Promise<number> {
  const [sub, ...rest] = argv
  switch (sub) {
    case 'card':
      return simCardCommand(rest, io, env, stopSignal)
    default:
      throw new CliError('Lệnh sim cần: card', 'sim needs: card', sub ?? null, 1)
  }
}
