import { join } from 'node:path'
import { createStderrLogger } from '../../core'
import { startUpstream, UPSTREAM_PUBLIC_KEYS_FILE } from '../../../upstream/server'
import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { upstreamDataDir } from './upstream-data-dir'

/** `kiosk upstream serve [--port P] [--host H] [--data DIR]`: runs until SIGINT/SIGTERM. */
export async function upstreamServeCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  stopSignal: Promise<void>,
): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
  })
  const port = Number(values.port ?? '0')
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError('Cổng không hợp lệ', 'Invalid port', String(values.port), 1)
  const dataDir = upstreamDataDir(values, env)
  const logger = createStderrLogger()
  let upstream
  try {
    upstream = await startUpstream({
      dataDir,
      port,
      host: typeof values.host === 'string' ? values.host : '127.0.0.1',
      log: (message, fields) => logger.info(message, fields),
    })
  } catch (error) {
    throw new CliError(
      'Không khởi động được máy chủ tiếp nhận',
      'Could not start the upstream',
      (error as Error).message,
      1,
    )
  }
  io.out(`Máy chủ tiếp nhận / Upstream: ${upstream.url}`)
  io.out(`Trang duyệt hồ sơ / Review page: ${upstream.reviewUrl}`)
  io.out(`Khóa công khai / Public keys: ${join(dataDir, UPSTREAM_PUBLIC_KEYS_FILE)}`)
  io.out(`Dữ liệu / Data: ${dataDir}`)
  await stopSignal
  await upstream.close()
  return 0
}
