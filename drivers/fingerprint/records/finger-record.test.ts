import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Jpeg2000EncodeError, sharedJpeg2000Codec } from '../../../lib/jpeg2000'
import { greyPattern, peakRssGrowth, withSiz } from '../../../lib/jpeg2000/test-support'
import { syntheticFingerImage, SYNTHETIC_SIZES } from '../synthetic'
import { RecordParseError } from './errors'
import { buildFingerImageRecord, NFIQ2_QUALITY_IDS, readFingerImageRecord } from './finger-record'
import { decodeWsq, encodeWsq } from '../wsq'
import { psnr } from '../wsq/test-support'
import {
  FINGER_IMAGE_COMPRESSION,
  parseFingerImageRecord,
  writeFingerImageRecord,
} from './iso19794-4'
import { unwrapJp2, wrapJp2 } from './jp2'

const image = syntheticFingerImage({
  citizenId: '079203001234',
  finger: 'left-index',
  size: SYNTHETIC_SIZES.r30x,
})
const captureTime = new Date('2026-05-01T08:15:30.250Z')

describe('finger image records with compressed images', () => {
  it('round-trips an image losslessly as JPEG 2000 inside a JP2 file', async () => {
    const bytes = await buildFingerImageRecord([{ finger: 'left-index', image, captureTime }])
    const { record, images } = await readFingerImageRecord(bytes)
    const rep = record.representations[0]!
    expect(rep.compression).toBe(FINGER_IMAGE_COMPRESSION.jpeg2000Lossless)
    expect([...rep.imageData.subarray(0, 12)]).toEqual([
      0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a,
    ])
    expect(rep.position).toBe(7)
    expect(rep.captureDateTime).toEqual({
      year: 2026,
      month: 5,
      day: 1,
      hour: 8,
      minute: 15,
      second: 30,
      millisecond: 250,
    })
    expect(images[0]!.finger).toBe('left-index')
    expect(images[0]!.image.width).toBe(256)
    expect(Buffer.compare(images[0]!.image.pixels, image.pixels)).toBe(0)
    // Lossless still compresses a fingerprint well below its raw size.
    expect(rep.imageData.length).toBeLessThan(image.pixels.length)
  })

  it('round-trips an image losslessly as PNG', async () => {
    const bytes = await buildFingerImageRecord([{ finger: 'right-thumb', image, captureTime }], {
      encoding: 'png',
    })
    const { record, images } = await readFingerImageRecord(bytes)
    expect(record.representations[0]!.compression).toBe(FINGER_IMAGE_COMPRESSION.png)
    expect(Buffer.compare(images[0]!.image.pixels, image.pixels)).toBe(0)
  })

  it('carries a WSQ image (compression code 2) through the writer and the parser', async () => {
    const bytes = await buildFingerImageRecord([{ finger: 'right-index', image, captureTime }], {
      encoding: 'wsq',
    })
    const { record, images } = await readFingerImageRecord(bytes)
    const rep = record.representations[0]!
    expect(rep.compression).toBe(FINGER_IMAGE_COMPRESSION.wsq)
    expect(FINGER_IMAGE_COMPRESSION.wsq).toBe(2)
    expect([...rep.imageData.subarray(0, 2)]).toEqual([0xff, 0xa0])
    expect(rep.imageData).toEqual(encodeWsq(image))
    expect(images[0]!.finger).toBe('right-index')
    expect(images[0]!.image.pixels).toEqual(decodeWsq(rep.imageData).pixels)
    // Lossy: close to the original, at about a tenth of the raw size (0.75 bpp of 8).
    expect(psnr(image.pixels, images[0]!.image.pixels)).toBeGreaterThanOrEqual(19)
    expect(rep.imageData.length).toBeLessThan(image.pixels.length / 9)
  })

  it('refuses a WSQ image whose size disagrees with the record', async () => {
    const bytes = await buildFingerImageRecord([{ finger: 'right-index', image, captureTime }], {
      encoding: 'wsq',
    })
    const record = parseFingerImageRecord(bytes)
    const other = encodeWsq({ width: 64, height: 64, pixels: new Uint8Array(64 * 64).fill(90) })
    const rep = { ...record.representations[0]!, imageData: other }
    const swapped = writeFingerImageRecord({ ...record, representations: [rep] })
    await expect(readFingerImageRecord(swapped)).rejects.toThrow(/64×64, record says 256×288/)
  })

  it('puts only a device NFIQ 2 score into the quality block, never the kiosk score', async () => {
    const bytes = await buildFingerImageRecord(
      [
        {
          finger: 'left-index',
          image,
          captureTime,
          quality: { score: 64, source: 'device-nfiq2' },
        },
        {
          finger: 'left-middle',
          image,
          captureTime,
          quality: { score: 80, source: 'kiosk-quality-score' },
        },
      ],
      { encoding: 'none' },
    )
    const record = parseFingerImageRecord(bytes)
    expect(record.representations[0]!.quality).toEqual([{ score: 64, ...NFIQ2_QUALITY_IDS }])
    expect(record.representations[1]!.quality).toEqual([])
  })

  it('refuses an image whose size disagrees with the record', async () => {
    const bytes = await buildFingerImageRecord([{ finger: 'left-index', image, captureTime }], {
      encoding: 'png',
    })
    const view = new DataView(bytes.buffer)
    // Width field of the first representation (no quality block, no certification).
    view.setUint16(16 + 4 + 9 + 5 + 1 + 3 + 8 + 3, 255)
    await expect(readFingerImageRecord(bytes)).rejects.toThrow(RecordParseError)
  })

  it('wraps and unwraps the JP2 codestream box and rejects other data', () => {
    const codestream = Uint8Array.of(0xff, 0x4f, 0xff, 0x51, 1, 2, 3)
    const jp2 = wrapJp2(codestream, 10, 20)
    expect([...unwrapJp2(jp2)]).toEqual([...codestream])
    expect([...unwrapJp2(codestream)]).toEqual([...codestream])
    expect(() => unwrapJp2(Uint8Array.of(1, 2, 3))).toThrow(RecordParseError)
    expect(() => unwrapJp2(jp2.subarray(0, jp2.length - 2))).toThrow(RecordParseError)
  })

  it('reports a corrupt JPEG 2000 payload as a parse error', async () => {
    const bytes = await buildFingerImageRecord([{ finger: 'left-index', image, captureTime }])
    const record = parseFingerImageRecord(bytes)
    const data = record.representations[0]!.imageData
    const broken = bytes.slice(0, bytes.length - data.length + 200)
    new DataView(broken.buffer).setUint32(8, broken.length)
    new DataView(broken.buffer).setUint32(16, broken.length - 16)
    new DataView(broken.buffer).setUint32(broken.length - 200 - 4, 200)
    await expect(readFingerImageRecord(broken)).rejects.toThrow(RecordParseError)
  })

  it('fails only with RecordParseError when the compressed payload is damaged', async () => {
    for (const encoding of ['jpeg2000-lossless', 'png', 'wsq'] as const) {
      const bytes = await buildFingerImageRecord([{ finger: 'left-index', image, captureTime }], {
        encoding,
      })
      const imageStart =
        bytes.length - parseFingerImageRecord(bytes).representations[0]!.imageData.length
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(fc.nat(bytes.length - imageStart - 1), fc.integer({ min: 0, max: 255 })),
            {
              minLength: 1,
              maxLength: 8,
            },
          ),
          async (edits) => {
            const damaged = bytes.slice()
            for (const [at, v] of edits) damaged[imageStart + at] = v
            try {
              await readFingerImageRecord(damaged)
            } catch (e) {
              expect(e).toBeInstanceOf(RecordParseError)
            }
          },
        ),
        { numRuns: 40 },
      )
    }
  })

  it("refuses the outside fuzzer's decompression bomb before decoding it", async () => {
    // A small record whose codestream's SIZ says 65535×2100: the old decoder grew the process by
    // about 930 MB before it compared the size with the record's.
    const bytes = await buildFingerImageRecord([
      {
        finger: 'left-index',
        image: { width: 40, height: 40, ppi: 500, pixels: greyPattern(40, 40) },
        captureTime,
      },
    ])
    const data = parseFingerImageRecord(bytes).representations[0]!.imageData
    const codestreamAt = bytes.length - data.length + unwrapJp2(data).byteOffset - data.byteOffset
    const tamper = (width: number, height: number): Uint8Array => {
      const codestream = withSiz(bytes.subarray(codestreamAt), { width, height })
      const bomb = bytes.slice()
      bomb.set(codestream, codestreamAt)
      return bomb
    }
    const requests = sharedJpeg2000Codec().requestsSent
    const { growthBytes, outcome } = await peakRssGrowth(() =>
      readFingerImageRecord(tamper(65535, 2100)),
    )
    expect(outcome.status).toBe('rejected')
    if (outcome.status === 'rejected') {
      expect(outcome.reason).toBeInstanceOf(RecordParseError)
      expect(String(outcome.reason)).toMatch(/fingerprint image refused: 65535×2100 pixels/)
    }
    // The record's own width and height agreeing with the codestream does not get it decoded.
    const agreeing = tamper(65535, 2100)
    const widthField = 16 + 4 + 9 + 5 + 1 + 3 + 8 + 3
    new DataView(agreeing.buffer).setUint16(widthField, 65535)
    new DataView(agreeing.buffer).setUint16(widthField + 2, 2100)
    await expect(readFingerImageRecord(agreeing)).rejects.toThrow(/65535×2100 pixels/)
    // Within the budget but not the record's size: refused unread as well.
    await expect(readFingerImageRecord(tamper(1600, 1500))).rejects.toThrow(
      /image is 1600×1500, its container says 40×40/,
    )
    expect(sharedJpeg2000Codec().requestsSent).toBe(requests)
    expect(growthBytes).toBeLessThan(300 * 1024 * 1024)
  })

  it("encodes images under 32 pixels a side, which OpenJPEG's default 5 levels refuse", async () => {
    // The outside fuzzer's 24×24 image made the encoder throw a bare number (1182008).
    for (const [width, height] of [
      [24, 24],
      [1, 1],
      [31, 200],
    ] as const) {
      const small = { width, height, ppi: 500, pixels: greyPattern(width, height) }
      const bytes = await buildFingerImageRecord([
        { finger: 'left-index', image: small, captureTime },
      ])
      const { images } = await readFingerImageRecord(bytes)
      expect(Buffer.compare(images[0]!.image.pixels, small.pixels)).toBe(0)
    }
  })

  it('fails to encode an image that cannot be one with a typed error', async () => {
    const empty = { width: 0, height: 0, ppi: 500, pixels: new Uint8Array(0) }
    const built = buildFingerImageRecord([{ finger: 'left-index', image: empty, captureTime }])
    await expect(built).rejects.toThrow(Jpeg2000EncodeError)
    await expect(built).rejects.toMatchObject({ reason: 'bad-input' })
  })
})
