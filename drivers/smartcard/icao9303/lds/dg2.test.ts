import openJpegFull from '@cornerstonejs/codec-openjpeg/wasmjs'
import fc from 'fast-check'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { tlv } from '../../../../lib/asn1/tlv'
import { concat, fromHex, uintBytes } from '../../../../lib/bytes'
import { syntheticFaceJpeg } from '../../cccd/synthetic-face'
import { ParseError } from '../../../../lib/parse-error'
import { buildDg2, parseDg2, parseFaceRecord } from './dg2'
import { displayableFaceImage } from './face-display'
import { jpegDimensions } from './image-format'
import { findCodestream, readCodestreamHeader, sharedJpeg2000Codec } from '../../../../lib/jpeg2000'
import { withCod, withSiz } from '../../../../lib/jpeg2000/test-support'
import { decodeJpeg2000 } from './jpeg2000'

const face = syntheticFaceJpeg({ seed: 'dg2-test', targetBytes: 3000, width: 60, height: 80 })

/** A JPEG 2000 codestream made by OpenJPEG from a known RGB pattern (lossless). */
async function jpeg2000Pattern(
  width: number,
  height: number,
): Promise<{ codestream: Uint8Array; rgb: Uint8Array }> {
  const module = await openJpegFull({ print: () => undefined, printErr: () => undefined })
  const encoder = new module.J2KEncoder()
  const raw = encoder.getDecodedBuffer({
    width,
    height,
    bitsPerSample: 8,
    componentCount: 3,
    isSigned: false,
    isUsingColorTransform: false,
  })
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3
      raw.set([(x * 5) & 255, (y * 7) & 255, (x * y) & 255], p)
    }
  }
  const rgb = raw.slice()
  encoder.setDecompositions(2)
  encoder.encode()
  const codestream = new Uint8Array(encoder.getEncodedBuffer())
  encoder.delete()
  return { codestream, rgb }
}

/** Wraps a codestream in the JP2 file format (signature, ftyp, jp2h with ihdr/colr, jp2c). */
function jp2File(codestream: Uint8Array, width: number, height: number): Uint8Array {
  const box = (type: string, ...body: Uint8Array[]): Uint8Array => {
    const content = concat(...body)
    return concat(uintBytes(8 + content.length, 4), Buffer.from(type, 'latin1'), content)
  }
  const ihdr = concat(
    uintBytes(height, 4),
    uintBytes(width, 4),
    uintBytes(3, 2),
    Uint8Array.of(7, 7, 0, 0),
  )
  const colr = Uint8Array.of(1, 0, 0, 0, 0, 0, 16) // enumerated colour space: sRGB
  return concat(
    fromHex('0000000C6A5020200D0A870A'),
    box('ftyp', Buffer.from('jp2 \0\0\0\0jp2 ', 'latin1')),
    box('jp2h', box('ihdr', ihdr), box('colr', colr)),
    box('jp2c', codestream),
  )
}

describe('DG2', () => {
  it('round-trips a JPEG portrait, taking its size from the JPEG frame header', () => {
    const dg2 = parseDg2(buildDg2({ image: face.jpeg, gender: 1 }))
    expect(dg2.format).toBe('jpeg')
    expect([dg2.width, dg2.height]).toEqual([60, 80])
    expect(dg2.image).toEqual(face.jpeg)
    expect(dg2).toMatchObject({ imageDataType: 0, faceImageType: 1, gender: 1, colourSpace: 1 })
    expect(dg2.faces).toHaveLength(1)
  })

  it('writes the ICAO biometric header and the ISO/IEC 19794-5 record header', () => {
    const bytes = Buffer.from(buildDg2({ image: face.jpeg }))
    expect(bytes[0]).toBe(0x75)
    expect(bytes.indexOf(fromHex('A10F 800201 01 810102 87020101 88020008'))).toBeGreaterThan(0)
    const fac = bytes.indexOf(Buffer.from('FAC\u0000010\u0000', 'latin1'))
    expect(fac).toBeGreaterThan(0)
    expect(bytes.readUInt32BE(fac + 8)).toBe(bytes.length - fac) // record length covers the rest
  })

  it('reads feature points and every face of a hand-made record', () => {
    const image = face.jpeg
    const faceBlock = (points: number, gender: number): Uint8Array =>
      concat(
        uintBytes(20 + points * 8 + 12 + image.length, 4),
        uintBytes(points, 2),
        Uint8Array.of(gender, 0, 0),
        new Uint8Array(11),
        new Uint8Array(points * 8).fill(0x11),
        Uint8Array.of(2, 0), // token frontal, JPEG
        uintBytes(60, 2),
        uintBytes(80, 2),
        Uint8Array.of(3, 2, 0, 0, 0, 0),
        image,
      )
    const blocks = concat(faceBlock(2, 2), faceBlock(0, 1))
    const record = concat(
      Buffer.from('FAC\u0000010\u0000', 'latin1'),
      uintBytes(14 + blocks.length, 4),
      uintBytes(2, 2),
      blocks,
    )
    const faces = parseFaceRecord(record)
    expect(
      faces.map((f) => [f.featurePointCount, f.gender, f.faceImageType, f.colourSpace]),
    ).toEqual([
      [2, 2, 2, 3],
      [0, 1, 2, 3],
    ])
    expect(faces[0]!.image).toEqual(image)
    expect(faces[1]!.image).toEqual(image)
  })

  it('tolerates a block length a few bytes too long, as some issuers write it', () => {
    const dg2 = Buffer.from(buildDg2({ image: face.jpeg }))
    const block = dg2.indexOf(Buffer.from('FAC\u0000', 'latin1')) + 14
    dg2.writeUInt32BE(dg2.readUInt32BE(block) + 8, block)
    expect(new Uint8Array(parseDg2(dg2).image)).toEqual(face.jpeg)
    dg2.writeUInt32BE(dg2.readUInt32BE(block) + 1, block)
    expect(() => parseDg2(dg2)).toThrow(/claims/)
  })

  it('refuses a data block that is not an ISO/IEC 19794-5 record', () => {
    const dg2 = tlv(
      0x75,
      tlv(0x7f61, tlv(0x02, Uint8Array.of(1)), tlv(0x7f60, tlv(0x5f2e, fromHex('A1020304')))),
    )
    expect(() => parseDg2(dg2)).toThrow(ParseError)
    expect(() => parseDg2(tlv(0x75, tlv(0x7f61, tlv(0x02, Uint8Array.of(0)))))).toThrow(
      /no face image/,
    )
  })

  it('shows a JPEG as it is', async () => {
    const shown = await displayableFaceImage(parseDg2(buildDg2({ image: face.jpeg })))
    expect(shown).toEqual({ mimeType: 'image/jpeg', bytes: face.jpeg })
  })

  it('decodes a JPEG 2000 portrait (JP2 file) into a PNG with the same pixels', async () => {
    const { codestream, rgb } = await jpeg2000Pattern(48, 36)
    const jp2 = jp2File(codestream, 48, 36)
    expect(readCodestreamHeader(findCodestream(jp2))).toMatchObject({ width: 48, height: 36 })
    const dg2 = parseDg2(buildDg2({ image: jp2, width: 48, height: 36 }))
    expect(dg2).toMatchObject({ format: 'jpeg2000', imageDataType: 1, width: 48, height: 36 })
    const shown = await displayableFaceImage(dg2)
    expect(shown.mimeType).toBe('image/png')
    const png = PNG.sync.read(Buffer.from(shown.bytes))
    expect([png.width, png.height]).toEqual([48, 36])
    for (const [x, y] of [
      [0, 0],
      [47, 0],
      [13, 21],
      [47, 35],
    ] as const) {
      const p = y * 48 + x
      expect([...png.data.subarray(p * 4, p * 4 + 4)]).toEqual([
        ...rgb.subarray(p * 3, p * 3 + 3),
        255,
      ])
    }
  })

  it('decodes a bare JPEG 2000 codestream too and refuses garbage with ParseError', async () => {
    const { codestream } = await jpeg2000Pattern(32, 32)
    expect((await decodeJpeg2000(codestream)).rgba.length).toBe(32 * 32 * 4)
    await expect(decodeJpeg2000(fromHex('FF4FFF51 0000'))).rejects.toThrow(ParseError)
    const truncated = codestream.slice(0, 60)
    await expect(decodeJpeg2000(truncated)).rejects.toThrow(ParseError)
  })

  it('refuses a portrait bomb from the chip before decoding it', async () => {
    const { codestream } = await jpeg2000Pattern(32, 32)
    const requests = sharedJpeg2000Codec().requestsSent
    const bombs = [
      withSiz(codestream, { width: 20000, height: 20000 }),
      withSiz(codestream, { width: 2000, height: 2000, tileWidth: 8, tileHeight: 8 }),
      withCod(withSiz(codestream, { width: 1200, height: 1600 }), { precinctExp: 1 }),
    ]
    for (const bomb of bombs) {
      const shown = displayableFaceImage({ format: 'jpeg2000', image: jp2File(bomb, 32, 32) })
      await expect(shown).rejects.toThrow(ParseError)
      await expect(shown).rejects.toMatchObject({ reason: 'over-budget' })
    }
    expect(sharedJpeg2000Codec().requestsSent).toBe(requests)
  })

  it('reads JPEG dimensions only from a frame header', () => {
    expect(jpegDimensions(face.jpeg)).toEqual({ width: 60, height: 80 })
    expect(jpegDimensions(fromHex('FFD8 FFDA 0002'))).toBeNull()
    expect(() => buildDg2({ image: fromHex('00112233') })).toThrow(RangeError)
  })

  it('lets only ParseError escape on arbitrary bytes', () => {
    const valid = buildDg2({
      image: face.jpeg.subarray(0, 64),
      width: 60,
      height: 80,
      format: 'jpeg',
    })
    const mutated = fc
      .array(
        fc.tuple(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })),
        { minLength: 1, maxLength: 4 },
      )
      .map((edits) => {
        const copy = valid.slice()
        for (const [at, value] of edits) copy[at] = value
        return copy
      })
    fc.assert(
      fc.property(fc.oneof(mutated, fc.uint8Array({ maxLength: 120 })), (bytes) => {
        try {
          parseDg2(bytes)
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError)
        }
      }),
      { numRuns: 3000 },
    )
  })
})
