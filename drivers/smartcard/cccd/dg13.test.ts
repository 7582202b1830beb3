import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DER, derInteger, derOid, derSequence, derUtf8 } from '../../../lib/asn1/der'
import { tlv } from '../../../lib/asn1/tlv'
import { concat, fromHex, hex } from '../../../lib/bytes'
import { ParseError } from '../../../lib/parse-error'
import { parseDg13 } from './dg13'
import { buildDg13, type Dg13Input } from './dg13-build'

/**
 * Synthetic DG13 built for the research note to the layout public CCCD readers report (father and
 * mother in separate SEQUENCEs; invented values; not a card dump).
 */
const RESEARCH_DG13 =
  '6D82016B30820167020101060628D316010008318201583011020101130C30303130393930313233343530140201020C0F4E677579E1BB856E2056C4836E2041300F020103130A31352F30332F3139393930080201040C034E616D300F0201050C0A5669E1BB8774204E616D30090201060C044B696E68300B0201070C064B68C3B46E67300E0201080C0948C3A0204EE1BB9969302D0201090C2853E1BB9120312C205068C6B0E1BB9D6E6720412C205175E1BAAD6E20422C2048C3A0204EE1BB9969303202010A0C2D4EE1BB9174207275E1BB936920433A31636D207472C3AA6E207472C6B0E1BB9B63206DC3A970207068E1BAA369300F02010B130A30312F30312F32303231300F02010C0C0A31352F30332F32303339302802010D30110C0F4E677579E1BB856E2056C4836E204230100C0E5472E1BAA76E205468E1BB8B2043300302010E300E02010F13093132333435363738393015020110131030303030303030303030303030303030'

const RESEARCH_INPUT: Dg13Input = {
  idNumber: '001099012345',
  fullName: 'Nguyễn Văn A',
  dateOfBirth: '1999-03-15',
  sex: 'M',
  nationality: 'Việt Nam',
  ethnicity: 'Kinh',
  religion: 'Không',
  placeOfOrigin: 'Hà Nội',
  placeOfResidence: 'Số 1, Phường A, Quận B, Hà Nội',
  personalIdentification: 'Nốt ruồi C:1cm trên trước mép phải',
  dateOfIssue: '2021-01-01',
  dateOfExpiry: '2039-03-15',
  fatherName: 'Nguyễn Văn B',
  motherName: 'Trần Thị C',
  spouseName: null,
  oldIdNumber: '123456789',
  otherFields: [{ index: 16, value: tlv(0x13, Buffer.from('0000000000000000')) }],
}

describe('DG13 parsing', () => {
  it('reads every field of the research sample (parents in separate SEQUENCEs)', () => {
    const dg13 = parseDg13(fromHex(RESEARCH_DG13))
    expect(dg13).toMatchObject({
      version: 1,
      oid: '1.0.10646.1.0.8',
      idNumber: '001099012345',
      fullName: 'Nguyễn Văn A',
      dateOfBirth: { text: '15/03/1999', iso: '1999-03-15' },
      sex: 'Nam',
      sexCode: 'M',
      nationality: 'Việt Nam',
      ethnicity: 'Kinh',
      religion: 'Không',
      placeOfOrigin: 'Hà Nội',
      placeOfResidence: 'Số 1, Phường A, Quận B, Hà Nội',
      personalIdentification: 'Nốt ruồi C:1cm trên trước mép phải',
      dateOfIssue: { text: '01/01/2021', iso: '2021-01-01' },
      dateOfExpiry: { text: '15/03/2039', iso: '2039-03-15' },
      fatherName: 'Nguyễn Văn B',
      motherName: 'Trần Thị C',
      parentsLayout: 'separate',
      spouseName: null,
      oldIdNumber: '123456789',
    })
    expect(dg13.otherFields).toEqual([
      { index: 16, strings: ['0000000000000000'], value: fromHex('1310' + '30'.repeat(16)) },
    ])
  })

  it('reads both parents from one SEQUENCE (the other known layout)', () => {
    const dg13 = parseDg13(buildDg13(RESEARCH_INPUT, { parentsLayout: 'combined' }))
    expect([dg13.fatherName, dg13.motherName, dg13.parentsLayout]).toEqual([
      'Nguyễn Văn B',
      'Trần Thị C',
      'combined',
    ])
  })

  it('finds fields by number, not position, and leaves absent ones null', () => {
    const field = (n: number, ...v: Uint8Array[]) => derSequence(derInteger(n), ...v)
    const shuffled = tlv(
      0x6d,
      derSequence(
        derInteger(1),
        derOid('1.0.10646.1.0.8'),
        tlv(
          0x31,
          field(4, derUtf8('Nữ')),
          field(2, derUtf8('Lê Thị D')),
          field(3, derUtf8('00/00/1950')),
          field(13, derUtf8('Lê Văn E'), derUtf8('Phạm Thị G')),
        ),
      ),
    )
    const dg13 = parseDg13(shuffled)
    expect(dg13).toMatchObject({
      fullName: 'Lê Thị D',
      sexCode: 'F',
      dateOfBirth: { text: '00/00/1950', iso: '1950' },
      fatherName: 'Lê Văn E',
      motherName: 'Phạm Thị G',
      parentsLayout: 'flat',
      idNumber: null,
      dateOfExpiry: null,
      oldIdNumber: null,
    })
  })

  it('normalises decomposed Vietnamese to NFC', () => {
    const decomposed = 'Nguyễn'.normalize('NFD')
    const dg13 = parseDg13(
      tlv(0x6d, derSequence(tlv(0x31, derSequence(derInteger(2), derUtf8(decomposed))))),
    )
    expect(dg13.fullName).toBe('Nguyễn'.normalize('NFC'))
  })

  it('keeps a date it cannot read as text with a null ISO value', () => {
    const input = { ...RESEARCH_INPUT, dateOfExpiry: { text: 'Không thời hạn' } }
    expect(parseDg13(buildDg13(input)).dateOfExpiry).toEqual({ text: 'Không thời hạn', iso: null })
  })

  it('refuses what is not a DG13 with ParseError', () => {
    expect(() => parseDg13(fromHex('6D00'))).toThrow(/dg13: no SEQUENCE or SET/)
    expect(() => parseDg13(tlv(0x6d, derSequence(tlv(0x31, derSequence(derUtf8('x'))))))).toThrow(
      /INTEGER number/,
    )
    expect(() => parseDg13(fromHex('6B00'))).toThrow(ParseError)
  })

  it('refuses the outside fuzzer’s DG13 (a 200 000-byte field number) with ParseError', () => {
    const reproducer = concat(
      fromHex('6d83030d5a 3083030d55 020101 3183030d4d 3083030d48 0283030d40'),
      new Uint8Array(200_000).fill(0x21),
      fromHex('0c0178'),
    )
    expect(() => parseDg13(reproducer)).toThrow(
      new ParseError('asn1', 'INTEGER of 200000 bytes (limit 1025)'),
    )
  })

  it('reads a field of 300 000 strings nested in a SEQUENCE without overflowing the stack', () => {
    const empties = new Uint8Array(600_000)
    for (let i = 0; i < empties.length; i += 2) empties[i] = DER.UTF8_STRING
    const field = derSequence(derInteger(16), tlv(DER.SEQUENCE, empties))
    const dg13 = tlv(0x6d, derSequence(derInteger(1), tlv(DER.SET, field)))
    expect(parseDg13(dg13).otherFields[0]?.strings.length).toBe(300_000)
  })

  it('lets only ParseError escape on arbitrary bytes', () => {
    const valid = fromHex(RESEARCH_DG13)
    const mutated = fc
      .array(
        fc.tuple(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })),
        { minLength: 1, maxLength: 3 },
      )
      .map((edits) => {
        const copy = valid.slice()
        for (const [at, value] of edits) copy[at] = value
        return copy
      })
    const nested = fc.uint8Array({ maxLength: 60 }).map((b) => tlv(0x6d, derSequence(tlv(0x31, b))))
    fc.assert(
      fc.property(fc.oneof(mutated, nested, fc.uint8Array({ maxLength: 80 })), (bytes) => {
        try {
          parseDg13(bytes)
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError)
        }
      }),
      { numRuns: 3000 },
    )
  })
})

describe('DG13 building', () => {
  it('reproduces the research sample byte for byte', () => {
    expect(hex(buildDg13(RESEARCH_INPUT))).toBe(RESEARCH_DG13)
  })

  it('round-trips a married holder, no old ID, both parent layouts', () => {
    const input: Dg13Input = {
      ...RESEARCH_INPUT,
      spouseName: 'Đỗ Thị Hạnh',
      oldIdNumber: null,
      otherFields: [],
    }
    for (const parentsLayout of ['separate', 'combined'] as const) {
      const dg13 = parseDg13(buildDg13(input, { parentsLayout }))
      expect(dg13).toMatchObject({
        spouseName: 'Đỗ Thị Hạnh',
        oldIdNumber: null,
        parentsLayout,
        motherName: 'Trần Thị C',
      })
      expect(dg13.otherFields).toEqual([])
    }
  })

  it('leaves out field 12 when the card does not expire', () => {
    const dg13 = parseDg13(buildDg13({ ...RESEARCH_INPUT, dateOfExpiry: null }))
    expect(dg13.dateOfExpiry).toBeNull()
  })

  it('refuses values a PrintableString cannot carry and named fields as extras', () => {
    expect(() => buildDg13({ ...RESEARCH_INPUT, oldIdNumber: '12345678é' })).toThrow(RangeError)
    expect(() =>
      buildDg13({ ...RESEARCH_INPUT, otherFields: [{ index: 2, value: new Uint8Array() }] }),
    ).toThrow(RangeError)
  })
})
