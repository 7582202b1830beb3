import fc from 'fast-check'
import { ParseError } from '../../../lib/parse-error'
import {
  buildEfAtrInfo,
  buildHistoricalBytes,
  historicalBytesOf,
  parseExtendedLengthInfo,
  parseHistoricalCapabilities,
} from '../../../drivers/smartcard/iso7816/card-capabilities'
import { contactlessAtr } from '../../../drivers/smartcard/sim/atr'
import { randomBytes, randomTlv, withSelector } from '../engine/generators'
import { instanceOfAny, type FuzzTarget } from '../engine/target'
import { joined } from '../engine/tlv-tree'

const FLAGS = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => ({
  commandChaining: (n & 4) !== 0,
  extendedLength: (n & 2) !== 0,
  extendedLengthInfo: (n & 1) !== 0,
}))

/**
 * Input: selector byte, then bytes. Even: an ATR as the reader reports it (historical bytes, then
 * their card capabilities); odd: the content of EF.ATR/INFO (DO'7F66').
 */
export const cardCapabilities: FuzzTarget = {
  name: 'card-capabilities',
  parses:
    "historicalBytesOf + parseHistoricalCapabilities (the ATR pcscd reports, compact-TLV '7x') and parseExtendedLengthInfo (EF.ATR/INFO 2F01, DO'7F66'), read in plain before access control",
  typedErrors: 'ParseError',
  setup: () => {
    const atrs = FLAGS.map((flags) =>
      joined(Uint8Array.of(0), contactlessAtr(buildHistoricalBytes(flags))),
    )
    const infos = [
      { maxCommandBytes: 1033, maxResponseBytes: 4098 },
      { maxCommandBytes: 65544, maxResponseBytes: 65538 },
      { maxCommandBytes: 261, maxResponseBytes: 258 },
    ].map((info) => joined(Uint8Array.of(1), buildEfAtrInfo(info)))
    return {
      seeds: [
        ...atrs,
        ...infos,
        joined(Uint8Array.of(0), contactlessAtr(new TextEncoder().encode('VNCCCDsim'))),
      ],
      generated: withSelector(fc.oneof(randomTlv([0x7f66, 0x02, 0x4f, 0x80]), randomBytes(64))),
      structure: { tlv: true },
      mode: 'sync',
      execute: (input) => {
        const body = input.subarray(1)
        if ((input[0] ?? 0) % 2 === 1) return parseExtendedLengthInfo(body)
        return parseHistoricalCapabilities(historicalBytesOf(body))
      },
      isTyped: instanceOfAny(ParseError),
    }
  },
}
