import { CliError, type CliIo } from '../output'
import {
  upstreamImportCommand,
  upstreamInviteCommand,
  upstreamPubkeyCommand,
} from './upstream-admin'
import { upstreamServeCommand } from './upstream-serve'
import { upstreamStatsCommand } from './upstream-stats'

export const UPSTREAM_USAGE = `Usage / Cách dùng: kiosk upstream <command> [--data DIR]

The reference intake server / Máy chủ tiếp nhận tham chiếu:
  serve   [--port P] [--host H]   Run it / Chạy máy chủ
  stats   [--json]                Files received, approved, rejected, duplicates / Thống kê
  invite  [--ttl-hours N]         One-time code to register a terminal / Mã đăng ký máy trạm
  pubkey                          Print the public keys the kiosk pins / In khóa công khai
  import  MEDIA_DIR [--json]      Import export media / Nhập hồ sơ từ thiết bị lưu trữ

DIR defaults to KIOSK_UPSTREAM_DATA_DIR, else "upstream" in the kiosk's default data directory.`

/** `kiosk upstream …`: the reference intake server and its administration. */
export async function upstreamCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  stopSignal: Promise<void>,
): Promise<number> {
  const [sub, ...rest] = argv
  switch (sub) {
    case 'serve':
      return upstreamServeCommand(rest, io, env, stopSignal)
    case 'stats':
      return upstreamStatsCommand(rest, io, env)
    case 'invite':
      return upstreamInviteCommand(rest, io, env)
    case 'pubkey':
      return upstreamPubkeyCommand(rest, io, env)
    case 'import':
      return upstreamImportCommand(rest, io, env)
    case undefined:
    case 'help':
    case '--help':
      io.out(UPSTREAM_USAGE)
      return sub === undefined ? 1 : 0
    default:
      throw new CliError('Lệnh không tồn tại', 'Unknown command', `upstream ${sub}`, 1)
  }
}
