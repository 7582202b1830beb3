import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CatalogueError } from '../messages'
import { Jpeg2000Codec } from './codec'
import { FINGERPRINT_DECODE_BUDGET, type DecodeBudget } from './decode-budget'
import { Jpeg2000DecodeError, Jpeg2000EncodeError } from './errors'
import { decodeJpeg2000, encodeJpeg2000Lossless } from './jpeg2000'
import { greyPattern, peakRssGrowth, withCod, withSiz } from './test-support'

const MIB = 1024 * 1024
const codec = new Jpeg2000Codec()
let small: Uint8Array

beforeAll(async () => {
  small = await encodeJpeg2000Lossless(greyPattern(40, 40), 40, 40, codec)
})
afterAll(() => codec.close())

async function failureOf(
  work: Promise<unknown>,
): Promise<Jpeg2000DecodeError | Jpeg2000EncodeError> {
  try {
    await work
  } catch (error) {
    if (error instanceof Jpeg2000DecodeError || error instanceof Jpeg2000EncodeError) return error
    throw error
  }
  throw new Error('it worked')
}

/** No header limits at all: what reaches the decoder is stopped only by the worker's memory cap. */
const NO_LIMITS: DecodeBudget = {
  label: 'test',
  maxWidth: Infinity,
  maxHeight: Infinity,
  maxPixels: Infinity,
  maxComponents: Infinity,
  maxBitDepth: Infinity,
  maxTiles: Infinity,
  maxDecompositionLevels: Infinity,
  maxLayers: Infinity,
  maxPrecincts: Infinity,
  maxCodeBlocks: Infinity,
}

describe('JPEG 2000 codec worker', () => {
  it('round-trips losslessly, images under 32 pixels a side included, in one reused worker', async () => {
    const own = new Jpeg2000Codec()
    for (const [width, height] of [
      [24, 24],
      [1, 1],
      [31, 40],
      [40, 31],
      [256, 288],
    ] as const) {
      const pixels = greyPattern(width, height)
      const codestream = await encodeJpeg2000Lossless(pixels, width, height, own)
      const image = await decodeJpeg2000(codestream, {
        budget: FINGERPRINT_DECODE_BUDGET,
        expectedSize: { width, height },
        codec: own,
      })
      expect(image).toMatchObject({
        width,
        height,
        componentCount: 1,
        bitsPerSample: 8,
        reversible: true,
      })
      expect(Buffer.compare(image.samples, pixels)).toBe(0)
    }
    expect([own.requestsSent, own.workersStarted]).toEqual([10, 1])
    await own.close()
  })

  it('refuses bad input to the encoder with a catalogue error, before the worker', async () => {
    const before = codec.requestsSent
    for (const [pixels, width, height] of [
      [new Uint8Array(0), 0, 0],
      [new Uint8Array(10), 4, 4],
      [new Uint8Array(0), 5000, 5000],
    ] as const) {
      const error = await failureOf(encodeJpeg2000Lossless(pixels, width, height, codec))
      expect(error).toBeInstanceOf(CatalogueError)
      expect(error).toMatchObject({ reason: 'bad-input', messageKey: 'messages.image.notEncoded' })
    }
    expect(codec.requestsSent).toBe(before)
  })

  it('wraps what the encoder throws (a bare number) and starts a fresh worker after it', async () => {
    const workers = codec.workersStarted
    const error = await failureOf(codec.encodeGreyLossless(new Uint8Array(0), 0, 0))
    expect(error).toBeInstanceOf(Jpeg2000EncodeError)
    expect(error).toMatchObject({ reason: 'encoder-failed' })
    expect(error.message).toMatch(/C\+\+ exception \(\d+\)/)
    expect(await codec.encodeGreyLossless(greyPattern(8, 8), 8, 8)).toBeInstanceOf(Uint8Array)
    expect(codec.workersStarted).toBe(workers + 1)
  })

  it('ends a request that outlives its deadline, even in the middle of decoding', async () => {
    const hurried = new Jpeg2000Codec({ timeoutMs: 1 })
    expect(await failureOf(hurried.decode(small))).toMatchObject({ reason: 'timeout' })
    await hurried.close()
    // A warm worker given 12 MP to decode (about a second here) in 50 ms is terminated mid-way.
    const warm = new Jpeg2000Codec()
    await warm.decode(small)
    warm.timeoutMs = 50
    const started = warm.workersStarted
    const large = withSiz(small, { width: 4000, height: 3000 })
    expect(await failureOf(warm.decode(large))).toMatchObject({ reason: 'timeout' })
    expect(warm.workersStarted).toBe(started)
    warm.timeoutMs = 30_000
    expect((await warm.decode(small)).width).toBe(40)
    expect(warm.workersStarted).toBe(started + 1)
    await warm.close()
  })

  it('reports a worker that cannot start as a typed failure', async () => {
    const broken = new Jpeg2000Codec({
      entry: { filename: 'throw new Error("no codec")', eval: true },
    })
    expect(await failureOf(broken.decode(small))).toMatchObject({ reason: 'undecodable' })
    expect(await failureOf(broken.encodeGreyLossless(greyPattern(8, 8), 8, 8))).toMatchObject({
      reason: 'encoder-failed',
    })
    await broken.close()
  })

  it('replaces a worker whose memory grew past what it may keep', async () => {
    const frugal = new Jpeg2000Codec({ retainBytes: 1 })
    await frugal.decode(small)
    await frugal.decode(small)
    expect(frugal.workersStarted).toBe(2)
    await frugal.close()
  })

  it('stops a decode at the memory cap even when its header is within the budget', async () => {
    // 12 MP declared by a 40×40 codestream, the most a finger image may have: OpenJPEG needs about
    // 60 MiB for it (the missing data decodes as zeros), which the default cap leaves room for.
    const largest = withSiz(small, { width: 4000, height: 3000 })
    const image = await decodeJpeg2000(largest, { budget: FINGERPRINT_DECODE_BUDGET, codec })
    expect([image.width, image.height]).toEqual([4000, 3000])
    expect(codec.lastMemoryBytes).toBeLessThan(96 * MIB)
    // A cap just above the module's initial 50 MiB stops it.
    const tight = new Jpeg2000Codec({ memoryCapBytes: 52 * MIB })
    const error = await failureOf(
      decodeJpeg2000(largest, { budget: FINGERPRINT_DECODE_BUDGET, codec: tight }),
    )
    expect(error).toMatchObject({ reason: 'out-of-memory' })
    expect(tight.lastMemoryBytes).toBeLessThanOrEqual(52 * MIB)
    expect((await tight.decode(small)).width).toBe(40)
    await tight.close()
  })

  it('a bomb past the header checks ends only the worker: bounded memory, typed error', async () => {
    const bombs = {
      // The outside fuzzer's finding: 986 bytes that took the old decoder to 930 MB more.
      '65535×2100 pixels': withSiz(small, { width: 65535, height: 2100 }),
      '62,500 tiles': withSiz(small, { width: 2000, height: 2000, tileWidth: 8, tileHeight: 8 }),
      '2×2 precincts': withCod(withSiz(small, { width: 1600, height: 1500 }), { precinctExp: 1 }),
    }
    for (const [label, bomb] of Object.entries(bombs)) {
      const { growthBytes, outcome } = await peakRssGrowth(() =>
        decodeJpeg2000(bomb, { budget: NO_LIMITS, codec }),
      )
      expect(outcome.status, label).toBe('rejected')
      const reason = outcome.status === 'rejected' ? (outcome.reason as Jpeg2000DecodeError) : null
      expect(reason, label).toBeInstanceOf(Jpeg2000DecodeError)
      expect(reason?.reason, label).toBe('out-of-memory')
      expect(codec.lastMemoryBytes, label).toBeLessThanOrEqual(192 * MIB)
      expect(growthBytes, label).toBeLessThan(300 * MIB)
    }
    // The next image gets a fresh worker and decodes.
    expect((await codec.decode(small)).width).toBe(40)
  })
})
