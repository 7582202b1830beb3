import type { PacketPartInput, RandomBytes } from '../../../protocol/packet'

// Building blocks of simulated files, shared by the filler parts and the simulated enrollments.

/** Written at the start of every placeholder part, so nobody mistakes it for a real capture. */
export const PLACEHOLDER_MARKER = 'PLACEHOLDER: synthetic data, no device layer yet\n'

export const BINARY = 'application/octet-stream'

export function placeholder(size: number, randomBytes: RandomBytes): Buffer {
  const marker = Buffer.from(PLACEHOLDER_MARKER, 'ascii')
  // Random filler: encrypted images are incompressible, so sizes and timings stay realistic.
  return Buffer.concat([marker, randomBytes(Math.max(0, size - marker.length))])
}

export function placeholderPart(
  name: string,
  kind: PacketPartInput['kind'],
  mediaType: string,
  data: Buffer,
): PacketPartInput {
  return { name, kind, mediaType, data, placeholder: true }
}

/** Consent and contact: the kiosk writes these itself, so they are always real. */
export function kioskRecords(randomBytes: RandomBytes): PacketPartInput[] {
  const phoneDigits = Array.from(randomBytes(7), (b) => String(b % 10)).join('')
  return [
    {
      name: 'consent',
      kind: 'consent',
      mediaType: 'application/json',
      data: Buffer.from(JSON.stringify({ version: 1, agreed: true, text: 'sim-consent-v1' })),
    },
    {
      name: 'contact',
      kind: 'contact',
      mediaType: 'application/json',
      // 09x numbers are reserved here for test data; the whole file is marked simulated anyway.
      data: Buffer.from(JSON.stringify({ phone: `+8490${phoneDigits}` })),
    },
  ]
}
