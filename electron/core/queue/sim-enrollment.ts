import { FINGER_NAMES } from '../../../drivers/fingerprint'
import type { PacketPartInput, RandomBytes } from '../../../protocol/packet'
import { BINARY, kioskRecords, placeholder, placeholderPart } from './sim-parts'

export { PLACEHOLDER_MARKER } from './sim-parts'

/**
 * Filler files for load and fault tests (benchmarks, chaos): every device part (chip dump,
 * portrait, ten fingers, one document) is a placeholder, flagged in the manifest and marked in
 * its bytes, so any size is instant to make. `targetBytes` spreads roughly that many bytes over
 * the parts. Files with real chip and finger records come from createSimulatedEnrollmentSource
 * (sim-enrollment-source.ts).
 */
export function syntheticEnrollmentParts(
  randomBytes: RandomBytes,
  targetBytes = 512 * 1024,
): PacketPartInput[] {
  const fingerBytes = Math.floor((targetBytes * 0.5) / FINGER_NAMES.length)
  return [
    placeholderPart('chip/EF.SOD', 'chip.sod', BINARY, placeholder(2048, randomBytes)),
    placeholderPart('chip/DG1', 'chip.dg', BINARY, placeholder(96, randomBytes)),
    placeholderPart(
      'chip/DG2',
      'chip.dg',
      BINARY,
      placeholder(Math.floor(targetBytes * 0.05), randomBytes),
    ),
    placeholderPart('chip/DG13', 'chip.dg', BINARY, placeholder(512, randomBytes)),
    placeholderPart(
      'portrait',
      'portrait',
      'application/x-iso19794-5',
      placeholder(Math.floor(targetBytes * 0.4), randomBytes),
    ),
    ...FINGER_NAMES.map((finger) =>
      placeholderPart(
        `finger/${finger}`,
        'finger',
        'application/x-iso19794-4',
        placeholder(fingerBytes, randomBytes),
      ),
    ),
    placeholderPart(
      'document/0',
      'document',
      'image/jpeg',
      placeholder(Math.floor(targetBytes * 0.05), randomBytes),
    ),
    ...kioskRecords(randomBytes),
  ]
}
