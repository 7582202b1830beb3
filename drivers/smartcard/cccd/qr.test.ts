import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ParseError } from '../../../lib/parse-error'
import { formatCccdQr, parseCccdQr } from './qr'

const STANDARD =
  '001099012345|123456789|Nguyễn Văn A|15031999|Nam|Số 1, Phường A, Quận B, Hà Nội|01012021'

describe('CCCD QR payload', () => {
  it('reads the 7-field payload', () => {
    expect(parseCccdQr(STANDARD)).toEqual({
      variant: 'standard',
      idNumber: '001099012345',
      oldIdNumber: '123456789',
      fullName: 'Nguyễn Văn A',
      dateOfBirth: '1999-03-15',
      sex: 'M',
      address: 'Số 1, Phường A, Quận B, Hà Nội',
      dateOfIssue: '2021-01-01',
      extraFields: [],
    })
  })

  it('accepts an empty old ID, a BOM and the CR/LF scanners add', () => {
    const qr = parseCccdQr(`\uFEFF${STANDARD.replace('|123456789|', '||')}\r\n`)
    expect(qr.oldIdNumber).toBeNull()
    expect(qr.dateOfIssue).toBe('2021-01-01')
  })

  it('reads the six-field form re-shared by Zalo (no old ID, dd/MM/yyyy)', () => {
    const qr = parseCccdQr('001099012345|Nguyễn Văn A|15/03/1999|Nam|Hà Nội|01/01/2021')
    expect(qr).toMatchObject({
      variant: 'six-field',
      oldIdNumber: null,
      fullName: 'Nguyễn Văn A',
      dateOfBirth: '1999-03-15',
      address: 'Hà Nội',
      dateOfIssue: '2021-01-01',
    })
  })

  it('keeps extra trailing fields and normalises decomposed text', () => {
    const qr = parseCccdQr(`${STANDARD.normalize('NFD')}|Nguyễn Văn B|Trần Thị C`)
    expect(qr.extraFields).toEqual(['Nguyễn Văn B', 'Trần Thị C'])
    expect(qr.fullName).toBe('Nguyễn Văn A')
    expect(qr.sex).toBe('M')
  })

  it('names what is wrong with a payload it refuses', () => {
    const cases: [string, RegExp][] = [
      ['just text', /fields/],
      [STANDARD.replace('001099012345', '00109901234X'), /12-digit ID/],
      [STANDARD.replace('123456789', '1234'), /old ID/],
      [STANDARD.replace('Nguyễn Văn A', ''), /name is empty/],
      [STANDARD.replace('15031999', '31021999'), /date of birth/],
      [STANDARD.replace('|Nam|', '|Male|'), /sex/],
      [STANDARD.replace('01012021', '32012021'), /date of issue/],
      ['x'.repeat(5000), /too long/],
    ]
    for (const [payload, reason] of cases) {
      expect(() => parseCccdQr(payload)).toThrow(ParseError)
      expect(() => parseCccdQr(payload)).toThrow(reason)
    }
  })

  it('formats the standard payload and reads it back', () => {
    const payload = formatCccdQr({
      idNumber: '079305000001',
      oldIdNumber: null,
      fullName: 'Lê Thị Hạnh',
      dateOfBirth: '2005-11-02',
      sex: 'F',
      address: 'Hồ Chí Minh',
      dateOfIssue: '2023-04-05',
    })
    expect(payload).toBe('079305000001||Lê Thị Hạnh|02112005|Nữ|Hồ Chí Minh|05042023')
    expect(parseCccdQr(payload)).toMatchObject({
      sex: 'F',
      dateOfBirth: '2005-11-02',
      oldIdNumber: null,
    })
    expect(() =>
      formatCccdQr({ ...parseCccdQr(payload), dateOfIssue: '2023-04-05', address: 'a|b' }),
    ).toThrow(RangeError)
  })

  it('lets only ParseError escape on arbitrary text', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 14 }),
      fc.constantFrom('001099012345', '15031999', 'Nam', 'Nữ', ''),
    )
    const payload = fc.oneof(
      fc.array(piece, { maxLength: 9 }).map((p) => p.join('|')),
      fc.string({ maxLength: 120 }),
    )
    fc.assert(
      fc.property(payload, (text) => {
        try {
          parseCccdQr(text)
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError)
        }
      }),
      { numRuns: 3000 },
    )
  })
})
