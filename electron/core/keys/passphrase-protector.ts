import { createCipheriv, createDecipheriv, scryptSync } from 'node:crypto'
import type { RandomBytes } from '../../../protocol/packet'
import { KeyProtectionError } from './key-protection-error'
import type { KeyProtector } from './protector'

/** scrypt's cost: N = 2^log2N, r, p. Stored in every sealed blob, so it can rise later. */
export interface PassphraseCost {
  log2N: number
  r: number
  p: number
}

/** 2^15 × 8 × 128 bytes = 32 MiB and about a tenth of a second per key file. */
export const STATION_PASSPHRASE_COST: PassphraseCost = { log2N: 15, r: 8, p: 1 }

const VERSION = 1
const SALT_BYTES = 16
const IV_BYTES = 12
const TAG_BYTES = 16
const HEADER_BYTES = 4 + SALT_BYTES + IV_BYTES
/** Bounds a blob from disk may name, so a damaged file cannot ask for gigabytes of memory. */
const MAX_LOG2N = 20
const MAX_R = 32
const MAX_P = 4
/** scrypt takes 128 × N × r bytes: at most 256 MiB (the station's cost takes 32 MiB). */
const MAX_SCRYPT_BYTES = 256 * 1024 * 1024

/** A passphrase-sealed blob taken apart (not yet decrypted). */
export interface PassphraseEnvelope {
  cost: PassphraseCost
  salt: Buffer
  iv: Buffer
  ciphertext: Buffer
  tag: Buffer
}

/**
 * version u8 | log2N u8 | r u8 | p u8 | salt (16) | iv (12) | ciphertext | tag (16).
 * Throws KeyProtectionError('sealedDamaged') for anything else.
 */
export function parsePassphraseEnvelope(blob: Uint8Array): PassphraseEnvelope {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)
  if (buf.length < HEADER_BYTES + TAG_BYTES || buf[0] !== VERSION)
    throw new KeyProtectionError('sealedDamaged', {}, 'not a passphrase envelope')
  const cost = { log2N: buf[1] ?? 0, r: buf[2] ?? 0, p: buf[3] ?? 0 }
  if (cost.log2N < 10 || cost.log2N > MAX_LOG2N || cost.r < 1 || cost.r > MAX_R)
    throw new KeyProtectionError('sealedDamaged', {}, 'scrypt cost out of range')
  if (cost.p < 1 || cost.p > MAX_P || 128 * 2 ** cost.log2N * cost.r > MAX_SCRYPT_BYTES)
    throw new KeyProtectionError('sealedDamaged', {}, 'scrypt cost out of range')
  return {
    cost,
    salt: buf.subarray(4, 4 + SALT_BYTES),
    iv: buf.subarray(4 + SALT_BYTES, HEADER_BYTES),
    ciphertext: buf.subarray(HEADER_BYTES, buf.length - TAG_BYTES),
    tag: buf.subarray(buf.length - TAG_BYTES),
  }
}

function deriveKey(passphrase: string, salt: Buffer, cost: PassphraseCost): Buffer {
  const N = 2 ** cost.log2N
  return scryptSync(passphrase.normalize('NFC'), salt, 32, {
    N,
    r: cost.r,
    p: cost.p,
    // Node's default ceiling (32 MiB) is exactly 2^15 × r=8; leave room above it.
    maxmem: 256 * N * cost.r + 16 * 1024 * 1024,
  })
}

/**
 * Wraps each key under a key derived from the officer-entered passphrase (scrypt, AES-256-GCM).
 * The header is the GCM additional data, so its cost and salt cannot be swapped.
 */
export function passphraseKeyProtector(
  passphrase: string,
  randomBytes: RandomBytes,
  cost: PassphraseCost = STATION_PASSPHRASE_COST,
): KeyProtector {
  if (passphrase.length === 0) throw new KeyProtectionError('passphraseEmpty')
  return {
    kind: 'passphrase',
    seal(plain) {
      const salt = Buffer.from(randomBytes(SALT_BYTES))
      const iv = Buffer.from(randomBytes(IV_BYTES))
      const header = Buffer.concat([Buffer.from([VERSION, cost.log2N, cost.r, cost.p]), salt, iv])
      const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, salt, cost), iv)
      cipher.setAAD(header)
      return Buffer.concat([header, cipher.update(plain), cipher.final(), cipher.getAuthTag()])
    },
    unseal(sealed) {
      const envelope = parsePassphraseEnvelope(sealed)
      const key = deriveKey(passphrase, envelope.salt, envelope.cost)
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, envelope.iv)
        decipher.setAAD(sealed.subarray(0, HEADER_BYTES))
        decipher.setAuthTag(envelope.tag)
        return Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()])
      } catch {
        // GCM cannot tell a wrong passphrase from a damaged file; the passphrase is far likelier.
        throw new KeyProtectionError('wrongPassphrase')
      }
    },
  }
}
