import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createStderrLogger } from '../../core'
import {
  keysDirOf,
  keysInsideDataDir,
  startUpstream,
  UPSTREAM_PUBLIC_KEYS_FILE,
  isDatabaseUnavailable,
  UpstreamKeysError,
} from '../../../upstream/server'
import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { preparedUpstreamDirs, UPSTREAM_KEYS_OPTION } from './upstream-data-dir'
import { databaseUnreachableCliError, upstreamKeysCliError } from './upstream-open'
import { EXIT } from '../exit-codes'
import { bilingualMessage } from '../../../lib/messages'
import { SMSC_FLAG_OPTIONS, smscFlags, type SmscFlags } from './smsc-flags'

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
    if (error instanceof UpstreamKeysError) throw upstreamKeysCliError(error)
    throw new CliError('cli.errors.tlsFilesUnreadable', {}, EXIT.USAGE, (error as Error).message)
  }
}

/**
 * `kiosk upstream serve [--port P] [--host H] [--data DIR] [--keys DIR] [--tls-cert F --tls-key F]`:
 * runs until SIGINT/SIGTERM; HTTPS with the PEM certificate chain and key when both are given.
 * Keys left inside the data directory are served, with a warning on stderr.
 */
export async function upstreamServeCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  stopSignal: Promise<void>,
): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    ...SMSC_FLAG_OPTIONS,
    port: { type: 'string' },
    host: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    ...UPSTREAM_KEYS_OPTION,
  })
  const port = Number(values.port ?? '0')
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError('cli.errors.invalidPort', {}, EXIT.USAGE, String(values.port))
  // The citizens' SMS go to the SMSC of --smsc; without it they wait in the outbox.
  const smsc = smscFlags(values)
  const tls = tlsFiles(values)
  const dirs = preparedUpstreamDirs(values, env)
  const { dataDir } = dirs
  const logger = createStderrLogger()
  let upstream
  try {
    upstream = await startUpstream({
      ...dirs,
      port,
      host: typeof values.host === 'string' ? values.host : '127.0.0.1',
      ...(tls ? { tls } : {}),
      ...(smsc ? { sms: smsc.delivery } : {}),
      log: (message, fields) => logger.info(message, fields),
    })
  } catch (error) {
    if (error instanceof UpstreamKeysError) throw upstreamKeysCliError(error)
    if (dirs.database !== undefined && isDatabaseUnavailable(error))
      throw databaseUnreachableCliError(dirs.database, error)
    throw new CliError(
      'cli.errors.couldNotStartTheUpstream',
      {},
      EXIT.FAILED,
      (error as Error).message,
    )
  }
  io.out(`${bilingualMessage('cli.text.intakeServer')}: ${upstream.url}`)
  io.out(`${bilingualMessage('cli.text.reviewPage')}: ${upstream.reviewUrl}`)
  io.out(smsLine(smsc))
  if (!(await upstream.reviewers.list()).length)
    io.out(bilingualMessage('cli.text.noReviewersYet', { dir: dataDir }))
  io.out(`${bilingualMessage('cli.text.publicKeys')}: ${join(dataDir, UPSTREAM_PUBLIC_KEYS_FILE)}`)
  io.out(`${bilingualMessage('cli.text.data')}: ${dataDir}`)
  io.out(`${bilingualMessage('cli.text.upstreamKeys')}: ${keysDirOf(dirs)}`)
  if (keysInsideDataDir(dirs)) io.err(bilingualMessage('cli.text.upstreamKeysInsideData'))
  await stopSignal
  await upstream.close()
  return 0
}

/** Where the citizens' SMS go (`--smsc`), or that they wait in the outbox. */
function smsLine(smsc: SmscFlags | undefined): string {
  if (!smsc) return bilingualMessage('cli.text.smsWaiting')
  const { url, systemId, source, rate, retentionDays } = smsc.summary
  return bilingualMessage('cli.text.smsSending', {
    url,
    systemId,
    source,
    rate,
    days: retentionDays,
  })
}
