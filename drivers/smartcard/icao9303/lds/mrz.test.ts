import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ParseError } from '../../../../lib/parse-error'
import { mrzKeyInformation } from '../access-key'
import { parseMrz } from './mrz'
import { formatMrz, mrzName, type MrzFields } from './mrz-build'

// Public samples: ICAO 9303 specimens as quoted by gmrtd mrz/mrz_test.go and dmrtd test/bac_test.dart.
const TD1_SPECIMEN =
  'I<UTOD231458907<<<<<<<<<<<<<<<7408122F1204159UTO<<<<<<<<<<<6ERIKSSON<<ANNA<MARIA<<<<<<<<<<'
const TD1_LONG_NUMBER =
  'I<UTOD23145890<7349<<<<<<<<<<<3407127M9507122UTO<<<<<<<<<<<2STEVENSON<<PETER<JOHN<<<<<<<<<'
// ICAO 9303-4 Appendix specimen passport (Utopia, ERIKSSON ANNA MARIA).
const TD3_SPECIMEN = [
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
]
// Synthetic CCCD MRZ computed for the research note (invented ID 001099012345).
const CCCD_SYNTHETIC = [
  'IDVNM0990123459001099012345<<0',
  '9903159M3903157VNM<<<<<<<<<<<0',
  'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<',
]

describe('MRZ parsing', () => {
  it('reads the ICAO TD1 specimen and verifies every check digit', () => {
    const mrz = parseMrz(TD1_SPECIMEN)
    expect(mrz).toMatchObject({
      format: 'TD1',
      documentCode: 'I',
      issuingState: 'UTO',
      documentNumber: 'D23145890',
      documentNumberOverflow: false,
      dateOfBirth: '740812',
      sex: 'F',
      dateOfExpiry: '120415',
      nationality: 'UTO',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      valid: true,
    })
    expect(mrz.checks.composite).toEqual({ printed: '6', computed: 6, valid: true })
    expect(mrzKeyInformation({ kind: 'MRZ', ...mrz })).toBe('D23145890774081221204159')
  })

  it('follows a TD1 document number that overflows into the optional data', () => {
    const mrz = parseMrz(TD1_LONG_NUMBER)
    expect(mrz.documentNumber).toBe('D23145890734')
    expect(mrz.documentNumberOverflow).toBe(true)
    expect(mrz.checks.documentNumber).toEqual({ printed: '9', computed: 9, valid: true })
    expect(mrz.optionalData).toBe('')
    expect(mrz.valid).toBe(true)
    expect(mrzKeyInformation({ kind: 'MRZ', ...mrz })).toBe('D23145890734934071279507122')
  })

  it('reads the ICAO TD3 specimen including the personal number check digit', () => {
    const mrz = parseMrz(TD3_SPECIMEN.join('\n'))
    expect(mrz).toMatchObject({
      format: 'TD3',
      documentCode: 'P',
      documentNumber: 'L898902C3',
      dateOfBirth: '740812',
      dateOfExpiry: '120415',
      optionalData: 'ZE184226B',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      valid: true,
    })
    expect(mrz.checks.optionalData?.valid).toBe(true)
  })

  it('reads the CCCD layout: 9-digit number, full ID in the optional data', () => {
    const mrz = parseMrz(CCCD_SYNTHETIC.join('\r\n'))
    expect(mrz).toMatchObject({
      documentCode: 'ID',
      issuingState: 'VNM',
      documentNumber: '099012345',
      optionalData: '001099012345<<0',
      surname: 'NGUYEN',
      givenNames: 'VAN A',
      valid: true,
    })
  })

  it('accepts the 90 characters of DG1 without line breaks', () => {
    expect(parseMrz(CCCD_SYNTHETIC.join('')).lines).toEqual(CCCD_SYNTHETIC)
  })

  it('reports each wrong check digit by name', () => {
    const broken = TD1_SPECIMEN.slice(0, 14) + '8' + TD1_SPECIMEN.slice(15)
    const mrz = parseMrz(broken)
    expect(mrz.checks.documentNumber).toEqual({ printed: '8', computed: 7, valid: false })
    expect(mrz.checks.composite.valid).toBe(false)
    expect(mrz.checks.dateOfBirth.valid).toBe(true)
    expect(mrz.valid).toBe(false)
    const dob = TD1_SPECIMEN.slice(0, 36) + '0' + TD1_SPECIMEN.slice(37)
    expect(parseMrz(dob).checks.dateOfBirth).toEqual({ printed: '0', computed: 2, valid: false })
  })

  it('refuses text that is no MRZ with ParseError', () => {
    expect(() => parseMrz('')).toThrow(ParseError)
    expect(() => parseMrz('I<UTO')).toThrow(ParseError)
    expect(() => parseMrz(TD1_SPECIMEN.toLowerCase())).toThrow(ParseError)
    expect(() => parseMrz(TD3_SPECIMEN[0]!)).toThrow(ParseError)
  })

  it('lets only ParseError escape on arbitrary text', () => {
    const mrzChar = fc.constantFrom(...'ABCXYZ0123456789<<<'.split(''))
    const lineOf = (n: number) =>
      fc.array(mrzChar, { minLength: n, maxLength: n }).map((a) => a.join(''))
    const shaped = fc.oneof(
      fc.tuple(lineOf(30), lineOf(30), lineOf(30)).map((l) => l.join('\n')),
      fc.tuple(lineOf(44), lineOf(44)).map((l) => l.join('\n')),
      fc.tuple(lineOf(36), lineOf(36)).map((l) => l.join('')),
      fc.string({ maxLength: 100 }),
    )
    fc.assert(
      fc.property(shaped, (text) => {
        try {
          const mrz = parseMrz(text)
          expect(typeof mrz.valid).toBe('boolean')
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError)
        }
      }),
      { numRuns: 2000 },
    )
  })
})

describe('MRZ building', () => {
  const base: MrzFields = {
    format: 'TD1',
    documentCode: 'I',
    issuingState: 'UTO',
    documentNumber: 'D23145890',
    dateOfBirth: '740812',
    sex: 'F',
    dateOfExpiry: '120415',
    nationality: 'UTO',
    surname: 'Eriksson',
    givenNames: 'Anna Maria',
  }

  it('reproduces the TD1 and TD3 specimens from their fields', () => {
    expect(formatMrz(base).join('')).toBe(TD1_SPECIMEN)
    expect(
      formatMrz({
        ...base,
        format: 'TD3',
        documentCode: 'P',
        documentNumber: 'L898902C3',
        optionalData: 'ZE184226B',
      }),
    ).toEqual(TD3_SPECIMEN)
  })

  it('writes an overflowing TD1 document number the ICAO way', () => {
    const lines = formatMrz({
      ...base,
      documentNumber: 'D23145890734',
      dateOfBirth: '340712',
      sex: 'M',
      dateOfExpiry: '950712',
      surname: 'Stevenson',
      givenNames: 'Peter John',
    })
    expect(lines.join('')).toBe(TD1_LONG_NUMBER)
  })

  it('transliterates Vietnamese names', () => {
    expect(mrzName('Nguyễn Văn A')).toBe('NGUYEN<VAN<A')
    expect(mrzName('Đặng Thị Ngọc Ánh')).toBe('DANG<THI<NGOC<ANH')
    expect(mrzName("O'Brien-Smith")).toBe('OBRIEN<SMITH')
  })

  it('round-trips random fields through text, all check digits valid', () => {
    const alnum = fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'.split(''))
    const word = fc
      .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')), {
        minLength: 1,
        maxLength: 8,
      })
      .map((a) => a.join(''))
    const date = fc
      .tuple(
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
      )
      .map(([y, m, d]) => [y, m, d].map((n) => String(n).padStart(2, '0')).join(''))
    const fields = fc.record({
      format: fc.constantFrom('TD1' as const, 'TD2' as const, 'TD3' as const),
      // Up to 12: TD1 and TD2 numbers longer than 9 overflow into the optional data.
      documentNumber: fc.array(alnum, { minLength: 1, maxLength: 12 }).map((a) => a.join('')),
      dateOfBirth: date,
      dateOfExpiry: date,
      sex: fc.constantFrom('M' as const, 'F' as const, '<' as const),
      surname: word,
      givenNames: word,
    })
    fc.assert(
      fc.property(fields, (generated) => {
        const f =
          generated.format === 'TD3'
            ? { ...generated, documentNumber: generated.documentNumber.slice(0, 9) }
            : generated
        const input: MrzFields = {
          ...f,
          documentCode: 'ID',
          issuingState: 'VNM',
          nationality: 'VNM',
        }
        const mrz = parseMrz(formatMrz(input).join('\n'))
        expect(mrz.valid).toBe(true)
        expect(mrz.documentNumber).toBe(f.documentNumber)
        expect(mrz.documentNumberOverflow).toBe(f.documentNumber.length > 9)
        expect([mrz.dateOfBirth, mrz.dateOfExpiry, mrz.sex]).toEqual([
          f.dateOfBirth,
          f.dateOfExpiry,
          f.sex,
        ])
        expect([mrz.surname, mrz.givenNames]).toEqual([f.surname, f.givenNames])
      }),
      { numRuns: 300 },
    )
  })

  it('refuses values that do not fit', () => {
    expect(() => formatMrz({ ...base, dateOfBirth: '7408' })).toThrow(RangeError)
    expect(() => formatMrz({ ...base, format: 'TD3', documentNumber: 'D231458907' })).toThrow(
      RangeError,
    )
    expect(() => formatMrz({ ...base, optionalData: 'É' })).toThrow(RangeError)
  })
})
