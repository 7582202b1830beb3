import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createStderrLogger } from '../../core'
import { startUpstream, UPSTREAM_PUBLIC_KEYS_FILE } from '../../../upstream/server'
import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { preparedUpstreamDataDir } from './upstream-data-dir'
import { EXIT } from '../exit-codes'
import { bilingualMessage } from '../../../lib/messages'

/** The certificate chain and key files of `--tls-cert` / `--tls-key` (both or neither). */
function tlsFiles(values: Record<string, unknown>): { cert: Buffer; key: Buffer } | undefined {
  const cert = values['tls-cert']
  const key = values['tls-key']
  if (cert === undefined && key === undefined) return undefined
  if (typeof cert !== 'string' || typeof key !== 'string')
    throw new CliError('cli.errors.tlsNeedsCertAndKey', {}, EXIT.USAGE)
  try {
    return { cert: readFileSync(cert), key: readFileSync(key) }
  } catch (error) {
    throw new CliError('cli.errors.tlsFilesUnreadable', {}, EXIT.USAGE, (error as Error).message)
  }
}

/**
 * `kiosk upstream serve [--port P] [--host H] [--data DIR] [--tls-cert F --tls-key F]`: runs
 * until SIGINT/SIGTERM; HTTPS with the PEM certificate chain and key when both are given.
 */
export async function upstreamServeCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  stopSignal: Promise<void>,
): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
  })
  const port = Number(values.port ?? '0')
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError('cli.errors.invalidPort', {}, EXIT.USAGE, String(values.port))
  const tls = tlsFiles(values)
  const dataDir = preparedUpstreamDataDir(values, env)
  const logger = createStderrLogger()
  let upstream
  try {
    upstream = await startUpstream({
      dataDir,
      port,
      host: typeof values.host === 'string' ? values.host : '127.0.0.1',
      ...(tls ? { tls } : {}),
      log: (message, fields) => logger.info(message, fields),
    })
  } catch (error) {
    throw new CliError(
      'cli.errors.couldNotStartTheUpstream',
      {},
      EXIT.FAILED,
      (error as Error).message,
    )
  }
  io.out(`${bilingualMessage('cli.text.intakeServer')}: ${upstream.url}`)
  io.out(`${bilingualMessage('cli.text.reviewPage')}: ${upstream.reviewUrl}`)
  if (!upstream.reviewers.list().length)
    io.out(bilingualMessage('cli.text.noReviewersYet', { dir: dataDir }))
  io.out(`${bilingualMessage('cli.text.publicKeys')}: ${join(dataDir, UPSTREAM_PUBLIC_KEYS_FILE)}`)
  io.out(`${bilingualMessage('cli.text.data')}: ${dataDir}`)
  await stopSignal
  await upstream.close()
  return 0
}
