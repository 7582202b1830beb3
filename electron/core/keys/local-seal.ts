import { CatalogueError, messageRef } from '../../../lib/messages'
import { createCipheriv, createDecipheriv } from 'node:crypto'
import type { RandomBytes } from '../../../protocol/packet'

const VERSION = 1

/**
 * Encrypts data the station keeps for itself (drafts) with the local key. `context` (e.g. the draft
 * id) is bound as additional data, so a blob cannot be moved to another row.
 *   version u8 | iv (12) | ciphertext | tag (16)
 */
export function sealLocal(
  localKey: Buffer,
  plain: Uint8Array,
  context: string,
  randomBytes: RandomBytes,
): Buffer {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', localKey, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  return Buffer.concat([
    Buffer.from([VERSION]),
    iv,
    cipher.update(plain),
    cipher.final(),
    cipher.getAuthTag(),
  ])
}

export class LocalSealError extends CatalogueError {
  constructor(detail: string) {
    super(messageRef('messages.keys.localDataDamaged'), detail)
    this.name = 'LocalSealError'
  }
}

export function openLocal(localKey: Buffer, sealed: Uint8Array, context: string): Buffer {
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength)
  if (buf.length < 1 + 12 + 16 || buf[0] !== VERSION) throw new LocalSealError('bad format')
  try {
    const decipher = createDecipheriv('aes-256-gcm', localKey, buf.subarray(1, 13))
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(buf.subarray(buf.length - 16))
    return Buffer.concat([decipher.update(buf.subarray(13, buf.length - 16)), decipher.final()])
  } catch {
    throw new LocalSealError('authentication failed')
  }
}
