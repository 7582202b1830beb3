import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  deliveryReceiptOf,
  isFinalState,
  receiptText,
  type DeliveryState,
} from './delivery-receipt'

const RECEIPT = 0x04
const states: DeliveryState[] = [
  'enroute',
  'delivered',
  'expired',
  'deleted',
  'undeliverable',
  'accepted',
  'unknown',
  'rejected',
]

describe('deliveryReceiptOf', () => {
  it('reads the Appendix B text of a delivered message', () => {
    const text =
      'id:0123456789 sub:001 dlvrd:001 submit date:2612021015 done date:2612021016 stat:DELIVRD err:000 text:Cuc Canh sat'
    expect(deliveryReceiptOf({ esmClass: RECEIPT, text })).toEqual({
      messageId: '0123456789',
      state: 'delivered',
      error: null,
    })
  })

  it('keeps the network error of a failed delivery', () => {
    const text =
      'id:AB12 sub:001 dlvrd:000 submit date:2612021015 done date:2612031015 stat:UNDELIV err:069'
    expect(deliveryReceiptOf({ esmClass: RECEIPT, text })).toEqual({
      messageId: 'AB12',
      state: 'undeliverable',
      error: '069',
    })
  })

  it('prefers the receipted_message_id and message_state TLVs to the text', () => {
    const receipt = deliveryReceiptOf({
      esmClass: RECEIPT,
      text: 'id:WRONG stat:DELIVRD',
      receiptedMessageId: 'RIGHT',
      messageState: 3,
    })
    expect(receipt).toEqual({ messageId: 'RIGHT', state: 'expired', error: null })
  })

  it('is not a receipt when esm_class says a mobile-originated message', () => {
    expect(deliveryReceiptOf({ esmClass: 0x00, text: 'id:1 stat:DELIVRD' })).toBeNull()
  })

  it('is not a receipt when it names no message', () => {
    expect(deliveryReceiptOf({ esmClass: RECEIPT, text: 'stat:DELIVRD' })).toBeNull()
  })

  it('reports an unknown stat word as unknown, not as delivered', () => {
    expect(deliveryReceiptOf({ esmClass: RECEIPT, text: 'id:9 stat:FOO' })?.state).toBe('unknown')
  })

  it('says which states are final', () => {
    expect(states.filter(isFinalState)).toEqual([
      'delivered',
      'expired',
      'deleted',
      'undeliverable',
      'unknown',
      'rejected',
    ])
  })

  it('reads back every receipt the simulator writes', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9]{1,65}$/)
    const err = fc.option(fc.stringMatching(/^[1-9][0-9]{2}$/), { nil: null })
    fc.assert(
      fc.property(id, fc.constantFrom(...states), err, fc.date(), (messageId, state, error, at) => {
        fc.pre(!Number.isNaN(at.getTime()))
        const text = receiptText({ messageId, state, error }, at, at)
        expect(deliveryReceiptOf({ esmClass: RECEIPT, text })).toEqual({ messageId, state, error })
      }),
    )
  })

  it('never throws on whatever an SMSC sends', () => {
    fc.assert(
      fc.property(
        fc.nat(255),
        fc.string({ maxLength: 300 }),
        fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
        fc.option(fc.integer({ min: -1, max: 300 }), { nil: undefined }),
        (esmClass, text, receiptedMessageId, messageState) => {
          const receipt = deliveryReceiptOf({
            esmClass,
            text,
            ...(receiptedMessageId === undefined ? {} : { receiptedMessageId }),
            ...(messageState === undefined ? {} : { messageState }),
          })
          if (receipt) {
            expect(receipt.messageId.length).toBeGreaterThan(0)
            expect(receipt.messageId.length).toBeLessThanOrEqual(65)
            expect(states).toContain(receipt.state)
          }
        },
      ),
    )
  })
})
