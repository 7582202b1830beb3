import type { OpenedPacket } from '../../../protocol/packet'
import { parseDg13 } from '../../../drivers/smartcard'
import { ParseError } from '../../../lib/parse-error'
import { contactOf, enrollmentRecordOf, mrzNameOf } from './file-content'

/** The holder's full name from the chip's DG13 (Vietnamese, with diacritics), if it reads. */
export function dg13NameOf(opened: OpenedPacket): string | undefined {
  const dg13 = opened.parts.find(
    (p) => p.entry.kind === 'chip.dg' && /DG13$/i.test(p.entry.name) && !p.entry.placeholder,
  )
  if (!dg13) return undefined
  try {
    return parseDg13(dg13.data).fullName?.trim() || undefined
  } catch (error) {
    if (error instanceof ParseError) return undefined
    throw error
  }
}

/**
 * The citizen's name as the reviewer and the SMS show it: what the officer established at the
 * desk (the enrollment record's identity), else the contact record's, else the chip's DG13 (with
 * diacritics), and only then DG1's MRZ, which has none ("LE DINH VIET" for "Lê Đình Việt").
 */
export function citizenNameOf(opened: OpenedPacket): string | undefined {
  return (
    enrollmentRecordOf(opened)?.identity?.fullName ??
    contactOf(opened)?.name ??
    dg13NameOf(opened) ??
    mrzNameOf(opened)
  )
}
