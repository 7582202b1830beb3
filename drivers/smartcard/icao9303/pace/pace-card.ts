import { timingSafeEqual } from 'node:crypto'
import { decodeOidBody } from '../../../../lib/asn1/der'
import { readTlvList } from '../../../../lib/asn1/tlv'
import { bytesEqual } from '../../../../lib/bytes'
import { SW_OK, type CommandApdu, type ResponseApdu } from '../../iso7816/apdu'
import type { AccessKey } from '../access-key'
import { encryptCbc } from '../crypto/cipher'
import type { AffinePoint } from '../crypto/ec/curve'
import { generatePrivateKey, publicKeyOf, sharedSecretX } from '../crypto/ec/keys'
import { decodePoint, encodePoint, fromBytes } from '../crypto/ec/point-encoding'
import { deriveKey, KDF_ENC, KDF_MAC } from '../crypto/kdf'
import type { RandomBytes } from '../crypto/random'
import type { CardStepResult, SessionKeys } from '../sm/session-keys'
import {
  authenticationToken,
  dynamicAuthData,
  isEmptyDynamicAuthData,
  readDynamicAuthData,
} from './pace-messages'
import { PASSWORD_REFERENCE, pacePasswordKey } from './pace-password'
import { nonceLength, paceSuiteOf, type PaceSuite } from './pace-suite'

export interface PaceCardOptions {
  /** The passwords this chip accepts (its CAN and its MRZ information). */
  accessKeys: readonly AccessKey[]
  /** The PACEInfo the chip advertises: an id-PACE-ECDH-GM-* OID and a parameter id (12–18). */
  protocol: string
  parameterId: number
  randomBytes: RandomBytes
}

const SW_AUTHENTICATION_FAILED = 0x6300
const SW_CONDITIONS_NOT_SATISFIED = 0x6985
const SW_WRONG_DATA = 0x6a80
const SW_REFERENCED_DATA_NOT_FOUND = 0x6a88

type State =
  | { step: 'idle' }
  | { step: 'mapping'; nonce: bigint }
  | { step: 'agreement'; generator: AffinePoint }
  | {
      step: 'token'
      keys: SessionKeys
      chipEphemeral: Uint8Array
      terminalEphemeral: Uint8Array
    }

const status = (sw: number): ResponseApdu => ({ data: new Uint8Array(0), sw })
const ok = (data: Uint8Array): ResponseApdu => ({ data, sw: SW_OK })

/**
 * PACE (ECDH generic mapping), chip side, for the virtual chip. Answers MSE:Set AT (22 C1 A4) and the
 * four GENERAL AUTHENTICATE steps. A wrong terminal token (wrong password) gets 6300 and resets the
 * run; malformed data gets 6A80. The step that completes PACE returns the session keys (SSC 0).
 */
export class PaceCardResponder {
  private readonly suite: PaceSuite
  private state: State = { step: 'idle' }
  private armed: { passwordKey: Uint8Array } | null = null

  constructor(private readonly options: PaceCardOptions) {
    this.suite = paceSuiteOf(options.protocol, options.parameterId)
  }

  /** Handles MSE:Set AT for PACE and GENERAL AUTHENTICATE; undefined for other commands. */
  handle(command: CommandApdu): CardStepResult | undefined {
    if (command.ins === 0x22 && command.p1 === 0xc1 && command.p2 === 0xa4) {
      return { response: this.setAuthenticationTemplate(command.data ?? new Uint8Array(0)) }
    }
    if (command.ins === 0x86 && command.p1 === 0 && command.p2 === 0) {
      if (!this.armed && this.state.step === 'idle') return undefined
      try {
        return this.generalAuthenticate(command.data ?? new Uint8Array(0))
      } catch {
        this.reset()
        return { response: status(SW_WRONG_DATA) }
      }
    }
    return undefined
  }

  private reset(): void {
    this.state = { step: 'idle' }
    this.armed = null
  }

  private setAuthenticationTemplate(data: Uint8Array): ResponseApdu {
    this.reset()
    let objects
    try {
      objects = readTlvList(data)
    } catch {
      return status(SW_WRONG_DATA)
    }
    const oid = objects.find((o) => o.tag === 0x80)
    const reference = objects.find((o) => o.tag === 0x83)
    const parameter = objects.find((o) => o.tag === 0x84)
    if (!oid || !reference || reference.value.length !== 1) return status(SW_WRONG_DATA)
    let protocol: string
    try {
      protocol = decodeOidBody(oid.value)
    } catch {
      return status(SW_WRONG_DATA)
    }
    if (protocol !== this.suite.protocol) return status(SW_WRONG_DATA)
    if (parameter && !bytesEqual(parameter.value, Uint8Array.of(this.suite.parameterId))) {
      return status(SW_WRONG_DATA)
    }
    const kind =
      reference.value[0] === PASSWORD_REFERENCE.MRZ
        ? 'MRZ'
        : reference.value[0] === PASSWORD_REFERENCE.CAN
          ? 'CAN'
          : undefined
    const key = this.options.accessKeys.find((k) => k.kind === kind)
    if (!key) return status(SW_REFERENCED_DATA_NOT_FOUND)
    this.armed = { passwordKey: pacePasswordKey(key, this.suite.cipher) }
    return status(SW_OK)
  }

  private generalAuthenticate(data: Uint8Array): CardStepResult {
    const { curve, cipher } = this.suite
    const { randomBytes } = this.options
    const state = this.state
    if (this.armed && state.step === 'idle') {
      if (!isEmptyDynamicAuthData(data)) throw new RangeError('step 1 carries no data')
      const nonceBytes = randomBytes(nonceLength(cipher)).slice(0, nonceLength(cipher))
      const nonce = fromBytes(nonceBytes)
      if (nonce % curve.params.n === 0n) throw new RangeError('zero nonce')
      this.state = { step: 'mapping', nonce }
      const encrypted = encryptCbc(cipher, this.armed.passwordKey, nonceBytes)
      this.armed = null
      return { response: ok(dynamicAuthData(0x80, encrypted)) }
    }
    if (state.step === 'mapping') {
      const terminalMapping = decodePoint(curve, readDynamicAuthData(data, 0x81))
      const mappingKey = generatePrivateKey(curve, randomBytes)
      const mappingPublic = publicKeyOf(curve, mappingKey)
      const generator = curve.multiplyAdd(state.nonce, curve.generator, mappingKey, terminalMapping)
      this.state = { step: 'agreement', generator }
      return { response: ok(dynamicAuthData(0x82, encodePoint(curve, mappingPublic))) }
    }
    if (state.step === 'agreement') {
      const terminalEphemeral = readDynamicAuthData(data, 0x83)
      const terminalPoint = decodePoint(curve, terminalEphemeral)
      const ephemeralKey = generatePrivateKey(curve, randomBytes)
      const chipEphemeral = encodePoint(curve, publicKeyOf(curve, ephemeralKey, state.generator))
      if (bytesEqual(chipEphemeral, terminalEphemeral)) throw new RangeError('echoed key')
      const secret = sharedSecretX(curve, ephemeralKey, terminalPoint)
      const keys: SessionKeys = {
        cipher,
        encKey: deriveKey(secret, KDF_ENC, cipher),
        macKey: deriveKey(secret, KDF_MAC, cipher),
        ssc: 0n,
      }
      this.state = { step: 'token', keys, chipEphemeral, terminalEphemeral }
      return { response: ok(dynamicAuthData(0x84, chipEphemeral)) }
    }
    if (state.step === 'token') {
      const token = readDynamicAuthData(data, 0x85)
      const { keys } = state
      const expected = authenticationToken(
        cipher,
        keys.macKey,
        this.suite.protocol,
        state.chipEphemeral,
      )
      this.reset()
      if (token.length !== expected.length || !timingSafeEqual(token, expected)) {
        return { response: status(SW_AUTHENTICATION_FAILED) }
      }
      const chipToken = authenticationToken(
        cipher,
        keys.macKey,
        this.suite.protocol,
        state.terminalEphemeral,
      )
      return { response: ok(dynamicAuthData(0x86, chipToken)), established: keys }
    }
    return { response: status(SW_CONDITIONS_NOT_SATISFIED) }
  }
}
