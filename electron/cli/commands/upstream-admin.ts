import { importExportMedia, UpstreamError } from '../../../upstream/server'
import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { UPSTREAM_KEYS_OPTION } from './upstream-data-dir'
import { openUpstreamFor } from './upstream-open'
import { EXIT } from '../exit-codes'
import { bilingualMessage } from '../../../lib/messages'

const HOUR_MS = 60 * 60 * 1000

/**
 * `kiosk upstream invite [--ttl-hours N]`: prints a registration code for `kiosk terminal
 * register`: a one-time invite with the fingerprint of this upstream's keys.
 */
export async function upstreamInviteCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    'ttl-hours': { type: 'string' },
    ...UPSTREAM_KEYS_OPTION,
  })
  const hours = Number(values['ttl-hours'] ?? '168')
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 365)
    throw new CliError('cli.errors.invalidLifetime', {}, EXIT.USAGE, String(values['ttl-hours']))
  // Opening creates the data directory, keys and database if this is the first use.
  const upstream = await openUpstreamFor(values, env)
  try {
    io.out(await upstream.registrationCode(hours * HOUR_MS))
  } finally {
    await upstream.close()
  }
  return 0
}

/** `kiosk upstream pubkey`: the public key document the kiosk configuration points to. */
export async function upstreamPubkeyCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values } = parseCommandArgs(argv, UPSTREAM_KEYS_OPTION)
  const upstream = await openUpstreamFor(values, env)
  try {
    io.out(JSON.stringify(upstream.keys.publicDocument, null, 2))
  } finally {
    await upstream.close()
  }
  return 0
}

/** `kiosk upstream import MEDIA_DIR [--json]`: files carried from an offline station. */
export async function upstreamImportCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: 'boolean' },
    ...UPSTREAM_KEYS_OPTION,
  })
  const [mediaDir] = positionals
  if (!mediaDir || positionals.length > 1)
    throw new CliError('cli.errors.expectedOneMediaFolder', {}, EXIT.USAGE)
  const upstream = await openUpstreamFor(values, env)
  try {
    const report = await importExportMedia(upstream, mediaDir)
    if (values.json) io.out(JSON.stringify(report))
    else {
      io.out(`${bilingualMessage('cli.text.terminal')}: ${report.terminalId}`)
      io.out(
        `${bilingualMessage('cli.text.received')}: ${report.received.length} / ${report.listed}`,
      )
      io.out(`${bilingualMessage('cli.text.alreadyReceived')}: ${report.duplicates.length}`)
      for (const refused of report.refused)
        io.out(
          `${bilingualMessage('cli.text.refused', { fileId: refused.fileId })}: ${refused.reason}`,
        )
    }
    return report.refused.length ? 2 : 0
  } catch (error) {
    if (error instanceof UpstreamError)
      throw new CliError('cli.errors.importRefused', {}, EXIT.FAILED, error.toBody().error.message)
    throw error
  } finally {
    await upstream.close()
  }
}
