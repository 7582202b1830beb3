import { createHash } from 'node:crypto'

/** SHA-256 of `data`, lowercase hex: file ids' content hashes, body hashes of signed requests. */
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
