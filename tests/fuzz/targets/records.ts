import fc from 'fast-check'
import { ParseError } from '../../../lib/parse-error'
import { buildCbeffXml, parseCbeffXml } from '../../../drivers/fingerprint/records/cbeff'
import { RecordParseError } from '../../../drivers/fingerprint/records/errors'
import { readFingerImageRecord } from '../../../drivers/fingerprint/records/finger-record'
import { parseFingerImageRecord } from '../../../drivers/fingerprint/records/iso19794-4'
import { unwrapJp2, wrapJp2 } from '../../../drivers/fingerprint/records/jp2'
import { decodeJpeg2000 } from '../../../drivers/smartcard/icao9303/lds/jpeg2000'
import { encodeJpeg2000Lossless, findCodestream, readCodestreamHeader } from '../../../lib/jpeg2000'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { randomBytes, randomText } from '../engine/generators'
import { instanceOfAny, type FuzzTarget } from '../engine/target'
import { FUZZ_NOW } from '../fixtures/fixture-keys'
import { fingerRecords, smallImages } from '../seeds/fingers'

const isRecordError = instanceOfAny(RecordParseError)

export const iso19794: FuzzTarget = {
  name: 'iso19794-4',
  parses:
    'parseFingerImageRecord (ISO/IEC 19794-4:2011 finger records from SBI devices and files) and unwrapJp2 of each image',
  typedErrors: 'RecordParseError',
  setup: async () => ({
    seeds: await fingerRecords(),
    generated: randomBytes(600),
    structure: { tlv: false },
    mode: 'sync',
    execute: (input) => {
      const record = parseFingerImageRecord(input)
      for (const r of record.representations)
        if (r.compression === 4 || r.compression === 5) unwrapJp2(r.imageData)
      return record.representations.length
    },
    isTyped: isRecordError,
  }),
}

export const fingerRecord: FuzzTarget = {
  name: 'finger-record-decode',
  parses:
    'readFingerImageRecord: the record and each image decoded (PNG through pngjs, JPEG 2000 through OpenJPEG)',
  typedErrors: 'RecordParseError',
  setup: async () => ({
    seeds: await fingerRecords(),
    generated: randomBytes(600),
    structure: { tlv: false },
    mode: 'async',
    execute: (input) => readFingerImageRecord(input).then((r) => r.images.length),
    isTyped: isRecordError,
  }),
}

/** Pieces of XML that byte mutations would almost never spell. */
const XML_TOKENS = [
  '&#x110000;',
  '&#xD800;',
  '&#0;',
  '&#99999999999;',
  '&#x',
  '&#',
  '&amp;',
  '&constructor;',
  '&lt;',
  ';',
  '<![CDATA[',
  ']]>',
  '<?xml version="1.0"?>',
  '<!--',
  '-->',
  '<BIR>',
  '</BIR>',
  '<BDB>',
  '</BDB>',
  ' xmlns="http://standards.iso.org/iso-iec/19785/-3/ed-2/"',
  '000000000',
  'FFFFFF',
]

export const cbeffXml: FuzzTarget = {
  name: 'cbeff-xml',
  parses: 'parseCbeffXml (the CBEFF XML envelope, with its own XML reader)',
  typedErrors: 'RecordParseError',
  setup: async () => {
    const [record = new Uint8Array(0), , raw] = await fingerRecords()
    const random = seededRandom('fuzz-cbeff')
    const context = { now: () => FUZZ_NOW, randomBytes: (n: number) => new Uint8Array(random(n)) }
    const xml = [
      buildCbeffXml(
        [
          {
            finger: 'right-index',
            record,
            quality: { algorithmOrganization: 'NIST', algorithmType: 'NFIQ2', score: 71 },
          },
        ],
        context,
      ),
      buildCbeffXml(
        [
          {
            finger: 'left-thumb',
            record: raw ?? record,
            others: { RETRIES: '2', FORCE_CAPTURED: 'false' },
          },
          {
            finger: 'right-thumb',
            others: { EXCEPTION: 'true', EXCEPTION_REASON: 'amputated & "healed" <ok>' },
          },
        ],
        { ...context, purpose: 'Verify' },
      ),
    ]
    return {
      // Character references, so mutations reach their digits (out of range, surrogates, NUL).
      seeds: [...xml, (xml[0] ?? '').replace('NIST', 'N&#x49;S&#84;&#x1F600;')].map(
        (x) => new Uint8Array(Buffer.from(x, 'utf8')),
      ),
      generated: randomText('<>/="\' BIRBDBInfoFormatIndex&amp;;#x<![CDATA[]]>?-!ab01+', 400),
      structure: { tlv: false, dictionary: XML_TOKENS },
      mode: 'sync',
      execute: (input) => parseCbeffXml(Buffer.from(input).toString('utf8')),
      isTyped: isRecordError,
    }
  },
}

export const faceJpeg2000: FuzzTarget = {
  name: 'dg2-jpeg2000',
  parses:
    'readCodestreamHeader, then decodeJpeg2000 in the capped worker: a JPEG 2000 portrait from DG2 decoded for display',
  typedErrors: 'ParseError',
  setup: async () => {
    const images = smallImages()
    const codestreams = await Promise.all(
      images.map((i) => encodeJpeg2000Lossless(i.pixels, i.width, i.height)),
    )
    const seeds = [
      ...codestreams,
      ...codestreams.map((c, i) => wrapJp2(c, images[i]!.width, images[i]!.height)),
    ]
    return {
      seeds,
      generated: fc.oneof(
        randomBytes(400),
        randomBytes(64).map((b) => Uint8Array.from([0xff, 0x4f, 0xff, 0x51, ...b])),
      ),
      structure: { tlv: false },
      mode: 'async',
      execute: async (input) => {
        readCodestreamHeader(findCodestream(input))
        const image = await decodeJpeg2000(input)
        return image.width * image.height
      },
      isTyped: instanceOfAny(ParseError),
    }
  },
}
