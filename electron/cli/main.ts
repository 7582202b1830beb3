import { errorMessage } from '../contract'
import { cardCommand } from './commands/card'
import { doctorCommand } from './commands/doctor'
import { fpCommand } from './commands/fp'
import { hostCommand } from './commands/host'
import { queueCommand } from './commands/queue'
import { syncCommand } from './commands/sync'
import { terminalCommand } from './commands/terminal'
import { upstreamCommand } from './commands/upstream'
import { simCommand } from './commands/sim'
import { CliError, processIo, type CliIo } from './output'

const USAGE = `Usage / Cách dùng: kiosk <command> [options]

Commands / Lệnh:
  host     Serve the kiosk UI on 127.0.0.1 for a browser / Chạy giao diện trên 127.0.0.1
           [--port N]
  doctor   Report versions, data directory and devices / Kiểm tra phiên bản, dữ liệu, thiết bị
           [--json]
  card read    Read and verify a chip ID card / Đọc và xác thực chip CCCD
           [--reader NAME] (--can DIGITS | --id ID12 | --mrz-info DOCNO,YYMMDD,YYMMDD)
           [--trust DIR] [--out DIR] [--json]
  card verify  Passive authentication of a dump / Xác thực thụ động dữ liệu đã đọc
           DIR --trust DIR [--json]
  card qr      Decode the QR code of a CCCD / Giải mã QR trên CCCD   "PAYLOAD" [--json]
  sim card     A virtual CCCD in the vpcd reader until stopped / Thẻ CCCD ảo trong đầu đọc vpcd
           [--scenario NAME] [--id ID12 | --citizen SEED] [--port 35964] [--pki DIR]
  fp list  Fingerprint scanners found / Các đầu đọc vân tay tìm thấy [--json]
  fp capture --finger NAME [--device sim|sim:hid|sim:sbi|serial:PATH|hid:VID:PID|sbi[:PORT]]
           Capture one finger, write its ISO 19794-4 record / Lấy một vân tay, ghi bản ghi ISO
           [--out DIR] [--json] [--baud N] [--attempts N] [--timeout S] [--trust CA.pem]
           [--format jp2|png]   exit 0 ok, 1 failed, 3 no device answers / không có thiết bị
  queue    Outbox: ls [--json] [--state S] [--limit N], export DIR, retry FILE_ID
           / Hàng đợi hồ sơ: xem, xuất ra thiết bị rời, gửi lại
  sync     run [--until-empty] [--json]: send queued files, pull statuses / Đồng bộ hồ sơ
  sim enroll   --count N [--scenario NAME] [--citizen PREFIX] [--json]: submit simulated files
           (virtual CCCD read, synthetic fingers) / Tạo hồ sơ mô phỏng (đọc CCCD ảo, vân tay)
           [--placeholders [--size BYTES]]: filler files for load tests / hồ sơ giữ chỗ
  terminal register CODE: register this station with the upstream / Đăng ký trạm
  upstream Reference intake server: serve, stats, invite, pubkey, import / Máy chủ tiếp nhận
           ("kiosk upstream help")

Exit codes / Mã thoát: 0 ok, 1 error, 2 access denied, 3 no reader, card or device,
  4 verification failed

Configuration flags (every command) / Cờ cấu hình:
  --data-dir DIR (--data)        or KIOSK_DATA_DIR
  --devices auto|simulated|real  or KIOSK_DEVICES
  --upstream-url URL             or KIOSK_UPSTREAM_URL
  --lang vi|en                   or KIOSK_LANG`

export interface CliContext {
  io?: CliIo
  env?: NodeJS.ProcessEnv
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running commands await it. */
  stopSignal?: Promise<void>
}

/** Runs one `kiosk` command and returns its exit code. Errors become one bilingual line. */
export async function runCli(argv: readonly string[], context: CliContext = {}): Promise<number> {
  const io = context.io ?? processIo
  const env = context.env ?? process.env
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'host':
        return await hostCommand(rest, io, env, context.stopSignal ?? untilSignalled())
      case 'doctor':
        return await doctorCommand(rest, io, env)
      case 'card':
        return await cardCommand(rest, io, env)
      case 'sim':
        return await simCommand(rest, io, env, context.stopSignal ?? untilSignalled())
      case 'fp':
        return await fpCommand(rest, io, env)
      case 'queue':
        return await queueCommand(rest, io, env)
      case 'sync':
        return await syncCommand(rest, io, env, context.stopSignal ?? untilSignalled())
      case 'terminal':
        return await terminalCommand(rest, io, env)
      case 'upstream':
        return await upstreamCommand(rest, io, env, context.stopSignal ?? untilSignalled())
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE)
        return command === undefined ? 1 : 0
      default:
        throw new CliError('Lệnh không tồn tại', 'Unknown command', command, 1)
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message)
      return error.exitCode
    }
    io.err(`Lỗi không mong đợi / Unexpected error: ${errorMessage(error)}`)
    return 1
  }
}

function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}
