import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { approvalSms } from '../server/review/sms-text'
import {
  DATA_CODING_IA5,
  DATA_CODING_UCS2,
  ESM_CLASS_UDHI,
  smsParts,
  SmsFormatError,
  SmsTooLongError,
  textOfParts,
} from './sms-parts'

describe('smsParts', () => {
  it('sends the Vietnamese approval notice as UCS-2 parts that a phone joins again', () => {
    const text = approvalSms('LÊ ĐÌNH VIỆT').vi
    const parts = smsParts(text, 7)
    // 67 UTF-16 units per part once the 6-octet header is in.
    expect(parts).toHaveLength(Math.ceil(text.length / 67))
    parts.forEach((part, i) => {
      expect(part.dataCoding).toBe(DATA_CODING_UCS2)
      expect(part.esmClass).toBe(ESM_CLASS_UDHI)
      expect(part.shortMessage.length).toBeLessThanOrEqual(140)
      expect([...part.shortMessage.subarray(0, 6)]).toEqual([5, 0, 3, 7, parts.length, i + 1])
    })
    expect(textOfParts(parts)).toBe(text)
  })

  it('sends a short plain-ASCII text as one IA5 message with no header', () => {
    const [only, ...rest] = smsParts('Ma OTP: 123456', 0)
    expect(rest).toEqual([])
    expect(only?.dataCoding).toBe(DATA_CODING_IA5)
    expect(only?.esmClass).toBe(0)
    expect(only?.shortMessage.toString('latin1')).toBe('Ma OTP: 123456')
  })

  it('keeps a 70-character Vietnamese text in one message and cuts at 71', () => {
    expect(smsParts('ệ'.repeat(70), 0)).toHaveLength(1)
    expect(smsParts('ệ'.repeat(71), 0)).toHaveLength(2)
  })

  it('never cuts a character outside the BMP in two', () => {
    // 66 units then an emoji (a surrogate pair) straddling the 67-unit boundary.
    const text = `${'a'.repeat(66)}😀${'b'.repeat(80)}`
    const parts = smsParts(text, 1)
    const firstBody = parts[0]?.shortMessage.subarray(6)
    expect(firstBody?.length).toBe(132)
    expect(textOfParts(parts)).toBe(text)
  })

  it('refuses a text that would need more than 255 parts', () => {
    expect(() => smsParts('ạ'.repeat(67 * 255 + 1), 0)).toThrow(SmsTooLongError)
    expect(smsParts('ạ'.repeat(67 * 255), 0)).toHaveLength(255)
  })

  it('refuses UCS-2 octets of an odd length', () => {
    const broken = {
      dataCoding: DATA_CODING_UCS2,
      esmClass: 0,
      shortMessage: Buffer.from([0, 0x41, 0]),
    }
    expect(() => textOfParts([broken])).toThrow(SmsFormatError)
  })

  it('round-trips any text, every part within 140 octets, none ending in half a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 600 }), fc.nat(255), (text, ref) => {
        const parts = smsParts(text, ref)
        expect(textOfParts(parts)).toBe(text.normalize('NFC'))
        for (const part of parts) {
          expect(part.shortMessage.length).toBeLessThanOrEqual(140)
          const body = part.esmClass ? part.shortMessage.subarray(6) : part.shortMessage
          if (part.dataCoding !== DATA_CODING_UCS2 || body.length < 2) continue
          const last = body.readUInt16BE(body.length - 2)
          expect(last >= 0xd800 && last <= 0xdbff).toBe(false)
        }
      }),
    )
  })
})
