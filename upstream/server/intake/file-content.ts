import { z } from 'zod'
import {
  ConsentRecordSchema,
  EnrollmentRecordSchema,
  PORTRAIT_ASSESSMENT_PART,
  PortraitAssessmentPartSchema,
  type OpenedPacket,
  type OpenedPart,
  type EnrollmentRecord,
  type PartKind,
} from '../../../protocol/packet'
import { findTlv, readTlv } from '../../../lib/asn1/tlv'
import { ParseError } from '../../../lib/parse-error'
import { dataGroup } from '../../../drivers/smartcard'
import { dataGroupNumberOf } from './chip-verification'
import { safeParse } from '../../../lib/schema'

/** Every level-2 file carries at least one part of each of these kinds. */
export const REQUIRED_PART_KINDS: readonly PartKind[] = [
  'chip.sod',
  'chip.dg',
  'portrait',
  'finger',
  'consent',
  'contact',
]

/** The `contact` part (application/json), written by the kiosk. */
export const ContactPartSchema = z.object({
  /** Vietnamese mobile number, national (0…) or international (+84…) form. */
  phone: z.string().regex(/^(\+84|0)[0-9]{9,10}$/),
  /** The citizen's full name if the kiosk put it here; otherwise it is read from the chip. */
  name: z.string().min(1).max(200).optional(),
})
export type ContactPart = z.infer<typeof ContactPartSchema>

/** Files from before the consent record had its version and text hash carry `agreed` only. */
const ConsentPartSchema = z.union([
  ConsentRecordSchema,
  z.object({ agreed: z.literal(true) }).passthrough(),
])

/** Chip parts a file without a chip read (a citizen without a chip card) does not have. */
const CHIP_KINDS: readonly PartKind[] = ['chip.sod', 'chip.dg']

// A Map, not an object: a media type such as "constructor" must find nothing, not Object's own.
const MAGIC = new Map<string, readonly number[]>([
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  // ISO/IEC 19794-5 face, 19794-4 finger image, 19794-2 finger minutiae: "FAC\0", "FIR\0", "FMR\0".
  ['application/x-iso19794-5', [0x46, 0x41, 0x43, 0x00]],
  ['application/x-iso19794-4', [0x46, 0x49, 0x52, 0x00]],
  ['application/x-iso19794-2', [0x46, 0x4d, 0x52, 0x00]],
])

function startsWith(data: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => data[i] === byte)
}

function parseJson(part: OpenedPart): unknown {
  try {
    return JSON.parse(Buffer.from(part.data).toString('utf8'))
  } catch {
    return undefined
  }
}

/** One BER-TLV filling the part exactly, with the tag expected for its kind. */
function checkTlv(part: OpenedPart, expectedTag?: number): string | null {
  try {
    const tlv = readTlv(part.data)
    if (tlv.size !== part.data.byteLength) return `${part.entry.name}: bytes after the TLV`
    if (expectedTag !== undefined && tlv.tag !== expectedTag)
      return `${part.entry.name}: tag ${tlv.tag.toString(16)} is not ${expectedTag.toString(16)}`
    return null
  } catch (error) {
    if (error instanceof ParseError) return `${part.entry.name}: ${error.message}`
    throw error
  }
}

function checkPart(part: OpenedPart): string | null {
  const { entry } = part
  // Contact and consent are always real: the kiosk writes them itself.
  if (entry.kind === 'contact') {
    return safeParse(ContactPartSchema, parseJson(part)).success
      ? null
      : `${entry.name}: not a contact record with a Vietnamese phone number`
  }
  if (entry.kind === 'consent') {
    return safeParse(ConsentPartSchema, parseJson(part)).success
      ? null
      : `${entry.name}: consent is not recorded as agreed`
  }
  if (entry.kind === 'enrollment') {
    return entry.mediaType === 'application/json' &&
      safeParse(EnrollmentRecordSchema, parseJson(part)).success
      ? null
      : `${entry.name}: not an enrollment record`
  }
  // Placeholder parts stand in for device layers that do not exist yet: nothing to parse.
  if (entry.placeholder) return null
  if (entry.kind === 'chip.sod') return checkTlv(part, 0x77)
  if (entry.kind === 'chip.dg') {
    // Passive authentication finds a data group's hash in EF.SOD by its number: the name gives it.
    const number = dataGroupNumberOf(entry.name)
    if (number === null) return `${entry.name}: not a data group name (chip/DG1 … chip/DG16)`
    return checkTlv(part, dataGroup(number).tag ?? undefined)
  }
  // The kiosk's own record of how the portrait was judged and matched, beside the face record.
  if (entry.name === PORTRAIT_ASSESSMENT_PART) {
    return entry.mediaType === 'application/json' &&
      safeParse(PortraitAssessmentPartSchema, parseJson(part)).success
      ? null
      : `${entry.name}: not a portrait assessment`
  }
  const magic = MAGIC.get(entry.mediaType)
  if ((entry.kind === 'portrait' || entry.kind === 'finger') && !magic)
    return `${entry.name}: unsupported media type ${entry.mediaType}`
  if (magic && !startsWith(part.data, magic))
    return `${entry.name}: content is not ${entry.mediaType}`
  return null
}

/**
 * Content rules beyond what openPacket checks (envelope, signature, hashes): every required kind
 * present, contact and consent records parse, and real (non-placeholder) records have the
 * structure their media type announces. Returns the problems found, empty when valid.
 */
export function contentProblems(opened: OpenedPacket): string[] {
  const problems: string[] = []
  const kinds = new Set(opened.parts.map((p) => p.entry.kind))
  const withoutChip = enrolledWithoutChip(opened)
  for (const kind of REQUIRED_PART_KINDS) {
    if (withoutChip && CHIP_KINDS.includes(kind)) continue
    if (!kinds.has(kind)) problems.push(`no ${kind} part`)
  }
  for (const part of opened.parts) {
    const problem = checkPart(part)
    if (problem) problems.push(problem)
  }
  return problems
}

/**
 * A file without chip parts: a citizen without a chip card (enrolled together with the CCCD
 * application) or an identity only typed in or from the QR code (a foreigner whose passport chip
 * could not be read). Allowed only when the enrollment record says where the identity came from
 * and a supervisor approved exactly that ('no-chip-card', 'identity-without-chip-read').
 */
export function enrolledWithoutChip(opened: OpenedPacket): boolean {
  const source = enrollmentRecordOf(opened)?.identity.source
  if (source === undefined || source === 'chip') return false
  const needed = source === 'papers' ? 'no-chip-card' : 'identity-without-chip-read'
  return (opened.manifest.approvals ?? []).some((a) => a.exception === needed)
}

/** The kiosk's enrollment record (identity source, eligibility, documents), if the file has one. */
export function enrollmentRecordOf(opened: OpenedPacket): EnrollmentRecord | undefined {
  const part = opened.parts.find((p) => p.entry.kind === 'enrollment')
  if (!part) return undefined
  const parsed = safeParse(EnrollmentRecordSchema, parseJson(part))
  return parsed.success ? parsed.data : undefined
}

export function contactOf(opened: OpenedPacket): ContactPart | undefined {
  const part = opened.parts.find((p) => p.entry.kind === 'contact')
  if (!part) return undefined
  const parsed = safeParse(ContactPartSchema, parseJson(part))
  return parsed.success ? parsed.data : undefined
}

/**
 * The holder's name from DG1's MRZ (tag 61 → 5F1F): TD1 cards (CCCD, 90 characters) carry it on
 * the third line, TD3 passports (88) on the first after the country. Surname first, as Vietnamese
 * names are written. Undefined when DG1 is absent, a placeholder, or unreadable.
 */
export function mrzNameOf(opened: OpenedPacket): string | undefined {
  const dg1 = opened.parts.find(
    (p) => p.entry.kind === 'chip.dg' && /DG1$/i.test(p.entry.name) && !p.entry.placeholder,
  )
  if (!dg1) return undefined
  let mrz: string
  try {
    const outer = readTlv(dg1.data)
    if (outer.tag !== 0x61) return undefined
    const inner = findTlv([readTlv(outer.value)], 0x5f1f)
    if (!inner) return undefined
    mrz = Buffer.from(inner.value).toString('latin1')
  } catch (error) {
    if (error instanceof ParseError) return undefined
    throw error
  }
  const field = mrz.length === 90 ? mrz.slice(60, 90) : mrz.length === 88 ? mrz.slice(5, 44) : ''
  const [surname = '', given = ''] = field.split('<<')
  const name = [surname, given]
    .map((s) => s.replace(/</g, ' ').trim())
    .filter(Boolean)
    .join(' ')
  return name || undefined
}
