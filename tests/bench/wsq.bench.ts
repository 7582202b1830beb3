import { compareImages, SAME_FINGER_THRESHOLD } from '../../drivers/fingerprint/matching'
import { syntheticFingerImage, SYNTHETIC_SIZES } from '../../drivers/fingerprint/synthetic'
import { decodeWsq, encodeWsq } from '../../drivers/fingerprint/wsq'
import { bitsPerPixel, psnr } from '../../drivers/fingerprint/wsq/test-support'
import type { BenchSuite } from './run'
import { formatTiming, time } from './stats'

const RUNS = 10
const RATES = [0.75, 2.25] as const

/**
 * WSQ on synthetic prints (FAP 30 400×500 and R30x 256×288): encode and decode times, the bit rate
 * the file reaches against the one requested, and the PSNR of the decoded print, at the spec's
 * default 0.75 bpp (≈ 15:1 on real prints) and at 2.25 bpp (≈ 5:1).
 */
export const wsqBench: BenchSuite = {
  name: 'wsq',
  description: `WSQ encoder and decoder on synthetic prints (${RUNS} runs, ${RATES.join(' and ')} bpp)`,
  async run(print) {
    for (const [label, size] of [
      ['400×500', SYNTHETIC_SIZES.fap30],
      ['256×288', SYNTHETIC_SIZES.r30x],
    ] as const) {
      const images = ['right-index', 'left-thumb', 'left-ring'].map((finger) =>
        syntheticFingerImage({ citizenId: 'bench-wsq', finger: finger as 'right-index', size }),
      )
      for (const bitRate of RATES) {
        const image = images[0]
        if (!image) continue
        const file = encodeWsq(image, { bitRate })
        print(
          formatTiming(
            `encode ${label} @ ${bitRate} bpp`,
            await time(() => encodeWsq(image, { bitRate }), RUNS, 2),
          ),
        )
        print(
          formatTiming(
            `decode ${label} @ ${bitRate} bpp`,
            await time(() => decodeWsq(file), RUNS, 2),
          ),
        )
        const figures = images.map((img) => {
          const coded = encodeWsq(img, { bitRate })
          const annexA = encodeWsq(img, { bitRate, rateControl: 'annex-a' })
          return {
            bpp: bitsPerPixel(coded, img),
            psnr: psnr(img.pixels, decodeWsq(coded).pixels),
            annexBpp: bitsPerPixel(annexA, img),
            score: compareImages(img, { ...img, pixels: decodeWsq(coded).pixels }).score,
          }
        })
        const list = (pick: (f: (typeof figures)[number]) => number, digits: number) =>
          figures.map((f) => pick(f).toFixed(digits)).join(' / ')
        print(
          `${label} @ ${bitRate} bpp: achieved ${list((f) => f.bpp, 3)} bpp, PSNR ${list((f) => f.psnr, 1)} dB, ` +
            `Annex A formula alone ${list((f) => f.annexBpp, 3)} bpp, ` +
            `matcher score decoded vs original ${list((f) => f.score, 2)} (threshold ${SAME_FINGER_THRESHOLD}; 3 fingers)`,
        )
      }
    }
  },
}
