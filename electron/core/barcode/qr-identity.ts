import { parseCccdQr, type CccdQr } from '../../../drivers/smartcard'
import { KioskError, type ParsedCccdQr } from '../../contract'

/** '1950', '1950-03' or '1950-03-15' (the parser's partial ISO) → YYYY-MM-DD with 00 where unknown. */
export function dateTextOf(iso: string): string {
  const [year = '0000', month = '00', day = '00'] = iso.split('-')
  return `${year}-${month}-${day}`
}

/** The parser's fields as the enrollment's Person (a CCCD holder is Vietnamese). */
export function parsedCccdQrOf(qr: CccdQr): ParsedCccdQr {
  return {
    person: {
      fullName: qr.fullName,
      idNumber: qr.idNumber,
      dateOfBirth: dateTextOf(qr.dateOfBirth),
      sex: qr.sex,
      nationality: 'vn',
      placeOfResidence: qr.address === '' ? null : qr.address.slice(0, 500),
    },
    document: 'cccd',
    dateOfIssue: qr.dateOfIssue === null ? null : dateTextOf(qr.dateOfIssue),
    oldIdNumber: qr.oldIdNumber,
    variant: qr.variant,
  }
}

/**
 * `barcode.parseCccdQr`: the text a scanner, the webcam or a paste gave. Anything that is not a
 * CCCD QR code is E_QR_INVALID, whose sentence tells the officer to rescan or type the ID.
 */
export function parseQrPayload(payload: string): ParsedCccdQr {
  let qr: CccdQr
  try {
    qr = parseCccdQr(payload)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new KioskError('E_QR_INVALID', `not a CCCD QR code: ${why}`, {
      key: 'errors.E_QR_INVALID',
    })
  }
  return parsedCccdQrOf(qr)
}
