import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CardAccessSchema, safeParse } from '../../../../electron/contract'
import { canFromTyped, mrzAccess } from './card-access'

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''))
/** How people split a card number: spaces, dots or dashes anywhere between digits. */
const withSeparators = (text: string) =>
  fc
    .array(fc.constantFrom('', ' ', '.', '-'), { minLength: text.length, maxLength: text.length })
    .map((seps) => [...text].map((c, i) => `${c}${seps[i]}`).join(''))

describe('the CAN from what the officer typed', () => {
  it('is the last 6 digits of a 12-digit ID, however it is split', () => {
    fc.assert(
      fc.property(
        digits(12).chain((id) => withSeparators(id).map((typed) => ({ id, typed }))),
        ({ id, typed }) => {
          expect(canFromTyped(typed)).toBe(id.slice(6))
        },
      ),
    )
  })

  it('is the 6 digits themselves when the CAN is typed', () => {
    fc.assert(
      fc.property(digits(6), (can) => {
        expect(canFromTyped(can)).toBe(can)
      }),
    )
  })

  it('is null for every other length, and anything it returns opens the chip schema', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const can = canFromTyped(text)
        const compact = text.normalize('NFKC').replace(/[\s.-]/g, '')
        if (!/^\d{6}$|^\d{12}$/.test(compact)) expect(can).toBeNull()
        if (can !== null)
          expect(safeParse(CardAccessSchema, { kind: 'CAN', can }).success).toBe(true)
      }),
    )
  })
})

describe('the passport key from the MRZ data', () => {
  it('accepts what the contract accepts (upper-cased), refuses anything else', () => {
    const date = fc
      .tuple(digits(2), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
      .map(([yy, mm, dd]) => `${yy}${String(mm).padStart(2, '0')}${String(dd).padStart(2, '0')}`)
    fc.assert(
      fc.property(
        fc.oneof(fc.stringMatching(/^[a-zA-Z0-9<]{1,20}$/), fc.string({ maxLength: 22 })),
        date,
        fc.oneof(date, fc.string({ maxLength: 8 })),
        (number, birth, expiry) => {
          const access = mrzAccess(number, birth, expiry)
          const parsed = safeParse(CardAccessSchema, {
            kind: 'MRZ',
            documentNumber: number
              .normalize('NFKC')
              .toUpperCase()
              .replace(/[\s.-]/g, ''),
            dateOfBirth: birth,
            dateOfExpiry: expiry.replace(/[\s.-]/g, ''),
          })
          if (access)
            expect(safeParse(CardAccessSchema, access)).toEqual({ success: true, data: access })
          expect(access !== null).toBe(parsed.success)
        },
      ),
    )
  })
})
