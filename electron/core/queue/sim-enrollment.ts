import type { PacketPartInput, RandomBytes } from '../packet'

/** Written at the start of every placeholder part, so nobody mistakes it for a real capture. */
export const PLACEHOLDER_MARKER = 'PLACEHOLDER: synthetic data, no device layer yet\n'

const FINGERS = [
  'right-thumb',
  'right-index',
  'right-middle',
  'right-ring',
  'right-little',
  'left-thumb',
  'left-index',
  'left-middle',
  'left-ring',
  'left-little',
] as const

function placeholder(size: number, randomBytes: RandomBytes): Buffer {
  const marker = Buffer.from(PLACEHOLDER_MARKER, 'ascii')
  // Random filler: encrypted images are incompressible, so sizes and timings stay realistic.
  return Buffer.concat([marker, randomBytes(Math.max(0, size - marker.length))])
}

/**
 * The parts of one synthetic level-2 enrollment: chip dump (SOD, DG1, DG2, DG13), portrait, ten
 * fingers, one document, consent and contact. Until the device issues land, the chip, portrait,
 * finger and document parts are placeholders (flagged in the manifest and marked in the bytes).
 * `targetBytes` spreads roughly that many bytes over the portrait and finger records.
 */
export function syntheticEnrollmentParts(
  randomBytes: RandomBytes,
  targetBytes = 512 * 1024,
): PacketPartInput[] {
  const bin = 'application/octet-stream'
  const portraitBytes = Math.floor(targetBytes * 0.4)
  const fingerBytes = Math.floor((targetBytes * 0.5) / FINGERS.length)
  const phoneDigits = Array.from(randomBytes(7), (b) => String(b % 10)).join('')
  return [
    {
      name: 'chip/EF.SOD',
      kind: 'chip.sod',
      mediaType: bin,
      data: placeholder(2048, randomBytes),
      placeholder: true,
    },
    {
      name: 'chip/DG1',
      kind: 'chip.dg',
      mediaType: bin,
      data: placeholder(96, randomBytes),
      placeholder: true,
    },
    {
      name: 'chip/DG2',
      kind: 'chip.dg',
      mediaType: bin,
      data: placeholder(Math.floor(targetBytes * 0.05), randomBytes),
      placeholder: true,
    },
    {
      name: 'chip/DG13',
      kind: 'chip.dg',
      mediaType: bin,
      data: placeholder(512, randomBytes),
      placeholder: true,
    },
    {
      name: 'portrait',
      kind: 'portrait',
      mediaType: 'application/x-iso19794-5',
      data: placeholder(portraitBytes, randomBytes),
      placeholder: true,
    },
    ...FINGERS.map((finger): PacketPartInput => ({
      name: `finger/${finger}`,
      kind: 'finger',
      mediaType: 'application/x-iso19794-4',
      data: placeholder(fingerBytes, randomBytes),
      placeholder: true,
    })),
    {
      name: 'document/0',
      kind: 'document',
      mediaType: 'image/jpeg',
      data: placeholder(Math.floor(targetBytes * 0.05), randomBytes),
      placeholder: true,
    },
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
