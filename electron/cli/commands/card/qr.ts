import { ParseError } from '../../../../lib/parse-error'
import { parseCccdQr } from '../../../../drivers/smartcard'
import { parseCommandArgs } from '../../args'
import { CliError, type CliIo } from '../../output'
import { EXIT } from '../../exit-codes'

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
    ['Số định danh / ID number', qr.idNumber],
    ['Số CMND cũ / Old ID', qr.oldIdNumber],
    ['Họ tên / Full name', qr.fullName],
    ['Ngày sinh / Date of birth', qr.dateOfBirth],
    ['Giới tính / Sex', qr.sex],
    ['Nơi thường trú / Address', qr.address],
    ['Ngày cấp / Date of issue', qr.dateOfIssue],
  ]
  io.out(rows.map(([label, value]) => `${label.padEnd(28)} ${value ?? '—'}`).join('\n'))
  return 0
}
