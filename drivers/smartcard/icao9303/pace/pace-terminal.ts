import { timingSafeEqual } from 'node:crypto'
import { encodeOidBody } from '../../../../lib/asn1/der'
import { tlv } from '../../../../lib/asn1/tlv'
import { bytesEqual, concat } from '../../../../lib/bytes'
import { ParseError } from '../../../../lib/parse-error'
import { SW_OK, type CardChannel, type ResponseApdu } from '../../iso7816/apdu'
import type { AccessKey } from '../access-key'
import { blockSizeOf, decryptCbc } from '../crypto/cipher'
import { PointAtInfinityError, type AffinePoint } from '../crypto/ec/curve'
import { generatePrivateKey, publicKeyOf, sharedSecretX } from '../crypto/ec/keys'
import { decodePoint, encodePoint, fromBytes } from '../crypto/ec/point-encoding'
import { deriveKey, KDF_ENC, KDF_MAC } from '../crypto/kdf'
import type { RandomBytes } from '../crypto/random'
import { AccessDeniedError, ChipAuthenticityError, ProtocolError } from '../errors'
import type { PaceInfo } from '../security-infos'
import type { SessionKeys } from '../sm/session-keys'
import { authenticationToken, dynamicAuthData, readDynamicAuthData } from './pace-messages'
import { PASSWORD_REFERENCE, pacePasswordKey } from './pace-password'
import { paceSuiteOf, type PaceSuite } from './pace-suite'

export interface PaceOptions {
  /**
   * Send the domain parameter id (84) in MSE:Set AT. ICAO requires it only when the chip offers several
   * parameter sets; chips accept it either way, so it is sent by default.
   */
  sendParameterId?: boolean
}

const CLA_CHAINING = 0x10

/**
 * PACE with ECDH generic mapping, terminal side (ICAO 9303-11 §4.4): MSE:Set AT, then GENERAL
 * AUTHENTICATE ×4 (nonce, mapping, key agreement, mutual authentication). Returns session keys with
 * SSC 0. Throws AccessDeniedError for a wrong or blocked password, ChipAuthenticityError when the
 * chip's token is wrong, UnsupportedProtocolError for a PACEInfo we cannot run, ProtocolError else.
 */
export async function performPace(
  channel: CardChannel,
  accessKey: AccessKey,
  paceInfo: PaceInfo,
  randomBytes: RandomBytes,
  options: PaceOptions = {},
): Promise<SessionKeys> {
  const suite = paceSuiteOf(paceInfo.protocol, paceInfo.parameterId)
  const { curve, cipher } = suite
  const passwordKey = pacePasswordKey(accessKey, cipher)

  await setAuthenticationTemplate(channel, suite, accessKey, options.sendParameterId ?? true)

  // 1. Encrypted nonce.
  const nonceReply = await generalAuthenticate(channel, 1, dynamicAuthData())
  const encryptedNonce = readStep(1, () => readDynamicAuthData(nonceReply, 0x80))
  if (encryptedNonce.length === 0 || encryptedNonce.length % blockSizeOf(cipher) !== 0) {
    throw new ProtocolError('PACE', 'GENERAL AUTHENTICATE 1', SW_OK, 'nonce length')
  }
  const nonce = fromBytes(decryptCbc(cipher, passwordKey, encryptedNonce))

  // 2. Generic mapping: G~ = s·G + H, H = m·P_chip.
  const mappingKey = generatePrivateKey(curve, randomBytes)
  const mappingPublic = publicKeyOf(curve, mappingKey)
  const mappingReply = await generalAuthenticate(
    channel,
    2,
    dynamicAuthData(0x81, encodePoint(curve, mappingPublic)),
  )
  const chipMapping = readStep(2, () => decodePoint(curve, readDynamicAuthData(mappingReply, 0x82)))
  rejectEcho(2, chipMapping, mappingPublic)
  const generator = readStep(2, () =>
    curve.multiplyAdd(nonce, curve.generator, mappingKey, chipMapping),
  )

  // 3. Key agreement on the mapped generator.
  const ephemeralKey = generatePrivateKey(curve, randomBytes)
  const ephemeralPublic = encodePoint(curve, publicKeyOf(curve, ephemeralKey, generator))
  const agreementReply = await generalAuthenticate(
    channel,
    3,
    dynamicAuthData(0x83, ephemeralPublic),
  )
  const chipEphemeralBytes = readStep(3, () => readDynamicAuthData(agreementReply, 0x84))
  const chipEphemeral = readStep(3, () => decodePoint(curve, chipEphemeralBytes))
  if (bytesEqual(chipEphemeralBytes, ephemeralPublic)) {
    throw new ProtocolError('PACE', 'GENERAL AUTHENTICATE 3', SW_OK, 'the chip echoed our key')
  }
  const secret = sharedSecretX(curve, ephemeralKey, chipEphemeral)
  const encKey = deriveKey(secret, KDF_ENC, cipher)
  const macKey = deriveKey(secret, KDF_MAC, cipher)

  // 4. Mutual authentication.
  const token = authenticationToken(cipher, macKey, suite.protocol, chipEphemeralBytes)
  const tokenReply = await channel.transmit({
    cla: 0x00,
    ins: 0x86,
    p1: 0,
    p2: 0,
    data: dynamicAuthData(0x85, token),
    le: 256,
  })
  if (isAccessDenied(tokenReply.sw)) throw new AccessDeniedError('PACE', tokenReply.sw)
  if (tokenReply.sw !== SW_OK) {
    throw new ProtocolError('PACE', 'GENERAL AUTHENTICATE 4', tokenReply.sw)
  }
  const chipToken = readStep(4, () => readDynamicAuthData(tokenReply.data, 0x86))
  const expected = authenticationToken(cipher, macKey, suite.protocol, ephemeralPublic)
  if (chipToken.length !== expected.length || !timingSafeEqual(chipToken, expected)) {
    throw new ChipAuthenticityError('PACE', 'the chip authentication token is wrong')
  }
  return { cipher, encKey, macKey, ssc: 0n }
}

async function setAuthenticationTemplate(
  channel: CardChannel,
  suite: PaceSuite,
  accessKey: AccessKey,
  sendParameterId: boolean,
): Promise<void> {
  const data = concat(
    tlv(0x80, encodeOidBody(suite.protocol)),
    tlv(0x83, Uint8Array.of(PASSWORD_REFERENCE[accessKey.kind])),
    sendParameterId ? tlv(0x84, Uint8Array.of(suite.parameterId)) : new Uint8Array(0),
  )
  const reply = await channel.transmit({ cla: 0x00, ins: 0x22, p1: 0xc1, p2: 0xa4, data })
  // 63Cx: x tries left (x = 1: suspended until a CAN run resumes it); 63C0 or 6983: blocked.
  if (reply.sw === 0x63c0 || reply.sw === 0x6983)
    throw new AccessDeniedError('PACE', reply.sw, 'blocked')
  if (reply.sw !== SW_OK && (reply.sw & 0xfff0) !== 0x63c0) {
    throw new ProtocolError('PACE', 'MSE:Set AT', reply.sw)
  }
}

async function generalAuthenticate(
  channel: CardChannel,
  step: number,
  data: Uint8Array,
): Promise<Uint8Array> {
  const reply: ResponseApdu = await channel.transmit({
    cla: CLA_CHAINING,
    ins: 0x86,
    p1: 0,
    p2: 0,
    data,
    le: 256,
  })
  if (isAccessDenied(reply.sw)) throw new AccessDeniedError('PACE', reply.sw)
  if (reply.sw !== SW_OK) throw new ProtocolError('PACE', `GENERAL AUTHENTICATE ${step}`, reply.sw)
  return reply.data
}

/** 6300 / 63Cx (authentication failed, tries left) and 6982/6983 mean a wrong or blocked password. */
function isAccessDenied(sw: number): boolean {
  return sw === 0x6300 || (sw & 0xfff0) === 0x63c0 || sw === 0x6982 || sw === 0x6983
}

/** Runs a decoding step; a malformed answer or an invalid point becomes a ProtocolError. */
function readStep<T>(step: number, read: () => T): T {
  try {
    return read()
  } catch (e) {
    if (e instanceof ParseError || e instanceof PointAtInfinityError) {
      throw new ProtocolError('PACE', `GENERAL AUTHENTICATE ${step}`, SW_OK, e.message)
    }
    throw e
  }
}

function rejectEcho(step: number, chip: AffinePoint, ours: AffinePoint): void {
  if (chip.x === ours.x && chip.y === ours.y) {
    throw new ProtocolError(
      'PACE',
      `GENERAL AUTHENTICATE ${step}`,
      SW_OK,
      'the chip echoed our key',
    )
  }
}
