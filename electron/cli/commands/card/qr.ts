import { ParseError } from '../../../../lib/parse-error'
import { parseCccdQr } from '../../../../drivers/smartcard'
import { parseCommandArgs } from '../../args'
import { CliError, type CliIo } from '../../output'
import { EXIT } from '../../exit-codes'
import { bilingualMessage } from '../../../../lib/messages'

/** `kiosk card qr "PAYLOAD" [--json]`: the fields of the QR code printed on a CCCD. */
export function cardQrCommand(argv: readonly string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } })
  const [payload, ...extra] = positionals
  if (payload === undefined || extra.length) {
    throw new CliError('cli.errors.giveExactlyOneQrPayload', {}, EXIT.USAGE)
  }
  let qr
  try {
    qr = parseCccdQr(payload)
  } catch (error) {
    if (error instanceof ParseError) {
      throw new CliError('cli.errors.notACccdQrPayload', {}, EXIT.FAILED, error.message)
    }
    throw error
  }
  if (values.json) {
    io.out(JSON.stringify(qr, null, 2))
    return 0
  }
  const rows: [string, string | null][] = [
    [bilingualMessage('cli.text.idNumber'), qr.idNumber],
    [bilingualMessage('cli.text.oldId'), qr.oldIdNumber],
    [bilingualMessage('cli.text.fullName'), qr.fullName],
    [bilingualMessage('cli.text.dateOfBirth'), qr.dateOfBirth],
    [bilingualMessage('cli.text.sex'), qr.sex],
    [bilingualMessage('cli.text.address'), qr.address],
    [bilingualMessage('cli.text.dateOfIssue'), qr.dateOfIssue],
  ]
  io.out(rows.map(([label, value]) => `${label.padEnd(28)} ${value ?? '—'}`).join('\n'))
  return 0
}
