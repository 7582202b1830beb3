import { syntheticFingerImage } from '../../../drivers/fingerprint/synthetic'
import { decodeWsq, encodeWsq, WsqError } from '../../../drivers/fingerprint/wsq'
import { randomBytes } from '../engine/generators'
import { instanceOfAny, type FuzzTarget } from '../engine/target'

/** Small files, so a case decodes in well under a millisecond: two prints and a ramp. */
function wsqSeeds(): Uint8Array[] {
  const prints = [
    syntheticFingerImage({
      citizenId: 'fuzz',
      finger: 'right-index',
      size: { width: 40, height: 48 },
    }),
    syntheticFingerImage({
      citizenId: 'fuzz',
      finger: 'left-thumb',
      size: { width: 48, height: 60 },
      condition: 'wet',
    }),
  ]
  const ramp = Uint8Array.from({ length: 33 * 35 }, (_, i) => (i % 33) * 7)
  return [
    ...prints.map((image) => encodeWsq(image)),
    encodeWsq(prints[0] ?? { width: 0, height: 0, pixels: new Uint8Array(0) }, { bitRate: 2.25 }),
    encodeWsq({ width: 33, height: 35, pixels: ramp }, { comments: ['fuzz seed'] }),
  ]
}

export const wsq: FuzzTarget = {
  name: 'wsq',
  parses: 'decodeWsq (WSQ finger images from AFIS exchanges and 19794-4 records, compression 2)',
  typedErrors: 'WsqError',
  setup: () => ({
    seeds: wsqSeeds(),
    generated: randomBytes(600),
    structure: { tlv: false },
    mode: 'sync',
    // The cap keeps a crafted SOF from asking for a large allocation per case.
    execute: (input) => decodeWsq(input, { maxPixels: 250_000 }).pixels.length,
    isTyped: instanceOfAny(WsqError),
  }),
}
