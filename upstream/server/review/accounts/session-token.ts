import { createHash } from 'node:crypto'

/** A session's bearer token: 32 random bytes, base64url; only its SHA-256 is stored. */
export const newSessionToken = (randomBytes: (size: number) => Buffer): string =>
  randomBytes(32).toString('base64url')

export const sessionTokenDigest = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex')
