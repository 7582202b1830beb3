import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  canonicalUpstreamKeys,
  checkCharacter,
  formatRegistrationCode,
  normalizeRegistrationCode,
  parseRegistrationCode,
  REGISTRATION_CODE_ALPHABET,
  upstreamKeysFingerprint,
} from './registration-code'
import type { UpstreamPublicKeys } from './schemas'

const alphabetChar = fc.constantFrom(...REGISTRATION_CODE_ALPHABET)
const invite = fc.string({ unit: alphabetChar, minLength: 16, maxLength: 16 })
const hex32 = fc.string({
  unit: fc.constantFrom(...'0123456789abcdef'),
  minLength: 32,
  maxLength: 32,
})
const keysArb: fc.Arbitrary<UpstreamPublicKeys> = fc.record({
  upstreamId: fc.string({ minLength: 1, maxLength: 40 }),
  encryption: fc.record({
    type: fc.constant('x25519' as const),
    keyId: hex32,
    publicKey: fc.base64String({ minLength: 44, maxLength: 44 }),
  }),
  signing: fc.record({
    type: fc.constant('ed25519' as const),
    keyId: hex32,
    publicKey: fc.base64String({ minLength: 44, maxLength: 44 }),
  }),
})

const keys: UpstreamPublicKeys = {
  upstreamId: 'upstream-a',
  encryption: { type: 'x25519', keyId: 'a'.repeat(32), publicKey: 'A'.repeat(43) + '=' },
  signing: { type: 'ed25519', keyId: 'b'.repeat(32), publicKey: 'B'.repeat(43) + '=' },
}
const INVITE = '7K2MQX4R9T0VWZ5N'

/** The code without its dashes: 16 invite, 32 fingerprint and 1 check characters. */
const bare = (code: string) => code.replace(/-/g, '')

describe('registration code', () => {
  it('prints seven groups of seven: invite, fingerprint of the keys, check character', () => {
    const code = formatRegistrationCode(INVITE, keys)
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{7}-){6}[0-9A-HJKMNP-TV-Z]{7}$/)
    expect(bare(code).slice(0, 16)).toBe(INVITE)
    expect(bare(code).slice(16, 48)).toBe(upstreamKeysFingerprint(keys))
    expect(bare(code).slice(48)).toBe(checkCharacter(bare(code).slice(0, 48)))
  })

  it('fingerprints every field of the key document', () => {
    const base = upstreamKeysFingerprint(keys)
    const changed: UpstreamPublicKeys[] = [
      { ...keys, upstreamId: 'upstream-b' },
      { ...keys, encryption: { ...keys.encryption, keyId: 'c'.repeat(32) } },
      { ...keys, encryption: { ...keys.encryption, publicKey: 'C'.repeat(43) + '=' } },
      { ...keys, signing: { ...keys.signing, keyId: 'c'.repeat(32) } },
      { ...keys, signing: { ...keys.signing, publicKey: 'C'.repeat(43) + '=' } },
    ]
    for (const other of changed) expect(upstreamKeysFingerprint(other)).not.toBe(base)
    expect(canonicalUpstreamKeys(keys).split('\n')).toHaveLength(8)
  })

  it('round-trips, however the officer types the separators and the case', () => {
    fc.assert(
      fc.property(invite, keysArb, fc.boolean(), fc.boolean(), (inv, k, lower, spaced) => {
        let typed = formatRegistrationCode(inv, k)
        if (spaced) typed = typed.replace(/-/g, ' ')
        if (lower) typed = typed.toLowerCase()
        expect(parseRegistrationCode(typed)).toEqual({
          ok: true,
          code: { invite: inv, fingerprint: upstreamKeysFingerprint(k) },
        })
      }),
    )
  })

  it('reads I and L as 1 and O as 0, as Crockford base32 allows when typing', () => {
    const code = bare(formatRegistrationCode('1000111000011100', keys))
    const misread = code.slice(0, 16).replace(/1/g, 'l').replace(/0/g, 'O') + code.slice(16)
    expect(parseRegistrationCode(misread)).toEqual(parseRegistrationCode(code))
    expect(parseRegistrationCode(code.replace(/^1/, 'I')).ok).toBe(true)
  })

  it('catches every single mistyped character', () => {
    fc.assert(
      fc.property(
        invite,
        keysArb,
        fc.nat(48),
        fc.integer({ min: 1, max: 31 }),
        (inv, k, position, shift) => {
          const code = bare(formatRegistrationCode(inv, k))
          const old = REGISTRATION_CODE_ALPHABET.indexOf(code.charAt(position))
          const typo = REGISTRATION_CODE_ALPHABET.charAt((old + shift) % 32)
          const mistyped = code.slice(0, position) + typo + code.slice(position + 1)
          expect(parseRegistrationCode(mistyped)).toEqual({ ok: false, problem: 'check' })
        },
      ),
    )
  })

  it('catches two neighbours swapped, except the pair 0 and Z (Luhn mod N cannot)', () => {
    fc.assert(
      fc.property(invite, keysArb, fc.nat(47), (inv, k, position) => {
        const code = bare(formatRegistrationCode(inv, k))
        const [a, b] = [code.charAt(position), code.charAt(position + 1)]
        fc.pre(a !== b && !(new Set([a, b]).has('0') && new Set([a, b]).has('Z')))
        const swapped = code.slice(0, position) + b + a + code.slice(position + 2)
        expect(parseRegistrationCode(swapped)).toEqual({ ok: false, problem: 'check' })
      }),
    )
  })

  it('takes a bare 16-character invite as a code without fingerprint', () => {
    expect(parseRegistrationCode('7K2M-QX4R-9T0V-WZ5N')).toEqual({
      ok: true,
      code: { invite: INVITE, fingerprint: null },
    })
  })

  it('refuses any other length', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: alphabetChar, maxLength: 120 })
          .filter((s) => ![16, 49].includes(s.length)),
        (text) => {
          expect(parseRegistrationCode(text)).toEqual({ ok: false, problem: 'length' })
        },
      ),
    )
    const code = formatRegistrationCode(INVITE, keys)
    expect(parseRegistrationCode(code.slice(0, -1))).toEqual({ ok: false, problem: 'length' })
    expect(parseRegistrationCode(`${code}-0`)).toEqual({ ok: false, problem: 'length' })
    expect(parseRegistrationCode(' '.repeat(201))).toEqual({ ok: false, problem: 'length' })
  })

  it('refuses characters outside the alphabet', () => {
    const code = bare(formatRegistrationCode(INVITE, keys))
    fc.assert(
      fc.property(
        fc.nat(48),
        fc.constantFrom('U', 'u', '*', '_', '.', 'Đ', 'Ư', '٣', '\u0000'),
        (position, bad) => {
          const text = code.slice(0, position) + bad + code.slice(position + 1)
          expect(parseRegistrationCode(text)).toEqual({ ok: false, problem: 'alphabet' })
        },
      ),
    )
  })

  it('never throws, and accepts only what it could have printed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const parsed = parseRegistrationCode(text)
        if (!parsed.ok) return
        const { invite: inv, fingerprint } = parsed.code
        expect(inv).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/)
        if (fingerprint !== null) {
          const payload = inv + fingerprint
          expect(checkCharacter(payload)).toBe(normalizeRegistrationCode(text).slice(-1))
        }
      }),
    )
  })

  it('will not print a code around a malformed invite', () => {
    expect(() => formatRegistrationCode('SHORT', keys)).toThrow(/16 characters/)
    expect(() => formatRegistrationCode('UUUUUUUUUUUUUUUU', keys)).toThrow(/16 characters/)
  })
})
