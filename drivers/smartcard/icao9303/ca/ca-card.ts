import { decodeOidBody } from '../../../../lib/asn1/der'
import { readTlvList, type Tlv } from '../../../../lib/asn1/tlv'
import { bytesEqual } from '../../../../lib/bytes'
import { SW_OK, type CommandApdu, type ResponseApdu } from '../../iso7816/apdu'
import type { Curve } from '../crypto/ec/curve'
import type { EcPublicKey } from '../crypto/ec/ec-public-key'
import { generatePrivateKey, publicKeyOf, sharedSecretX } from '../crypto/ec/keys'
import { decodePoint } from '../crypto/ec/point-encoding'
import { deriveKey, KDF_ENC, KDF_MAC } from '../crypto/kdf'
import type { RandomBytes } from '../crypto/random'
import { dynamicAuthData, readDynamicAuthData } from '../pace/pace-messages'
import { caProtocolOf } from '../security-infos'
import type { CardStepResult, SessionKeys } from '../sm/session-keys'
import { minimalBytes } from './ca-suite'

export interface CaCardOptions {
  /** id-CA-ECDH-<cipher> as in the chip's ChipAuthenticationInfo. */
  protocol: string
  curve: Curve
  privateKey: bigint
  /** The keyId of DG14, if the chip names its key. */
  keyId?: number
}

const SW_CONDITIONS_NOT_SATISFIED = 0x6985
const SW_WRONG_DATA = 0x6a80
const SW_REFERENCED_DATA_NOT_FOUND = 0x6a88

const status = (sw: number): ResponseApdu => ({ data: new Uint8Array(0), sw })

/** A fresh chip authentication key pair on a curve (for the virtual chip's DG14). */
export function generateChipAuthenticationKey(
  curve: Curve,
  randomBytes: RandomBytes,
  parameterId?: number,
): { privateKey: bigint; publicKey: EcPublicKey } {
  const privateKey = generatePrivateKey(curve, randomBytes)
  const publicKey: EcPublicKey = { curve, point: publicKeyOf(curve, privateKey) }
  if (parameterId !== undefined) publicKey.parameterId = parameterId
  return { privateKey, publicKey }
}

/**
 * Chip Authentication, chip side, for the virtual chip. Gets the commands already unwrapped from
 * secure messaging; the step that completes CA returns the new session keys, which apply from the
 * next command on (the response itself still goes out under the old keys).
 */
export class CaCardResponder {
  private readonly cipher
  private armed = false

  constructor(private readonly options: CaCardOptions) {
    const kind = caProtocolOf(options.protocol)
    if (kind?.agreement !== 'ECDH') throw new RangeError(`${options.protocol} is not ECDH CA`)
    this.cipher = kind.cipher
  }

  /**
   * Handles MSE:Set KAT (22 41 A6), MSE:Set AT for CA (22 41 A4) and, once that is set, GENERAL
   * AUTHENTICATE; undefined for anything else (so a PACE responder may take its own commands).
   */
  handle(command: CommandApdu): CardStepResult | undefined {
    const data = command.data ?? new Uint8Array(0)
    if (command.ins === 0x22 && command.p1 === 0x41 && command.p2 === 0xa6) {
      this.armed = false
      if (this.cipher !== '3DES') return { response: status(SW_CONDITIONS_NOT_SATISFIED) }
      const objects = this.objects(data)
      const key = objects?.find((o) => o.tag === 0x91)
      if (!objects || !key) return { response: status(SW_WRONG_DATA) }
      if (!this.keyIdMatches(objects)) return { response: status(SW_REFERENCED_DATA_NOT_FOUND) }
      return this.agree(key.value, { data: new Uint8Array(0), sw: SW_OK })
    }
    if (command.ins === 0x22 && command.p1 === 0x41 && command.p2 === 0xa4) {
      this.armed = false
      const objects = this.objects(data)
      const oid = objects?.find((o) => o.tag === 0x80)
      if (!objects || !oid || !this.sameProtocol(oid.value))
        return { response: status(SW_WRONG_DATA) }
      if (this.cipher === '3DES') return { response: status(SW_CONDITIONS_NOT_SATISFIED) }
      if (!this.keyIdMatches(objects)) return { response: status(SW_REFERENCED_DATA_NOT_FOUND) }
      this.armed = true
      return { response: status(SW_OK) }
    }
    if (command.ins === 0x86 && command.p1 === 0 && command.p2 === 0 && this.armed) {
      this.armed = false
      let key: Uint8Array
      try {
        key = readDynamicAuthData(data, 0x80)
      } catch {
        return { response: status(SW_WRONG_DATA) }
      }
      return this.agree(key, { data: dynamicAuthData(), sw: SW_OK })
    }
    return undefined
  }

  private agree(encodedKey: Uint8Array, response: ResponseApdu): CardStepResult {
    const { curve, privateKey } = this.options
    let secret: Uint8Array
    try {
      secret = sharedSecretX(curve, privateKey, decodePoint(curve, encodedKey))
    } catch {
      return { response: status(SW_WRONG_DATA) }
    }
    const established: SessionKeys = {
      cipher: this.cipher,
      encKey: deriveKey(secret, KDF_ENC, this.cipher),
      macKey: deriveKey(secret, KDF_MAC, this.cipher),
      ssc: 0n,
    }
    return { response, established }
  }

  private objects(data: Uint8Array): Tlv[] | undefined {
    try {
      return readTlvList(data)
    } catch {
      return undefined
    }
  }

  private sameProtocol(body: Uint8Array): boolean {
    try {
      return decodeOidBody(body) === this.options.protocol
    } catch {
      return false
    }
  }

  private keyIdMatches(objects: readonly Tlv[]): boolean {
    const reference = objects.find((o) => o.tag === 0x84)
    if (!reference) return true
    return (
      this.options.keyId !== undefined &&
      bytesEqual(reference.value, minimalBytes(this.options.keyId))
    )
  }
}
