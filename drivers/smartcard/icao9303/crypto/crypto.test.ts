import { describe, expect, it } from 'vitest'
import { fromHex, hex } from '../../../../lib/bytes'
import { ParseError } from '../../../../lib/parse-error'
import { ICAO_VECTORS } from '../test-vectors'
import { aesCbcDecrypt, aesCbcEncrypt, aesEcbEncrypt } from './aes'
import { decryptCbc, encryptCbc, mac8 } from './cipher'
import { aesCmac } from './cmac'
import {
  adjustDesParity,
  desEcbDecrypt,
  desEcbEncrypt,
  tripleDesCbcDecrypt,
  tripleDesCbcEncrypt,
} from './des'
import { deriveKey } from './kdf'
import { pad, unpad } from './padding'
import { retailMac } from './retail-mac'

const { bac } = ICAO_VECTORS

describe('ISO 9797-1 padding method 2', () => {
  it('always appends 80 and fills with 00', () => {
    expect(hex(pad(fromHex('1234567890ABCDEF'), 8))).toBe('1234567890ABCDEF8000000000000000')
    expect(hex(pad(fromHex('0102'), 8))).toBe('0102800000000000')
    expect(hex(pad(new Uint8Array(0), 16))).toBe('80' + '00'.repeat(15))
  })

  it('removes exactly what it added', () => {
    for (let n = 0; n < 40; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 37) & 0xff)
      expect(hex(unpad(pad(data, 16)))).toBe(hex(data))
    }
  })

  it('rejects data without the 80 marker with ParseError', () => {
    expect(() => unpad(fromHex('0102030000000000'))).toThrow(ParseError)
    expect(() => unpad(new Uint8Array(8))).toThrow(ParseError)
    expect(() => unpad(new Uint8Array(0))).toThrow(ParseError)
  })
})

describe('DES and 3DES', () => {
  it('adjusts parity as in the ICAO 9303-11 Appendix D keys', () => {
    expect(hex(adjustDesParity(fromHex(ICAO_VECTORS.desParity.input)))).toBe(
      ICAO_VECTORS.desParity.output,
    )
  })

  it('computes E.IFD of Appendix D.3 with two-key 3DES-CBC', () => {
    const s = fromHex(bac.rndIfd + bac.rndIc + bac.kIfd)
    const encrypted = tripleDesCbcEncrypt(fromHex(bac.kEnc), s)
    expect(hex(encrypted)).toBe(bac.eIfd)
    expect(hex(tripleDesCbcDecrypt(fromHex(bac.kEnc), encrypted))).toBe(hex(s))
  })

  it('runs single DES as EDE with one key (FIPS 81 known answer)', () => {
    // "Now is t" under 0123456789ABCDEF, the classic DES example.
    const key = fromHex('0123456789ABCDEF')
    const encrypted = desEcbEncrypt(key, fromHex('4E6F772069732074'))
    expect(hex(encrypted)).toBe('3FA40E8A984D4815')
    expect(hex(desEcbDecrypt(key, encrypted))).toBe('4E6F772069732074')
  })
})

describe('retail MAC (ISO 9797-1 algorithm 3)', () => {
  it('matches every worked example of Appendix D', () => {
    for (const c of ICAO_VECTORS.retailMac) {
      expect(hex(retailMac(fromHex(c.key), fromHex(c.message)))).toBe(c.mac)
    }
  })

  it('refuses unpadded input and wrong key sizes', () => {
    expect(() => retailMac(new Uint8Array(16), new Uint8Array(7))).toThrow(RangeError)
    expect(() => retailMac(new Uint8Array(8), new Uint8Array(8))).toThrow(RangeError)
  })
})

describe('AES', () => {
  it('encrypts the FIPS 197 example block and round-trips CBC', () => {
    const key = fromHex('000102030405060708090A0B0C0D0E0F')
    expect(hex(aesEcbEncrypt(key, fromHex('00112233445566778899AABBCCDDEEFF')))).toBe(
      '69C4E0D86A7B0430D8CDB78070B4C55A',
    )
    for (const size of [16, 24, 32]) {
      const k = Uint8Array.from({ length: size }, (_, i) => i)
      const iv = Uint8Array.from({ length: 16 }, (_, i) => 255 - i)
      const data = Uint8Array.from({ length: 48 }, (_, i) => i * 3)
      expect(hex(aesCbcDecrypt(k, aesCbcEncrypt(k, data, iv), iv))).toBe(hex(data))
    }
    expect(() => aesEcbEncrypt(new Uint8Array(20), new Uint8Array(16))).toThrow(RangeError)
  })
})

describe('AES-CMAC', () => {
  // RFC 4493 §4 and NIST SP 800-38B Appendix D examples.
  const message = fromHex(
    '6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E5130C81C46A35CE411E5FBC1191A0A52EFF69F2445DF4F9B17AD2B417BE66C3710',
  )
  const key128 = fromHex('2B7E151628AED2A6ABF7158809CF4F3C')

  it('matches the RFC 4493 vectors for 0, 16, 40 and 64 bytes', () => {
    expect(hex(aesCmac(key128, message.subarray(0, 0)))).toBe('BB1D6929E95937287FA37D129B756746')
    expect(hex(aesCmac(key128, message.subarray(0, 16)))).toBe('070A16B46B4D4144F79BDD9DD04A287C')
    expect(hex(aesCmac(key128, message.subarray(0, 40)))).toBe('DFA66747DE9AE63030CA32611497C827')
    expect(hex(aesCmac(key128, message))).toBe('51F0BEBF7E3B9D92FC49741779363CFE')
  })

  it('matches SP 800-38B for AES-192 and AES-256', () => {
    const key192 = fromHex('8E73B0F7DA0E6452C810F32B809079E562F8EAD2522C6B7B')
    const key256 = fromHex('603DEB1015CA71BE2B73AEF0857D77811F352C073B6108D72D9810A30914DFF4')
    expect(hex(aesCmac(key192, new Uint8Array(0)))).toBe('D17DDF46ADAACDE531CAC483DE7A9367')
    expect(hex(aesCmac(key192, message.subarray(0, 16)))).toBe('9E99A7BF31E710900662F65E617C5184')
    expect(hex(aesCmac(key256, new Uint8Array(0)))).toBe('028962F61B7BF89EFC6B551F4667D983')
    expect(hex(aesCmac(key256, message.subarray(0, 16)))).toBe('28A7023F452E8F82BD4BF28D8C37C35C')
  })
})

describe('ICAO KDF', () => {
  it('derives the published keys (App. D, App. G.1 and the AES-192/256 cases)', () => {
    for (const c of ICAO_VECTORS.kdf) {
      expect(hex(deriveKey(fromHex(c.secret), c.counter, c.cipher))).toBe(c.key)
    }
  })

  it('derives the BAC document keys from the key seed', () => {
    expect(hex(deriveKey(fromHex(bac.kSeed), 1, '3DES'))).toBe(bac.kEnc)
    expect(hex(deriveKey(fromHex(bac.kSeed), 2, '3DES'))).toBe(bac.kMac)
  })
})

describe('cipher suites', () => {
  it('dispatches CBC and 8-byte MACs by cipher', () => {
    const data = new Uint8Array(32).fill(7)
    for (const cipher of ['3DES', 'AES-128', 'AES-192', 'AES-256'] as const) {
      const key = Uint8Array.from(
        { length: cipher === 'AES-192' ? 24 : cipher === 'AES-256' ? 32 : 16 },
        (_, i) => i + 1,
      )
      expect(hex(decryptCbc(cipher, key, encryptCbc(cipher, key, data)))).toBe(hex(data))
      expect(mac8(cipher, key, data)).toHaveLength(8)
    }
    expect(hex(mac8('AES-128', key128(), new Uint8Array(0)))).toBe('BB1D6929E9593728')
  })
})

function key128(): Uint8Array {
  return fromHex('2B7E151628AED2A6ABF7158809CF4F3C')
}
