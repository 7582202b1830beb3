import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatCccdQr } from '../../../drivers/smartcard'
import { KioskError, ParsedCccdQrSchema } from '../../contract'
import { safeParse } from '../../../lib/schema'
import { dateTextOf, parseQrPayload } from './qr-identity'

const STANDARD =
  '001099012345|123456789|Nguyễn Văn A|15031999|Nam|Số 1, Phường A, Quận B, Hà Nội|01012021'

describe('the CCCD QR payload as the enrollment identity', () => {
  it('gives the Person fields, the issue date and the old ID', () => {
    expect(parseQrPayload(STANDARD)).toEqual({
      person: {
        fullName: 'Nguyễn Văn A',
        idNumber: '001099012345',
        dateOfBirth: '1999-03-15',
        sex: 'M',
        nationality: 'vn',
        placeOfResidence: 'Số 1, Phường A, Quận B, Hà Nội',
      },
      document: 'cccd',
      dateOfIssue: '2021-01-01',
      oldIdNumber: '123456789',
      variant: 'standard',
    })
  })

  it('writes an unknown day or month of birth as 00', () => {
    const qr = parseQrPayload('001099012345||Lò Thị B|00001950|Nữ||')
    expect(qr.person).toMatchObject({ dateOfBirth: '1950-00-00', sex: 'F', placeOfResidence: null })
    expect(qr.dateOfIssue).toBeNull()
    expect(dateTextOf('1950-03')).toBe('1950-03-00')
  })

  it.each([
    ['a URL', 'https://example.com/qr'],
    ['a short ID', '00109901234|123456789|A|15031999|Nam|X|01012021'],
    ['a bad date', '001099012345||A|31021999|Nam|X|01012021'],
  ])('refuses %s with E_QR_INVALID and the sentence that says what to do', (_label, payload) => {
    const error = (() => {
      try {
        return parseQrPayload(payload)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(KioskError)
    expect(error).toMatchObject({ code: 'E_QR_INVALID', sentence: { key: 'errors.E_QR_INVALID' } })
  })

  it('answers every formatted card inside the contract', () => {
    const citizen = fc.record({
      idNumber: fc.stringMatching(/^\d{12}$/),
      fullName: fc.stringMatching(/^[A-Za-zÀ-ỹ][A-Za-zÀ-ỹ ]{0,40}$/).filter((s) => s.trim() !== ''),
      dateOfBirth: fc
        .date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      sex: fc.constantFrom<('M' | 'F')[]>('M', 'F'),
      address: fc.stringMatching(/^[\p{L}\d ,.]{0,80}$/u),
      dateOfIssue: fc.constant('2021-06-01'),
    })
    fc.assert(
      fc.property(citizen, (input) => {
        const parsed = parseQrPayload(formatCccdQr(input))
        expect(safeParse(ParsedCccdQrSchema, parsed).success).toBe(true)
        expect(parsed.person.idNumber).toBe(input.idNumber)
        expect(parsed.person.dateOfBirth).toBe(input.dateOfBirth)
      }),
    )
  })
})
