import { passiveAuthentication } from '../../../../drivers/smartcard'
import type { PassiveAuthenticationResult } from '../../../../drivers/smartcard'
import { parseCommandArgs } from '../../args'
import { CliError, type CliIo } from '../../output'
import { readDump } from './dump-files'
import { formatPassiveAuth } from './format'
import { loadCliTrust } from './trust'
import { EXIT } from '../../exit-codes'

/** `kiosk card verify DIR --trust DIR [--json]`: passive authentication of a dump, offline. */
export async function cardVerifyCommand(
  argv: readonly string[],
  io: CliIo,
  now: () => Date = () => new Date(),
): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: 'boolean' },
    trust: { type: 'string' },
  })
  const [dir, ...extra] = positionals
  if (dir === undefined || extra.length) {
    throw new CliError('cli.errors.giveExactlyOneDumpDirectory', {}, EXIT.USAGE)
  }
  if (values.trust === undefined) {
    throw new CliError('cli.errors.missingTrustDir', {}, EXIT.USAGE)
  }
  let dump
  try {
    dump = await readDump(dir)
  } catch (error) {
    throw new CliError(
      'cli.errors.cannotReadTheDirectory',
      {},
      EXIT.FAILED,
      (error as Error).message,
    )
  }
  if (!dump.sod) {
    throw new CliError('cli.errors.theDirectoryHasNoEf', {}, EXIT.FAILED, dir)
  }
  const trust = await loadCliTrust(values.trust)
  const passiveAuth: PassiveAuthenticationResult = passiveAuthentication({
    sod: dump.sod,
    dataGroups: dump.dataGroups,
    trust,
    now: now(),
  })
  if (values.json) {
    io.out(JSON.stringify({ passiveAuth, trustProblems: trust.problems }, null, 2))
  } else {
    io.out(formatPassiveAuth(passiveAuth))
  }
  return passiveAuth.verdict === 'valid' ? EXIT.OK : EXIT.VERIFICATION_FAILED
}
