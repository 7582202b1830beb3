import fc from 'fast-check'
import { ParseError } from '../../../lib/parse-error'
import {
  FEATURE_GET_TLV_PROPERTIES,
  buildFeatureList,
  buildReaderProperties,
  parseFeatureList,
  parseReaderProperties,
} from '../../../drivers/smartcard/pcsc/reader-features'
import { randomBytes, withSelector } from '../engine/generators'
import { instanceOfAny, type FuzzTarget } from '../engine/target'
import { joined } from '../engine/tlv-tree'

/** {tag, length, value} runs with short values: the shape of both part 10 answers. */
const shortTlvs = fc
  .array(
    fc
      .tuple(fc.integer({ min: 0, max: 0x14 }), fc.uint8Array({ maxLength: 6 }))
      .map(([tag, value]) => Uint8Array.of(tag, value.length, ...value)),
    { maxLength: 8 },
  )
  .map((parts) => joined(...parts))

/**
 * Input: selector byte, then bytes. Even: the GET_FEATURE_REQUEST answer; odd: the
 * FEATURE_GET_TLV_PROPERTIES answer. Both come from the reader's driver through SCardControl.
 */
export const readerFeatures: FuzzTarget = {
  name: 'reader-features',
  parses:
    "parseFeatureList (PC/SC part 10 GET_FEATURE_REQUEST answer) and parseReaderProperties (FEATURE_GET_TLV_PROPERTIES: dwMaxAPDUDataSize), the reader driver's answers that bound the APDU length",
  typedErrors: 'ParseError',
  setup: () => ({
    seeds: [
      joined(
        Uint8Array.of(0),
        buildFeatureList([
          { tag: 0x06, code: 0x42330006 },
          { tag: FEATURE_GET_TLV_PROPERTIES, code: 0x42330012 },
        ]),
      ),
      joined(
        Uint8Array.of(1),
        buildReaderProperties({
          idVendor: 0x072f,
          idProduct: 0x2200,
          maxApduDataSize: 65544,
          firmwareId: 'v1.0',
        }),
      ),
      joined(Uint8Array.of(1), buildReaderProperties({ maxApduDataSize: 0 })),
    ],
    generated: withSelector(fc.oneof(shortTlvs, randomBytes(64))),
    structure: { tlv: false },
    mode: 'sync',
    execute: (input) => {
      const body = input.subarray(1)
      if ((input[0] ?? 0) % 2 === 1) return parseReaderProperties(body)
      return parseFeatureList(body)
    },
    isTyped: instanceOfAny(ParseError),
  }),
}
