import { createHash } from 'node:crypto'
import { SbiSecurityError } from './errors'

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest()

/** `previousHash` of the first capture of a transaction: SHA-256 of nothing, upper-case hex. */
export const SBI_FIRST_PREVIOUS_HASH = sha256(new Uint8Array(0)).toString('hex').toUpperCase()

/**
 * The hash an SBI device returns with a capture: upper-case hex SHA-256 of the previous hash's bytes
 * followed by the SHA-256 of the ISO record (fingerprint.md §3.2). Our reading of the spec's
 * "previous hash + sha256 of the current ISO image": the hex is decoded, the digests are joined.
 */
export function sbiCaptureHash(previousHash: string, isoRecord: Uint8Array): string {
  if (!/^[0-9A-Fa-f]{64}$/.test(previousHash)) {
    throw new SbiSecurityError('broken-hash-chain', `previous hash ${previousHash.slice(0, 16)}…`)
  }
  const joined = Buffer.concat([Buffer.from(previousHash, 'hex'), sha256(isoRecord)])
  return sha256(joined).toString('hex').toUpperCase()
}

/**
 * The chain of one transaction (one enrolment): each capture's hash must follow from the previous
 * one and the record actually received. A device that skips, reorders or alters a capture breaks it.
 */
export class SbiHashChain {
  private last = SBI_FIRST_PREVIOUS_HASH
  private count = 0

  /** What the next request sends as `previousHash`. */
  get previousHash(): string {
    return this.last
  }

  get length(): number {
    return this.count
  }

  /** Checks a returned capture and moves the chain on; throws without moving when it does not follow. */
  append(isoRecord: Uint8Array, claimedHash: string): void {
    const expected = sbiCaptureHash(this.last, isoRecord)
    if (claimedHash.toUpperCase() !== expected) {
      throw new SbiSecurityError(
        'broken-hash-chain',
        `capture ${this.count + 1}: got ${claimedHash.slice(0, 16)}…, expected ${expected.slice(0, 16)}…`,
      )
    }
    this.last = expected
    this.count++
  }
}
