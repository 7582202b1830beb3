import {
  buildFingerImageRecord,
  parseFingerImageRecord,
  readFingerImageRecord,
} from '../../drivers/fingerprint/records'
import { syntheticFingerImage, SYNTHETIC_SIZES } from '../../drivers/fingerprint/synthetic'
import { displayableFaceImage } from '../../drivers/smartcard'
import {
  checkDecodeBudget,
  findCodestream,
  Jpeg2000Codec,
  PORTRAIT_DECODE_BUDGET,
  readCodestreamHeader,
} from '../../lib/jpeg2000'
import { decodeSamples, loadCappedOpenJpeg } from '../../lib/jpeg2000/openjpeg-codec'
import { withSiz } from '../../lib/jpeg2000/test-support'
import type { BenchSuite } from './run'
import { formatTiming, time } from './stats'

const MIB = 1024 * 1024
const RUNS = 40

/** A 480×640 RGB portrait, encoded losslessly by OpenJPEG in this process (setup, not measured). */
async function portraitCodestream(): Promise<Uint8Array> {
  const codec = await loadCappedOpenJpeg(256 * MIB)
  const encoder = new codec.module.J2KEncoder()
  const [width, height] = [480, 640]
  const raw = encoder.getDecodedBuffer({
    width,
    height,
    bitsPerSample: 8,
    componentCount: 3,
    isSigned: false,
    isUsingColorTransform: true,
  })
  for (let i = 0; i < raw.length; i++) raw[i] = ((i % (width * 3)) * 3 + Math.floor(i / 1440)) & 255
  encoder.encode()
  const codestream = encoder.getEncodedBuffer().slice()
  encoder.delete()
  return codestream
}

/**
 * JPEG 2000 through lib/jpeg2000: the header check, the codec worker's start, a finger record
 * (400×500, JP2 lossless) built and read, a DG2 portrait shown, and the same decodes run straight
 * on OpenJPEG in this process, so the worker's share of each figure can be read off.
 */
export const jpeg2000Bench: BenchSuite = {
  name: 'jpeg2000',
  description: `JPEG 2000 codec worker: header check, start, finger record, DG2 portrait (${RUNS} runs)`,
  async run(print) {
    const image = syntheticFingerImage({
      citizenId: 'bench-jp2',
      finger: 'left-index',
      size: SYNTHETIC_SIZES.fap30,
    })
    const capture = { finger: 'left-index' as const, image, captureTime: new Date(0) }
    const record = await buildFingerImageRecord([capture])
    const portrait = await portraitCodestream()
    const fingerCodestream = findCodestream(
      parseFingerImageRecord(record).representations[0]!.imageData,
    )

    const fresh = new Jpeg2000Codec()
    const started = performance.now()
    await fresh.decode(fingerCodestream)
    print(
      `worker start + first 400×500 decode (from the sources, tsx): ${(performance.now() - started).toFixed(0)} ms`,
    )
    await fresh.close()

    print(
      formatTiming(
        'header check (portrait)',
        await time(
          () =>
            checkDecodeBudget(
              readCodestreamHeader(findCodestream(portrait)),
              PORTRAIT_DECODE_BUDGET,
            ),
          2000,
        ),
      ),
    )
    const bomb = withSiz(portrait, { width: 65535, height: 2100 })
    print(
      formatTiming(
        '65535×2100 bomb refused',
        await time(
          () => displayableFaceImage({ format: 'jpeg2000', image: bomb }).catch(() => undefined),
          2000,
        ),
      ),
    )
    print(
      formatTiming(
        'build finger record 400×500',
        await time(() => buildFingerImageRecord([capture]), RUNS),
      ),
    )
    print(
      formatTiming(
        'read finger record 400×500',
        await time(() => readFingerImageRecord(record), RUNS),
      ),
    )
    print(
      formatTiming(
        'show DG2 portrait 480×640 (→ PNG)',
        await time(() => displayableFaceImage({ format: 'jpeg2000', image: portrait }), RUNS),
      ),
    )
    const worker = new Jpeg2000Codec()
    const inProcess = await loadCappedOpenJpeg(256 * MIB)
    for (const [label, codestream] of [
      ['400×500 grey', fingerCodestream],
      ['480×640 RGB', portrait],
    ] as const) {
      print(
        formatTiming(`decode ${label}, worker`, await time(() => worker.decode(codestream), RUNS)),
      )
      print(
        formatTiming(
          `decode ${label}, in process`,
          await time(() => decodeSamples(inProcess, codestream), RUNS),
        ),
      )
    }
    await worker.close()
  },
}
