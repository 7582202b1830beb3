import type { ResponseApdu } from '../../iso7816/apdu'
import type { IcaoCipher } from '../crypto/cipher'

/**
 * What BAC, PACE and chip authentication establish, and all secure messaging needs: the cipher, the
 * two session keys and the send sequence counter (8 bytes for 3DES, 16 for AES, as a number).
 */
export interface SessionKeys {
  cipher: IcaoCipher
  encKey: Uint8Array
  macKey: Uint8Array
  ssc: bigint
}

/** What a card-side protocol responder answers to one command. */
export interface CardStepResult {
  response: ResponseApdu
  /**
   * Set on the step that completes the protocol: the session keys to use from the next command on
   * (the response itself still goes out under the previous keys, or in plain for BAC and PACE).
   */
  established?: SessionKeys
}
