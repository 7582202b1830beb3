import type { FingerImage } from '../../../drivers/fingerprint/finger-image'
import { buildFingerImageRecord } from '../../../drivers/fingerprint/records/finger-record'
import { syntheticFingerImage } from '../../../drivers/fingerprint/synthetic'
import { FUZZ_NOW } from '../fixtures/fixture-keys'

/**
 * Small synthetic prints: decoding a full 400 × 500 image per case would make the targets crawl.
 * (Not smaller: OpenJPEG's encoder fails on 24 × 30 with its default levels, throwing a number.)
 */
export function smallImages(): FingerImage[] {
  return [
    syntheticFingerImage({
      citizenId: 'fuzz',
      finger: 'right-index',
      size: { width: 40, height: 48 },
    }),
    syntheticFingerImage({
      citizenId: 'fuzz',
      finger: 'left-thumb',
      size: { width: 48, height: 60 },
      condition: 'dry',
    }),
  ]
}

let records: Promise<Uint8Array[]> | undefined

/** ISO/IEC 19794-4 records from the project's writer: raw, PNG, WSQ and JPEG 2000, one or two views. */
export function fingerRecords(): Promise<Uint8Array[]> {
  records ??= (async () => {
    const [a, b] = smallImages() as [FingerImage, FingerImage]
    const captureTime = FUZZ_NOW
    const one = (image: FingerImage, finger: 'right-index' | 'left-thumb') => ({
      finger,
      image,
      captureTime,
      quality: { score: 71, source: 'device-nfiq2' as const },
    })
    return Promise.all([
      buildFingerImageRecord([one(a, 'right-index')], { encoding: 'jpeg2000-lossless' }),
      buildFingerImageRecord([one(a, 'right-index')], { encoding: 'png' }),
      buildFingerImageRecord([one(b, 'left-thumb')], { encoding: 'none' }),
      buildFingerImageRecord([one(a, 'right-index'), one(b, 'left-thumb')], {
        encoding: 'jpeg2000-lossless',
        certifications: [{ authorityId: 1, schemeId: 2 }],
        device: { technology: 1, vendorId: 0x1234, typeId: 7 },
      }),
      // Last, so the seeds other targets pick by index stay where they were.
      buildFingerImageRecord([one(a, 'right-index')], { encoding: 'wsq' }),
    ])
  })()
  return records
}
