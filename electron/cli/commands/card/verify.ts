import { passiveAuthentication } from '../../../../drivers/smartcard'
import type { PassiveAuthenticationResult } from '../../../../drivers/smartcard'
import { parseCommandArgs } from '../../args'
import { CliError, type CliIo } from '../../output'
import { readDump } from './dump-files'
import { formatPassiveAuth } from './format'
import { loadCliTrust } from './trust'

export const EXIT_VERIFICATION_FAILED = 4

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
    throw new CliError(
      'Cần đúng một thư mục dữ liệu chip',
      'Give exactly one dump directory',
      null,
      1,
    )
  }
  if (values.trust === undefined) {
    throw new CliError('Thiếu --trust DIR', 'Missing --trust DIR', null, 1)
  }
  let dump
  try {
    dump = await readDump(dir)
  } catch (error) {
    throw new CliError(
      'Không đọc được thư mục',
      'Cannot read the directory',
      (error as Error).message,
      1,
    )
  }
  if (!dump.sod) {
    throw new CliError('Thư mục không có EF.SOD.bin', 'The directory has no EF.SOD.bin', dir, 1)
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
  return passiveAuth.verdict === 'valid' ? 0 : EXIT_VERIFICATION_FAILED
}
