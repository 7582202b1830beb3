import { canFromIdNumber, validateIdNumber } from '../../../../drivers/smartcard'
import type { AccessKey } from '../../../../drivers/smartcard'
import { CliError } from '../../output'
import { EXIT } from '../../exit-codes'
import { formatMessage } from '../../../../lib/messages'

export interface AccessKeyFlags {
  can?: string
  id?: string
  'mrz-info'?: string
}

const YYMMDD = /^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/

/**
 * Exactly one of --can, --id, --mrz-info. --id gives the CAN (its last 6 digits), so it opens a
 * chip with PACE only; --mrz-info works with PACE and BAC.
 */
export function accessKeyFromFlags(flags: AccessKeyFlags): AccessKey {
  const given = (['can', 'id', 'mrz-info'] as const).filter((k) => flags[k] !== undefined)
  if (given.length !== 1) {
    throw new CliError(
      'cli.errors.giveExactlyOneAccessKey',
      {},
      EXIT.USAGE,
      given.length ? `got ${given.map((g) => `--${g}`).join(' and ')}` : null,
    )
  }
  if (flags.can !== undefined) {
    if (!/^\d{6}$/.test(flags.can)) {
      throw new CliError('cli.errors.theCanMustBe6', {}, EXIT.USAGE, flags.can)
    }
    return { kind: 'CAN', can: flags.can }
  }
  if (flags.id !== undefined) {
    return { kind: 'CAN', can: canFromIdNumber(requireIdNumber(flags.id)) }
  }
  const parts = (flags['mrz-info'] ?? '').split(',').map((p) => p.trim().toUpperCase())
  const [documentNumber, dateOfBirth, dateOfExpiry] = parts
  if (
    parts.length !== 3 ||
    !documentNumber ||
    !/^[A-Z0-9<]{1,20}$/.test(documentNumber) ||
    !dateOfBirth ||
    !YYMMDD.test(dateOfBirth) ||
    !dateOfExpiry ||
    !YYMMDD.test(dateOfExpiry)
  ) {
    throw new CliError('cli.errors.mrzInfoMustBeDocno', {}, EXIT.USAGE, flags['mrz-info'] ?? null)
  }
  return { kind: 'MRZ', documentNumber, dateOfBirth, dateOfExpiry }
}

/** The 12-digit ID from `--id`, or a CliError naming its first problem. */
export function requireIdNumber(id: string, today?: Date): string {
  const validation = validateIdNumber(id, today ? { today } : {})
  if (!validation.valid) {
    const problem = validation.problems[0]
    const key = 'cli.errors.invalidIdNumber'
    // The validator's problem comes with its own texts: "Invalid ID number (the problem)".
    const line = problem
      ? `${formatMessage('vi', key)} (${problem.vi}) / ${formatMessage('en', key)} (${problem.en})`
      : undefined
    throw new CliError(key, {}, EXIT.USAGE, id, line)
  }
  return id
}
