import { CliError, type CliIo } from '../../output'
import { simCommand as simEnrollCommand } from '../sim-enroll'
import { simCardCommand } from './card'

/** `kiosk sim card …` (a virtual CCCD in a vpcd reader), `kiosk sim enroll …` (synthetic files). */
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
    case 'enroll':
      return simEnrollCommand(argv, io, env)
    default:
      throw new CliError('Lệnh sim cần: card, enroll', 'sim needs: card, enroll', sub ?? null, 1)
  }
}
