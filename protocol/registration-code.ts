import { createHash } from 'node:crypto'
import type { UpstreamPublicKeys } from './schemas'

/**
 * The registration code an upstream hands out for one station: its one-time invite and a
 * fingerprint of its public keys, so the station trusts nothing it was not told in advance.
 *
 * Designed for an officer who reads it off a sheet or hears it on the phone and types it:
 * - Crockford's base32 alphabet (no I, L, O, U), so no two characters look or sound alike; when
 *   typing, case, spaces and dashes do not matter, and I/L are read as 1, O as 0;
 * - 16 invite characters, then 32 characters = the first 20 bytes (160 bits) of SHA-256 over
 *   `canonicalUpstreamKeys`, then one check character (Luhn mod 32), which catches every single
 *   mistyped character and every swap of two different neighbours but 0↔Z (Luhn mod N's one
 *   blind pair, as 09↔90 is for card numbers);
 * - printed as seven groups of seven, `7K2MQX4-R…`, so a group is short enough to say in one go.
 *
 * A bare 16-character invite (no fingerprint) still parses, with `fingerprint: null`: the station
 * accepts it only when its installer pinned the upstream's keys.
 */
export const REGISTRATION_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const INVITE_LENGTH = 16
export const FINGERPRINT_BYTES = 20
export const FINGERPRINT_LENGTH = 32
const CODE_LENGTH = INVITE_LENGTH + FINGERPRINT_LENGTH + 1
const GROUP = 7

export const UPSTREAM_KEYS_SCHEME = 'KIOSK-UPSTREAM-KEYS-V1'

/** The upstream key document as signed bytes: fixed field order, one field a line. */
export function canonicalUpstreamKeys(keys: UpstreamPublicKeys): string {
  return [
    UPSTREAM_KEYS_SCHEME,
    keys.upstreamId,
    keys.encryption.type,
    keys.encryption.keyId,
    keys.encryption.publicKey,
    keys.signing.type,
    keys.signing.keyId,
    keys.signing.publicKey,
  ].join('\n')
}

/** Base32 (Crockford's alphabet, most significant bits first) of bytes whose bit count divides by 5. */
function base32(bytes: Uint8Array): string {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out += REGISTRATION_CODE_ALPHABET.charAt((buffer >> bits) & 31)
    }
    buffer &= (1 << bits) - 1
  }
  return out
}

/** The 32-character fingerprint of an upstream's keys, as it appears in a registration code. */
export function upstreamKeysFingerprint(keys: UpstreamPublicKeys): string {
  const digest = createHash('sha256').update(canonicalUpstreamKeys(keys), 'utf8').digest()
  return base32(digest.subarray(0, FINGERPRINT_BYTES))
}

/** Luhn mod N over the alphabet: the character that makes the whole code's weighted sum 0 mod 32. */
export function checkCharacter(payload: string): string {
  return REGISTRATION_CODE_ALPHABET.charAt((32 - (luhnSum(payload, 2) % 32)) % 32)
}

function luhnSum(text: string, firstFactor: 1 | 2): number {
  let factor = firstFactor
  let sum = 0
  for (let i = text.length - 1; i >= 0; i--) {
    const addend = factor * REGISTRATION_CODE_ALPHABET.indexOf(text.charAt(i))
    sum += Math.floor(addend / 32) + (addend % 32)
    factor = factor === 2 ? 1 : 2
  }
  return sum
}

/** The code as printed: invite, fingerprint and check character in groups of seven. */
export function formatRegistrationCode(invite: string, keys: UpstreamPublicKeys): string {
  const normalized = normalizeRegistrationCode(invite)
  if (normalized.length !== INVITE_LENGTH || !onlyAlphabet(normalized))
    throw new Error(`an invite is ${INVITE_LENGTH} characters of the code alphabet`)
  const payload = normalized + upstreamKeysFingerprint(keys)
  const code = payload + checkCharacter(payload)
  const groups: string[] = []
  for (let i = 0; i < code.length; i += GROUP) groups.push(code.slice(i, i + GROUP))
  return groups.join('-')
}

/** Upper case, separators dropped, and the look-alikes Crockford allows when typing mapped. */
export function normalizeRegistrationCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')
}

function onlyAlphabet(text: string): boolean {
  return [...text].every((c) => REGISTRATION_CODE_ALPHABET.includes(c))
}

export interface RegistrationCode {
  /** The one-time invite the upstream checks (sent in the register request). */
  invite: string
  /** The upstream keys' fingerprint, or null for a bare invite. */
  fingerprint: string | null
}

export type RegistrationCodeProblem = 'length' | 'alphabet' | 'check'

/** Parses what the officer typed; never throws. */
export function parseRegistrationCode(
  text: string,
): { ok: true; code: RegistrationCode } | { ok: false; problem: RegistrationCodeProblem } {
  if (text.length > 200) return { ok: false, problem: 'length' }
  const normalized = normalizeRegistrationCode(text)
  if (!onlyAlphabet(normalized)) return { ok: false, problem: 'alphabet' }
  if (normalized.length === INVITE_LENGTH)
    return { ok: true, code: { invite: normalized, fingerprint: null } }
  if (normalized.length !== CODE_LENGTH) return { ok: false, problem: 'length' }
  if (luhnSum(normalized, 1) % 32 !== 0) return { ok: false, problem: 'check' }
  return {
    ok: true,
    code: {
      invite: normalized.slice(0, INVITE_LENGTH),
      fingerprint: normalized.slice(INVITE_LENGTH, INVITE_LENGTH + FINGERPRINT_LENGTH),
    },
  }
}
