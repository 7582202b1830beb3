import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashPassword, STATION_SCRYPT_COST, verifyPassword } from './password-hash'
import { passwordRefusal } from './password-policy'

const cheap = { N: 1024, r: 8, p: 1 }

describe('password hashing (scrypt)', () => {
  it('verifies the password it hashed and nothing else, salted per hash', async () => {
    const hash = await hashPassword('trống đồng Đông Sơn', randomBytes, cheap)
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/)
    expect(await verifyPassword('trống đồng Đông Sơn', hash)).toBe(true)
    expect(await verifyPassword('trống đồng Đông Sơn ', hash)).toBe(false)
    expect(await verifyPassword('', hash)).toBe(false)
    expect(await hashPassword('trống đồng Đông Sơn', randomBytes, cheap)).not.toBe(hash)
  })

  it('matches the same Vietnamese password typed composed or decomposed (NFC)', async () => {
    const composed = 'mật khẩu tiếng Việt'.normalize('NFC')
    const hash = await hashPassword(composed, randomBytes, cheap)
    expect(await verifyPassword(composed.normalize('NFD'), hash)).toBe(true)
  })

  it('never matches a malformed stored hash', async () => {
    for (const stored of ['', 'scrypt$x$8$1$a$b', 'plain text', 'scrypt$1024$8$1$AAAA$AAAA'])
      expect(await verifyPassword('anything at all', stored)).toBe(false)
  })

  it('uses the measured station cost: N = 2^16, r = 8, p = 1 (64 MiB, ~230 ms)', () => {
    expect(STATION_SCRYPT_COST).toEqual({ N: 65536, r: 8, p: 1 })
  })
})

describe('password policy (NIST SP 800-63B)', () => {
  it.each([
    ['1234567', 'too-short'],
    ['ngắn ạ', 'too-short'],
    ['x'.repeat(30) + 'y'.repeat(35), 'too-long'],
    ['123456789', 'common'],
    ['12345678', 'common'],
    ['matkhau', 'too-short'],
    ['matkhau123', 'common'],
    ['Password', 'common'],
    ['anhyeuem123', 'common'],
    ['01012000', 'common'],
    ['aaaaaaaaaa', 'common'],
    ['abcabcabcabc', 'common'],
    ['can-bo-2026!', 'contains-username'],
  ])('refuses %j: %s', (password, refusal) => {
    expect(passwordRefusal(password, 'can-bo')).toBe(refusal)
  })

  it('accepts a passphrase without any composition rule, counting Vietnamese letters as one', () => {
    expect(passwordRefusal('đường về nhà', 'can-bo')).toBeNull()
    expect(passwordRefusal('ệệệệệệệứ'.normalize('NFD'))).toBeNull()
    expect(passwordRefusal('a'.repeat(63) + 'b')).toBeNull()
  })
})
