import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/** Random bytes of the given length (node:crypto's randomBytes, or a seeded one in tests). */
type RandomBytes = (size: number) => Uint8Array

/**
 * scrypt cost parameters; each user picks and justifies its own (the station's officers in
 * electron/core/officers, the upstream's reviewers in upstream/server/review/accounts).
 */
export interface ScryptCost {
  N: number
  r: number
  p: number
}

const KEY_LENGTH = 32
const SALT_LENGTH = 16
const PREFIX = 'scrypt'

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }
  // NFC, so the same Vietnamese password typed on two keyboards (composed or not) matches.
  const secret = Buffer.from(password.normalize('NFC'), 'utf8')
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )
}

/** `scrypt$N$r$p$salt$hash` (base64url): the cost travels with the hash, so it can be raised later. */
export async function hashPassword(
  password: string,
  randomBytes: RandomBytes,
  cost: ScryptCost,
): Promise<string> {
  const salt = Buffer.from(randomBytes(SALT_LENGTH))
  const key = await derive(password, salt, cost)
  return [
    PREFIX,
    cost.N,
    cost.r,
    cost.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$')
}

function decode(encoded: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  const [prefix, n, r, p, salt, key] = encoded.split('$')
  if (prefix !== PREFIX || salt === undefined || key === undefined) return null
  const cost = { N: Number(n), r: Number(r), p: Number(p) }
  if (![cost.N, cost.r, cost.p].every((v) => Number.isInteger(v) && v > 0)) return null
  return { cost, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') }
}

/** Recomputes and compares in constant time; a malformed stored hash never matches. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const stored = decode(encoded)
  if (!stored || stored.key.length !== KEY_LENGTH) return false
  const key = await derive(password, stored.salt, stored.cost)
  return timingSafeEqual(key, stored.key)
}

/**
 * A hash of nothing anyone knows, checked when the username is unknown: an unknown user costs the
 * same time as a wrong password, so timing does not tell which usernames exist.
 */
export async function makeDecoyHash(randomBytes: RandomBytes, cost: ScryptCost): Promise<string> {
  return hashPassword(Buffer.from(randomBytes(24)).toString('base64url'), randomBytes, cost)
}
