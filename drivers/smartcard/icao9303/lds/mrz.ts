import { ParseError } from '../../../../lib/parse-error'
import { mrzCheckDigit } from '../access-key'

/**
 * Machine readable zone (ICAO 9303-3/4/5). TD1 = ID card (3 × 30), TD2 = 2 × 36, TD3 = passport
 * (2 × 44). Every check digit is verified and reported; a wrong one does not make parsing fail,
 * because the caller decides what a bad MRZ means (reject, warn, ask the officer).
 */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3'

export interface MrzCheck {
  /** The character printed where the check digit belongs. */
  printed: string
  /** The check digit computed over the field. */
  computed: number
  valid: boolean
}

export interface MrzChecks {
  documentNumber: MrzCheck
  dateOfBirth: MrzCheck
  dateOfExpiry: MrzCheck
  composite: MrzCheck
  /** TD3 only: the check digit of the personal number (optional data). */
  optionalData?: MrzCheck
}

export interface Mrz {
  format: MrzFormat
  lines: string[]
  documentCode: string
  issuingState: string
  /** Full document number, including the part that overflowed into the optional data (TD1/TD2). */
  documentNumber: string
  /** True when the number was longer than 9 characters ('<' in the check-digit position). */
  documentNumberOverflow: boolean
  /** YYMMDD as printed ('<' where unknown). */
  dateOfBirth: string
  sex: 'M' | 'F' | 'X' | '<'
  dateOfExpiry: string
  nationality: string
  surname: string
  givenNames: string
  /** Optional data (TD1 line 1 / TD2 line 2 after any overflow; TD3 personal number), trailing '<' removed. */
  optionalData: string
  /** TD1 only: optional data of line 2, trailing '<' removed. */
  optionalData2: string
  checks: MrzChecks
  /** All check digits valid. */
  valid: boolean
}

const LINE_SHAPES: Record<MrzFormat, { lines: number; length: number }> = {
  TD1: { lines: 3, length: 30 },
  TD2: { lines: 2, length: 36 },
  TD3: { lines: 2, length: 44 },
}

/**
 * Parses MRZ text: lines separated by LF/CRLF (3 × 30, 2 × 36 or 2 × 44), or one run of 90, 72
 * or 88 characters as DG1 stores it. Spaces around lines are ignored; anything else not in
 * [A-Z0-9<] is a ParseError.
 */
export function parseMrz(text: string): Mrz {
  const lines = splitLines(text)
  const format = detectFormat(lines)
  for (const line of lines) {
    if (!/^[A-Z0-9<]+$/.test(line)) throw new ParseError('mrz', 'characters outside A-Z, 0-9, <')
  }
  return format === 'TD1' ? parseTd1(lines) : parseTd2Or3(format, lines)
}

function splitLines(text: string): string[] {
  const raw = text
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
  if (raw.length !== 1) return raw
  const single = raw[0] ?? ''
  for (const shape of Object.values(LINE_SHAPES)) {
    if (single.length === shape.lines * shape.length) {
      return Array.from({ length: shape.lines }, (_, i) =>
        single.slice(i * shape.length, (i + 1) * shape.length),
      )
    }
  }
  return raw
}

function detectFormat(lines: readonly string[]): MrzFormat {
  const formats = Object.keys(LINE_SHAPES) as MrzFormat[]
  const found = formats.find((format) => {
    const { lines: count, length } = LINE_SHAPES[format]
    return lines.length === count && lines.every((l) => l.length === length)
  })
  if (found) return found
  const lengths = lines.map((l) => l.length).join('+')
  throw new ParseError('mrz', `not a TD1, TD2 or TD3 MRZ (line lengths ${lengths || 'none'})`)
}

function parseTd1(lines: readonly string[]): Mrz {
  const [l1 = '', l2 = '', l3 = ''] = lines
  const doc = documentNumberWithOverflow(l1.slice(5, 14), l1.charAt(14), l1.slice(15, 30))
  const name = splitName(l3)
  const checks: MrzChecks = {
    documentNumber: doc.check,
    dateOfBirth: check(l2.slice(0, 6), l2.charAt(6)),
    dateOfExpiry: check(l2.slice(8, 14), l2.charAt(14)),
    composite: check(
      l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29),
      l2.charAt(29),
    ),
  }
  return {
    format: 'TD1',
    lines: [...lines],
    documentCode: stripFiller(l1.slice(0, 2)),
    issuingState: stripFiller(l1.slice(2, 5)),
    documentNumber: doc.number,
    documentNumberOverflow: doc.overflow,
    dateOfBirth: l2.slice(0, 6),
    sex: sexOf(l2.charAt(7)),
    dateOfExpiry: l2.slice(8, 14),
    nationality: stripFiller(l2.slice(15, 18)),
    surname: name.surname,
    givenNames: name.givenNames,
    optionalData: stripFiller(doc.optionalData),
    optionalData2: stripFiller(l2.slice(18, 29)),
    checks,
    valid: allValid(checks),
  }
}

function parseTd2Or3(format: 'TD2' | 'TD3', lines: readonly string[]): Mrz {
  const [l1 = '', l2 = ''] = lines
  const width = l1.length
  const name = splitName(l1.slice(5))
  // TD2 line 2 positions 29–35 are optional data; TD3 positions 29–42 the personal number + 43 its check.
  const optionalEnd = format === 'TD3' ? 42 : width - 1
  const doc =
    format === 'TD2'
      ? documentNumberWithOverflow(l2.slice(0, 9), l2.charAt(9), l2.slice(28, optionalEnd))
      : {
          number: stripFiller(l2.slice(0, 9)),
          overflow: false,
          check: check(l2.slice(0, 9), l2.charAt(9)),
          optionalData: l2.slice(28, optionalEnd),
        }
  const checks: MrzChecks = {
    documentNumber: doc.check,
    dateOfBirth: check(l2.slice(13, 19), l2.charAt(19)),
    dateOfExpiry: check(l2.slice(21, 27), l2.charAt(27)),
    composite: check(
      l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, width - 1),
      l2.charAt(width - 1),
    ),
  }
  if (format === 'TD3') checks.optionalData = check(l2.slice(28, 42), l2.charAt(42), true)
  return {
    format,
    lines: [...lines],
    documentCode: stripFiller(l1.slice(0, 2)),
    issuingState: stripFiller(l1.slice(2, 5)),
    documentNumber: doc.number,
    documentNumberOverflow: doc.overflow,
    dateOfBirth: l2.slice(13, 19),
    sex: sexOf(l2.charAt(20)),
    dateOfExpiry: l2.slice(21, 27),
    nationality: stripFiller(l2.slice(10, 13)),
    surname: name.surname,
    givenNames: name.givenNames,
    optionalData: stripFiller(doc.optionalData),
    optionalData2: '',
    checks,
    valid: allValid(checks),
  }
}

/**
 * ICAO 9303-5 §4.2.2 note j: a document number longer than 9 characters puts its first 9 in the
 * number field, '<' in the check-digit position, and continues in the optional data with the
 * remaining characters, then its check digit, then '<'.
 */
function documentNumberWithOverflow(
  field: string,
  printed: string,
  optional: string,
): { number: string; overflow: boolean; check: MrzCheck; optionalData: string } {
  if (printed !== '<' || optional.startsWith('<') || optional.length === 0) {
    return {
      number: stripFiller(field),
      overflow: false,
      check: check(field, printed),
      optionalData: optional,
    }
  }
  const end = optional.indexOf('<')
  const segment = end < 0 ? optional : optional.slice(0, end)
  const number = field + segment.slice(0, -1)
  return {
    number,
    overflow: true,
    check: check(number, segment.slice(-1)),
    optionalData: end < 0 ? '' : optional.slice(end + 1),
  }
}

function check(field: string, printed: string, fillerAllowed = false): MrzCheck {
  const computed = mrzCheckDigit(field)
  const asDigit = /^\d$/.test(printed) ? Number(printed) : null
  const fillerOk = fillerAllowed && printed === '<' && /^<*$/.test(field)
  return { printed, computed, valid: asDigit === computed || fillerOk }
}

function allValid(checks: MrzChecks): boolean {
  return Object.values(checks).every((c: MrzCheck) => c.valid)
}

function splitName(field: string): { surname: string; givenNames: string } {
  const trimmed = field.replace(/<+$/, '')
  const at = trimmed.indexOf('<<')
  const surname = at < 0 ? trimmed : trimmed.slice(0, at)
  const given = at < 0 ? '' : trimmed.slice(at + 2)
  return { surname: spaced(surname), givenNames: spaced(given) }
}

function spaced(part: string): string {
  return part.replace(/<+/g, ' ').trim()
}

function stripFiller(value: string): string {
  return value.replace(/<+$/, '')
}

function sexOf(c: string): Mrz['sex'] {
  return c === 'M' || c === 'F' || c === 'X' ? c : '<'
}
