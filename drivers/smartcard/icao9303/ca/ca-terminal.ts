import { encodeOidBody } from '../../../../lib/asn1/der'
import { tlv } from '../../../../lib/asn1/tlv'
import { concat } from '../../../../lib/bytes'
import { ParseError } from '../../../../lib/parse-error'
import { SW_OK, type CommandApdu } from '../../iso7816/apdu'
import { PointAtInfinityError } from '../crypto/ec/curve'
import { generatePrivateKey, publicKeyOf, sharedSecretX } from '../crypto/ec/keys'
import { encodePoint } from '../crypto/ec/point-encoding'
import { deriveKey, KDF_ENC, KDF_MAC } from '../crypto/kdf'
import type { RandomBytes } from '../crypto/random'
import { SecureMessagingError, swHex } from '../errors'
import { dynamicAuthData, isEmptyDynamicAuthData } from '../pace/pace-messages'
import type { SecurityInfo } from '../security-infos'
import { SecureMessagingChannel } from '../sm/secure-messaging-channel'
import type { SessionKeys } from '../sm/session-keys'
import { chooseChipAuthentication, minimalBytes, type CaChoice } from './ca-suite'

export type ChipAuthenticationResult =
  /** The chip proved it holds the DG14 private key; continue on `channel` (new keys, SSC 0). */
  | { verdict: 'passed'; protocol: string; keyId?: number; channel: SecureMessagingChannel }
  /** The chip refused or could not prove the key (possible clone). The old session may be gone. */
  | { verdict: 'failed'; reason: string }
  /** DG14 offers nothing this terminal can run (no EC key, DH only, …). */
  | { verdict: 'not-supported'; reason: string }

export interface ChipAuthenticationOptions {
  /**
   * The command sent under the new keys to see the chip answer with them. Default: READ BINARY of one
   * byte of EF.COM by short file id, which changes no state; any properly MACed answer passes.
   */
  probe?: CommandApdu
}

const DEFAULT_PROBE: CommandApdu = { cla: 0x00, ins: 0xb0, p1: 0x9e, p2: 0x00, le: 1 }

/**
 * Chip Authentication with the DG14 key (ICAO 9303-11 §6.2), over an open secure messaging session.
 * 3DES: MSE:Set KAT {91 ephemeral key}. AES: MSE:Set AT {80 OID, 84 keyId} then GENERAL AUTHENTICATE
 * {7C {80 ephemeral key}}. Then new session keys from the ECDH secret, SSC 0, and one probe command.
 * Reports a verdict instead of throwing when the chip fails; transport errors still throw.
 * DG14 must have passed passive authentication for a 'passed' verdict to mean anything.
 */
export async function performChipAuthentication(
  channel: SecureMessagingChannel,
  dg14: readonly SecurityInfo[],
  randomBytes: RandomBytes,
  options: ChipAuthenticationOptions = {},
): Promise<ChipAuthenticationResult> {
  const choice = chooseChipAuthentication(dg14)
  if ('unsupported' in choice) return { verdict: 'not-supported', reason: choice.unsupported }
  try {
    const keys = await agreeKeys(channel, choice, randomBytes)
    if (typeof keys === 'string') return { verdict: 'failed', reason: keys }
    const next = new SecureMessagingChannel(channel.inner, keys)
    await next.transmit(options.probe ?? DEFAULT_PROBE)
    const passed: ChipAuthenticationResult = {
      verdict: 'passed',
      protocol: choice.protocol,
      channel: next,
    }
    if (choice.keyId !== undefined) passed.keyId = choice.keyId
    return passed
  } catch (e) {
    if (
      e instanceof SecureMessagingError ||
      e instanceof ParseError ||
      e instanceof PointAtInfinityError
    ) {
      return { verdict: 'failed', reason: e.message }
    }
    throw e
  }
}

/** Sends the ephemeral key; returns the new session keys, or why the chip refused. */
async function agreeKeys(
  channel: SecureMessagingChannel,
  choice: CaChoice,
  randomBytes: RandomBytes,
): Promise<SessionKeys | string> {
  const { curve, point } = choice.key
  const ephemeralKey = generatePrivateKey(curve, randomBytes)
  const ephemeralPublic = encodePoint(curve, publicKeyOf(curve, ephemeralKey))
  const keyReference =
    choice.keyId === undefined ? new Uint8Array(0) : tlv(0x84, minimalBytes(choice.keyId))

  if (choice.cipher === '3DES') {
    const reply = await channel.transmit({
      cla: 0x00,
      ins: 0x22,
      p1: 0x41,
      p2: 0xa6,
      data: concat(tlv(0x91, ephemeralPublic), keyReference),
    })
    if (reply.sw !== SW_OK) return `MSE:Set KAT refused (SW ${swHex(reply.sw)})`
  } else {
    const set = await channel.transmit({
      cla: 0x00,
      ins: 0x22,
      p1: 0x41,
      p2: 0xa4,
      data: concat(tlv(0x80, encodeOidBody(choice.protocol)), keyReference),
    })
    if (set.sw !== SW_OK) return `MSE:Set AT refused (SW ${swHex(set.sw)})`
    const reply = await channel.transmit({
      cla: 0x00,
      ins: 0x86,
      p1: 0,
      p2: 0,
      data: dynamicAuthData(0x80, ephemeralPublic),
      le: 256,
    })
    if (reply.sw !== SW_OK) return `GENERAL AUTHENTICATE refused (SW ${swHex(reply.sw)})`
    if (reply.data.length && !isEmptyDynamicAuthData(reply.data)) {
      return 'GENERAL AUTHENTICATE answered unexpected data'
    }
  }
  const secret = sharedSecretX(curve, ephemeralKey, point)
  return {
    cipher: choice.cipher,
    encKey: deriveKey(secret, KDF_ENC, choice.cipher),
    macKey: deriveKey(secret, KDF_MAC, choice.cipher),
    ssc: 0n,
  }
}
