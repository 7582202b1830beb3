import { KioskError, type OfficerRole } from '../../../contract'
import type { OfficerRecord } from '../../../core/store'
import { CliError } from '../../output'
import { EXIT } from '../../exit-codes'
import type { StationCore } from '../station-core'

/** A core refusal (wrong password, locked, policy…) as a CLI error with the same sentence. */
export function cliErrorOf(error: unknown): unknown {
  if (!(error instanceof KioskError)) return error
  const exit = error.code === 'E_OFFICER_REFUSED' || error.code === 'E_PASSWORD_POLICY'
  return new CliError(
    error.sentence?.key ?? `errors.${error.code}`,
    { ...error.sentence?.params },
    exit ? EXIT.FAILED : EXIT.ACCESS_DENIED,
    error.code,
  )
}

/** Signs in with the core's own checks (lockout and audit included). */
export async function signInOrFail(
  station: StationCore,
  username: string,
  password: string,
  role?: OfficerRole,
): Promise<OfficerRecord> {
  let officer: OfficerRecord
  try {
    officer = await station.core.officers.accounts.authenticate(username.toLowerCase(), password)
  } catch (error) {
    throw cliErrorOf(error)
  }
  if (role && officer.role !== role)
    throw new CliError('cli.errors.supervisorRequired', {}, EXIT.ACCESS_DENIED, officer.role)
  return officer
}
