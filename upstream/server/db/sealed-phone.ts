import { createCipheriv, createDecipheriv } from 'node:crypto'

/**
 * A phone number sealed with AES-256-GCM: nonce (12) ‖ ciphertext ‖ tag (16). The associated data
 * names the notice, so a sealed number copied onto another row does not open.
 */
const NONCE = 12
const TAG = 16

export function sealPhone(key: Buffer, phone: string, binding: string, nonce: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce)
  cipher.setAAD(Buffer.from(binding, 'utf8'))
  const body = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()])
  return Buffer.concat([nonce, body, cipher.getAuthTag()])
}

/** The number, or null when the sealed bytes are damaged, from another key or another row. */
export function openPhone(key: Buffer, sealed: Buffer, binding: string): string | null {
  if (sealed.length < NONCE + TAG) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE))
    decipher.setAAD(Buffer.from(binding, 'utf8'))
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG))
    const body = sealed.subarray(NONCE, sealed.length - TAG)
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}

/** What the review page shows of a number: enough to recognise it, not to call it. */
export function maskedPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length)
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 6)}${phone.slice(-3)}`
}
