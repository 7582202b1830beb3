import { concat } from '../../../../lib/bytes'
import { aesEcbEncrypt } from '../crypto/aes'
import { blockSizeOf, decryptCbc, encryptCbc, mac8, type IcaoCipher } from '../crypto/cipher'
import { pad, unpad } from '../crypto/padding'
import { toFixedBytes } from '../crypto/ec/point-encoding'
import type { SessionKeys } from './session-keys'

/**
 * The cryptographic state of one secure messaging session, shared by the terminal and the card side:
 * keys, cipher and the send sequence counter (SSC), which both ends increment before every command
 * and every response (ICAO 9303-11 §9.8).
 */
export class SmCrypto {
  readonly cipher: IcaoCipher
  readonly blockSize: 8 | 16
  private readonly encKey: Uint8Array
  private readonly macKey: Uint8Array
  private counter: bigint
  private readonly modulus: bigint

  constructor(keys: SessionKeys) {
    this.cipher = keys.cipher
    this.blockSize = blockSizeOf(keys.cipher)
    this.encKey = keys.encKey
    this.macKey = keys.macKey
    this.modulus = 1n << BigInt(8 * this.blockSize)
    this.counter = ((keys.ssc % this.modulus) + this.modulus) % this.modulus
  }

  get ssc(): bigint {
    return this.counter
  }

  /** SSC + 1, wrapping at 2^64 (3DES) or 2^128 (AES). */
  incrementSsc(): void {
    this.counter = (this.counter + 1n) % this.modulus
  }

  sscBytes(): Uint8Array {
    return toFixedBytes(this.counter, this.blockSize)
  }

  /** CC = MAC(KSmac, pad(SSC || message)), 8 bytes. */
  mac(message: Uint8Array): Uint8Array {
    return mac8(this.cipher, this.macKey, pad(concat(this.sscBytes(), message), this.blockSize))
  }

  padHeader(header: Uint8Array): Uint8Array {
    return pad(header, this.blockSize)
  }

  /** Pads (method 2) and encrypts with the current SSC's IV. */
  encrypt(plain: Uint8Array): Uint8Array {
    return encryptCbc(this.cipher, this.encKey, pad(plain, this.blockSize), this.iv())
  }

  /** Decrypts and removes the padding; throws ParseError on a wrong length or padding. */
  decrypt(cryptogram: Uint8Array): Uint8Array {
    if (cryptogram.length === 0 || cryptogram.length % this.blockSize !== 0) {
      throw new RangeError(`cryptogram of ${cryptogram.length} bytes`)
    }
    return unpad(decryptCbc(this.cipher, this.encKey, cryptogram, this.iv()))
  }

  /** 3DES: IV = 0. AES: IV = E(KSenc, SSC) (ICAO 9303-11 §9.8.6.1). */
  private iv(): Uint8Array {
    if (this.cipher === '3DES') return new Uint8Array(8)
    return aesEcbEncrypt(this.encKey, this.sscBytes())
  }
}
