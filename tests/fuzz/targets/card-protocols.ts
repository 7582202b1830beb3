import fc from 'fast-check'
import { fromHex } from '../../../lib/bytes'
import { readTlvList } from '../../../lib/asn1/tlv'
import { ParseError } from '../../../lib/parse-error'
import { aesEcbEncrypt } from '../../../drivers/smartcard/icao9303/crypto/aes'
import type { Curve } from '../../../drivers/smartcard/icao9303/crypto/ec/curve'
import { curveForParameterId } from '../../../drivers/smartcard/icao9303/crypto/ec/domains'
import {
  decodeEcSubjectPublicKeyInfoBytes,
  encodeEcSubjectPublicKeyInfo,
  type EcPublicKey,
} from '../../../drivers/smartcard/icao9303/crypto/ec/ec-public-key'
import {
  decodePoint,
  encodePoint,
} from '../../../drivers/smartcard/icao9303/crypto/ec/point-encoding'
import { encryptCbc, type IcaoCipher } from '../../../drivers/smartcard/icao9303/crypto/cipher'
import { SecureMessagingError } from '../../../drivers/smartcard/icao9303/errors'
import {
  dynamicAuthData,
  readDynamicAuthData,
} from '../../../drivers/smartcard/icao9303/pace/pace-messages'
import { parseSecurityInfos } from '../../../drivers/smartcard/icao9303/security-infos'
import {
  protectCommand,
  protectResponse,
  unprotectCommand,
  unprotectResponse,
} from '../../../drivers/smartcard/icao9303/sm/sm-codec'
import { SmCrypto } from '../../../drivers/smartcard/icao9303/sm/sm-crypto'
import type { SessionKeys } from '../../../drivers/smartcard/icao9303/sm/session-keys'
import { ICAO_VECTORS } from '../../../drivers/smartcard/icao9303/test-vectors'
import {
  decodeCommand,
  decodeResponse,
  encodeCommand,
  type CommandApdu,
} from '../../../drivers/smartcard/iso7816/apdu'
import { parseTlvHeader } from '../../../drivers/smartcard/iso7816/tlv-header'
import { frameVpcdMessage, VpcdFrameReader } from '../../../drivers/smartcard/sim/vpcd-protocol'
import { minChunk, randomBytes, randomTlv, withSelector } from '../engine/generators'
import { instanceOfAny, type FuzzTarget } from '../engine/target'
import { joined } from '../engine/tlv-tree'
import { allChipFiles, dataGroupSeeds } from '../seeds/chip'

const SESSIONS: readonly SessionKeys[] = [
  {
    cipher: '3DES',
    encKey: fromHex(ICAO_VECTORS.sm3des.ksEnc),
    macKey: fromHex(ICAO_VECTORS.sm3des.ksMac),
    ssc: BigInt(`0x${ICAO_VECTORS.sm3des.sscInitial}`),
  },
  {
    cipher: 'AES-128',
    encKey: fromHex(ICAO_VECTORS.smAes.aes128.ksEnc),
    macKey: fromHex(ICAO_VECTORS.smAes.aes128.ksMac),
    ssc: 41n,
  },
]

const sessionOf = (mode: number): SessionKeys =>
  SESSIONS[(mode >> 2) % SESSIONS.length] as SessionKeys
const blockOf = (cipher: IcaoCipher): number => (cipher === '3DES' ? 8 : 16)
const MAC_TAG = 0x8e

/**
 * The SM data objects with DO'8E' replaced by the MAC the other side would compute, so a case gets
 * past the MAC check and reaches what follows it (DO'99', decryption, padding). The MAC covers the
 * objects before the last DO'8E' (plus `prefix`, the padded header for commands).
 */
function withValidMac(objects: Uint8Array, keys: SessionKeys, prefix: Uint8Array): Uint8Array {
  let macAt = objects.length
  try {
    const list = readTlvList(objects)
    const last = list.at(-1)
    if (last?.tag === MAC_TAG) macAt = last.offset
  } catch {
    return objects
  }
  const covered = objects.subarray(0, macAt)
  const probe = new SmCrypto(keys)
  probe.incrementSsc()
  const mac = probe.mac(joined(prefix, covered))
  return joined(covered, Uint8Array.of(MAC_TAG, 8), mac)
}

/**
 * Input: mode byte, SW (2 bytes), data. Mode bit 0: fix up the MAC; bit 1: the data is a plaintext
 * to encrypt raw (no padding added, so the padding check sees anything) into DO'87', with DO'99'
 * and a valid MAC; bits 2+: which session (3DES, AES-128).
 */
export const smResponse: FuzzTarget = {
  name: 'sm-response',
  parses:
    'unprotectResponse (terminal side of secure messaging: DO87/85/99/8E, MAC, decryption, padding) then parseTlvHeader of the plaintext; the MAC can be made valid so decryption and unpadding are reached',
  typedErrors: 'SecureMessagingError (ParseError for the plaintext header)',
  setup: () => {
    const plains = [...allChipFiles().map((f) => f.subarray(0, 223)), new Uint8Array(0)]
    const seeds = SESSIONS.flatMap((keys, k) =>
      plains.flatMap((data, i) => {
        const card = new SmCrypto(keys)
        const protectedResponse = protectResponse(
          card,
          { data, sw: i % 5 === 0 ? 0x6282 : 0x9000 },
          i % 7 === 0,
        )
        const head = Uint8Array.of(k << 2, protectedResponse.sw >> 8, protectedResponse.sw & 0xff)
        return [
          joined(head, protectedResponse.data),
          joined(Uint8Array.of((k << 2) | 1), head.subarray(1), protectedResponse.data),
          joined(Uint8Array.of((k << 2) | 2), head.subarray(1), data),
        ]
      }),
    )
    return {
      seeds,
      generated: fc.oneof(
        withSelector(randomTlv([0x85, 0x87, 0x97, 0x99, 0x8e])),
        randomBytes(300),
      ),
      structure: { tlv: false },
      mode: 'sync',
      execute: (input) => {
        const mode = input[0] ?? 0
        const sw = ((input[1] ?? 0) << 8) | (input[2] ?? 0)
        const keys = sessionOf(mode)
        const sm = new SmCrypto(keys)
        let data = input.subarray(3)
        if (mode & 2) {
          const block = blockOf(keys.cipher)
          const aligned = joined(data, new Uint8Array((block - (data.length % block)) % block))
          const probe = new SmCrypto(keys)
          probe.incrementSsc()
          const iv =
            keys.cipher === '3DES' ? undefined : aesEcbEncrypt(keys.encKey, probe.sscBytes())
          const cryptogram = aligned.length
            ? encryptCbc(keys.cipher, keys.encKey, aligned, iv)
            : aligned
          data = joined(
            Uint8Array.of(0x87, ...lengthBytes(cryptogram.length + 1), 0x01),
            cryptogram,
            Uint8Array.of(0x99, 2, sw >> 8, sw & 0xff),
            Uint8Array.of(MAC_TAG, 8),
            new Uint8Array(8),
          )
        }
        if (mode & 3) data = withValidMac(data, keys, new Uint8Array(0))
        const plain = unprotectResponse(sm, { data, sw })
        return parseTlvHeader(plain.data)
      },
      isTyped: instanceOfAny(SecureMessagingError, ParseError),
    }
  },
}

function lengthBytes(n: number): number[] {
  return n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]
}

const COMMANDS: readonly CommandApdu[] = [
  { cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Uint8Array.of(0x01, 0x1e) },
  { cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x00, le: 4 },
  { cla: 0x00, ins: 0xb0, p1: 0x9d, p2: 0x00, le: 223 },
  {
    cla: 0x00,
    ins: 0xb1,
    p1: 0x00,
    p2: 0x01,
    data: Uint8Array.of(0x54, 0x02, 0x7f, 0xff),
    le: 256,
  },
  { cla: 0x00, ins: 0x88, p1: 0x00, p2: 0x00, data: new Uint8Array(8), le: 256 },
  {
    cla: 0x00,
    ins: 0x22,
    p1: 0x41,
    p2: 0xa4,
    data: Uint8Array.of(0x80, 0x0a, 0x04, 0x00, 0x7f, 0x00, 0x07, 0x02, 0x02, 0x03, 0x02, 0x02),
  },
]

/** Input: mode byte (bit 0: fix up the MAC; bits 2+: session), then the command APDU bytes. */
export const smCommand: FuzzTarget = {
  name: 'sm-command',
  parses:
    'decodeCommand then unprotectCommand (card side of secure messaging, what the virtual chip gets from vpcd); the MAC can be made valid',
  typedErrors: 'SecureMessagingError, ParseError (decodeCommand)',
  setup: () => {
    const seeds = SESSIONS.flatMap((keys, k) =>
      COMMANDS.flatMap((command) => {
        const wrapped = encodeCommand(
          protectCommand(new SmCrypto(keys), command, { extendedLength: true }),
        )
        return [
          joined(Uint8Array.of(k << 2), wrapped),
          joined(Uint8Array.of((k << 2) | 1), wrapped),
        ]
      }),
    )
    return {
      seeds,
      generated: withSelector(randomBytes(300)),
      structure: { tlv: false },
      mode: 'sync',
      execute: (input) => {
        const mode = input[0] ?? 0
        const keys = sessionOf(mode)
        const sm = new SmCrypto(keys)
        let command = decodeCommand(input.subarray(1))
        if (mode & 1 && command.data) {
          const header = sm.padHeader(
            Uint8Array.of(command.cla, command.ins, command.p1, command.p2),
          )
          command = { ...command, data: withValidMac(command.data, keys, header) }
        }
        return unprotectCommand(sm, command)
      },
      isTyped: instanceOfAny(SecureMessagingError, ParseError),
    }
  },
}

/** Input: one byte choosing how the stream is cut into TCP chunks, then the stream. */
export const vpcd: FuzzTarget = {
  name: 'vpcd-apdu',
  parses:
    'VpcdFrameReader (vpcd socket framing, chunked anyhow) then decodeCommand of each message; decodeResponse of the same bytes (what pcscd hands the terminal)',
  typedErrors: 'ParseError',
  setup: () => {
    const messages = [
      ...COMMANDS.map((c) => encodeCommand(c)),
      Uint8Array.of(4),
      Uint8Array.of(1),
      encodeCommand(COMMANDS[3] as CommandApdu, true),
    ]
    const stream = joined(...messages.map(frameVpcdMessage))
    return {
      seeds: [
        joined(Uint8Array.of(0), stream),
        joined(Uint8Array.of(7), stream),
        ...messages.map((m) => joined(Uint8Array.of(3), frameVpcdMessage(m))),
      ],
      generated: withSelector(randomBytes(600)),
      structure: { tlv: false },
      mode: 'sync',
      execute: (input) => {
        const cut = (input[0] ?? 0) + 1
        const reader = new VpcdFrameReader()
        const bytes = input.subarray(1)
        let decoded = 0
        for (let at = 0, i = 0; at < bytes.length; i++) {
          const size = Math.max(1 + ((i * 7 + cut) % cut), minChunk(bytes.length))
          for (const message of reader.push(bytes.subarray(at, at + size))) {
            if (message.length > 1) decodeCommand(message)
            if (message.length >= 2) decodeResponse(message)
            decoded++
          }
          at += size
        }
        reader.end()
        return decoded
      },
      isTyped: instanceOfAny(ParseError),
    }
  },
}

/**
 * Input: selector byte, then bytes. 0: a GENERAL AUTHENTICATE answer (7C template; the point in
 * 82/84/86 decoded on the chip's curve); 1: a SubjectPublicKeyInfo with EC domain parameters.
 */
export const ecKeys: FuzzTarget = {
  name: 'pace-ca-keys',
  parses:
    'readDynamicAuthData + decodePoint (PACE / CA answers), decodeEcSubjectPublicKeyInfoBytes (CA and AA keys: named, standardized and explicit domain parameters)',
  typedErrors: 'ParseError',
  setup: () => {
    const keys = dataGroupSeeds(14).flatMap((dg14) =>
      parseSecurityInfos(dg14).flatMap((info) =>
        info.type === 'ChipAuthenticationPublicKeyInfo' && info.publicKey.kind === 'EC'
          ? [info.publicKey as EcPublicKey]
          : [],
      ),
    )
    const answers = keys.flatMap((key) =>
      [0x82, 0x84, 0x86].map((tag) =>
        joined(Uint8Array.of(0), dynamicAuthData(tag, encodePoint(key.curve, key.point))),
      ),
    )
    const spkis = keys.flatMap((key) =>
      (['explicit', 'named', 'standardized'] as const).map((style) =>
        joined(Uint8Array.of(1), encodeEcSubjectPublicKeyInfo(key, style)),
      ),
    )
    const curves = [12, 13]
      .map((id) => curveForParameterId(id))
      .filter((c): c is Curve => c !== undefined)
    return {
      seeds: [
        ...answers,
        ...spkis,
        joined(Uint8Array.of(0), dynamicAuthData(0x80, new Uint8Array(16))),
      ],
      generated: withSelector(
        fc.oneof(
          randomTlv([0x7c, 0x80, 0x82, 0x84, 0x86, 0x30, 0x06, 0x02, 0x03, 0x04]),
          randomBytes(200),
        ),
      ),
      structure: { tlv: true },
      mode: 'sync',
      execute: (input) => {
        const body = input.subarray(1)
        if ((input[0] ?? 0) % 2 === 1) return decodeEcSubjectPublicKeyInfoBytes(body)
        const tag = [0x82, 0x84, 0x86][(body.length + (input[0] ?? 0)) % 3] ?? 0x82
        const value = readDynamicAuthData(body, tag)
        return curves.map((curve) => {
          try {
            return decodePoint(curve, value)
          } catch (error) {
            if (error instanceof ParseError) return null
            throw error
          }
        })
      },
      isTyped: instanceOfAny(ParseError),
    }
  },
}
