import { createHash, timingSafeEqual } from 'node:crypto'
import type { RandomBytes } from '../../../protocol/packet'
import type { SettingsRepository } from '../store'

/** Letters and digits that cannot be misread for one another (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const SETTING = 'officers.setupCode'

interface StoredCode {
  sha256: string
  expiresAt: string
}

export interface SetupCodes {
  /** A new code (the previous one stops working), valid for `minutes`. */
  issue(): { code: string; expiresAt: string }
  /** True when `code` is the current one and has not expired; it is then used up. */
  consume(code: string): boolean
}

const digest = (code: string) =>
  createHash('sha256')
    .update(code.toUpperCase().replace(/[^A-Z0-9]/g, ''))
    .digest()

/**
 * The one-time code that lets a person at the screen create the first supervisor. It is printed
 * on the station (CLI or the shell's console), kept only as a hash, used once, and expires.
 */
export function createSetupCodes(
  settings: SettingsRepository,
  now: () => Date,
  randomBytes: RandomBytes,
  minutes: number,
): SetupCodes {
  return {
    issue() {
      const bytes = randomBytes(10)
      const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('')
      const code = `${chars.slice(0, 5)}-${chars.slice(5)}`
      const expiresAt = new Date(now().getTime() + minutes * 60_000).toISOString()
      settings.set(SETTING, {
        sha256: digest(code).toString('hex'),
        expiresAt,
      } satisfies StoredCode)
      return { code, expiresAt }
    },
    consume(code) {
      const stored = settings.get<StoredCode | null>(SETTING)
      if (!stored) return false
      const expected = Buffer.from(stored.sha256, 'hex')
      const matches = expected.length === 32 && timingSafeEqual(expected, digest(code))
      if (!matches || Date.parse(stored.expiresAt) <= now().getTime()) return false
      settings.set(SETTING, null)
      return true
    },
  }
}
