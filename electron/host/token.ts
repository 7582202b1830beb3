import { randomBytes, timingSafeEqual } from 'node:crypto'

/** A fresh random token for one run of the host: whoever holds the printed URL may connect. */
export function createBridgeToken(random: (n: number) => Buffer = randomBytes): string {
  return random(32).toString('base64url')
}

export function tokensMatch(expected: string, given: string | null): boolean {
  if (given === null) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}
