import { CliError, type CliIo } from '../../output'
import { cardQrCommand } from './qr'
import { cardReadCommand } from './read'
import { cardVerifyCommand } from './verify'

/** `kiosk card read|verify|qr …` */
export async function cardCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const [sub, ...rest] = argv
  switch (sub) {
    case 'read':
      return cardReadCommand(rest, io, env)
    case 'verify':
      return cardVerifyCommand(rest, io)
    case 'qr':
      return cardQrCommand(rest, io)
    default:
      throw new CliError(
        'Lệnh card cần read, verify hoặc qr',
        'card needs read, verify or qr',
        sub ?? null,
        1,
      )
  }
}
