import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildCbeffXml, parseCbeffXml } from './cbeff'
import { RecordParseError } from './errors'

const context = {
  now: () => new Date('2026-05-01T08:15:30.000Z'),
  randomBytes: (n: number) => Uint8Array.from({ length: n }, (_, i) => i * 17),
}

describe('CBEFF XML envelope', () => {
  it('round-trips finger BIRs, an exception without BDB, quality and others', () => {
    const record = Uint8Array.of(0x46, 0x49, 0x52, 0, 0x30, 0x32, 0x30, 0, 1, 2, 3)
    const xml = buildCbeffXml(
      [
        {
          finger: 'left-ring',
          record,
          quality: { algorithmOrganization: 'NIST', algorithmType: 'NFIQ2', score: 71 },
          others: { RETRIES: '2', 'A<&>"B': 'x<y & "z"' },
        },
        { finger: 'right-thumb', others: { EXCEPTION: 'true', EXCEPTION_REASON: 'amputated' } },
      ],
      context,
    )
    expect(xml).toContain('<BIR xmlns="http://standards.iso.org/iso-iec/19785/-3/ed-2/">')
    expect(xml).toContain('<Subtype>Left RingFinger</Subtype>')
    expect(xml).toContain('<BDB>RklSADAyMAABAgM=</BDB>')
    const parsed = parseCbeffXml(xml)
    expect(parsed).toHaveLength(2)
    expect(parsed[0]!.finger).toBe('left-ring')
    expect(parsed[0]!.format).toEqual({ organization: 257, type: 7 })
    expect(parsed[0]!.record).toEqual(record)
    expect(parsed[0]!.quality).toEqual({
      algorithmOrganization: 'NIST',
      algorithmType: 'NFIQ2',
      score: 71,
    })
    expect(parsed[0]!.others).toEqual({ RETRIES: '2', 'A<&>"B': 'x<y & "z"' })
    expect(parsed[0]!.index).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(parsed[0]!.creationDate).toBe('2026-05-01T08:15:30.000Z')
    expect(parsed[1]!.finger).toBe('right-thumb')
    expect(parsed[1]!.record).toBeNull()
    expect(parsed[1]!.others.EXCEPTION_REASON).toBe('amputated')
  })

  it('rejects malformed envelopes with a parse error', () => {
    expect(() => parseCbeffXml('<BIR><BIR></BIR>')).toThrow(RecordParseError)
    expect(() => parseCbeffXml('<Other/>')).toThrow(/root element/)
    expect(() => parseCbeffXml('<BIR><BIR><BDB>@@</BDB></BIR></BIR>')).toThrow(RecordParseError)
  })

  // Character references past U+10FFFF threw a RangeError from String.fromCodePoint, and
  // "&constructor;" was looked up among Object's own properties and read as a function's text.
  it.each(['&#x110000;', '&#99999999999;', '&#xD800;', '&#0;', '&constructor;'])(
    'refuses the reference %s inside an element with a parse error',
    (reference) => {
      const xml = `<BIR><BDBInfo><Format><Organization>${reference}</Organization></Format></BDBInfo></BIR>`
      expect(() => parseCbeffXml(xml)).toThrow(RecordParseError)
    },
  )

  it('throws only RecordParseError on arbitrary text', () => {
    const sample = buildCbeffXml(
      [{ finger: 'left-index', record: Uint8Array.of(1, 2, 3) }],
      context,
    )
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.nat(sample.length), (noise, at) => {
        for (const text of [noise, sample.slice(0, at) + noise + sample.slice(at)]) {
          try {
            parseCbeffXml(text)
          } catch (e) {
            expect(e).toBeInstanceOf(RecordParseError)
          }
        }
      }),
      { numRuns: 1000 },
    )
  })
})
