/**
 * A delivery receipt: the deliver_sm an SMSC sends back once a message reached the phone or gave
 * up (SMPP 3.4 §5.2.12 esm_class, Appendix B for the text). The TLVs receipted_message_id and
 * message_state, when present, win over the text, which SMSCs format loosely.
 */

/** esm_class bits 2–5 equal to 0001: the deliver_sm is an SMSC delivery receipt. */
const ESM_CLASS_TYPE_MASK = 0x3c
const ESM_CLASS_DELIVERY_RECEIPT = 0x04

export type DeliveryState =
  | 'enroute'
  | 'delivered'
  | 'expired'
  | 'deleted'
  | 'undeliverable'
  | 'accepted'
  | 'unknown'
  | 'rejected'

/** message_state TLV values, SMPP 3.4 §5.2.28. */
const STATE_BY_TLV: Record<number, DeliveryState> = {
  1: 'enroute',
  2: 'delivered',
  3: 'expired',
  4: 'deleted',
  5: 'undeliverable',
  6: 'accepted',
  7: 'unknown',
  8: 'rejected',
}

/** The seven-letter `stat:` words of Appendix B. */
const STATE_BY_WORD: Record<string, DeliveryState> = {
  ENROUTE: 'enroute',
  DELIVRD: 'delivered',
  EXPIRED: 'expired',
  DELETED: 'deleted',
  UNDELIV: 'undeliverable',
  ACCEPTD: 'accepted',
  UNKNOWN: 'unknown',
  REJECTD: 'rejected',
}

/** A state after which the SMSC will not try again. */
export function isFinalState(state: DeliveryState): boolean {
  return state !== 'enroute' && state !== 'accepted'
}

export interface DeliveryReceipt {
  messageId: string
  state: DeliveryState
  /** The network error code of a failed delivery (`err:`), when given. */
  error: string | null
}

/** The fields of a received deliver_sm this parser reads. */
export interface ReceivedDeliverSm {
  esmClass: number
  text: string
  receiptedMessageId?: string
  messageState?: number
}

const MAX_MESSAGE_ID = 65

function field(text: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}:(\\S*)`, 'i').exec(text)
  return match?.[1]
}

/**
 * The receipt in `pdu`, or null when the deliver_sm is not a delivery receipt (a mobile-originated
 * message) or names no message it can be matched to.
 */
export function deliveryReceiptOf(pdu: ReceivedDeliverSm): DeliveryReceipt | null {
  if ((pdu.esmClass & ESM_CLASS_TYPE_MASK) !== ESM_CLASS_DELIVERY_RECEIPT) return null
  const messageId = (pdu.receiptedMessageId || field(pdu.text, 'id') || '').trim()
  if (!messageId || messageId.length > MAX_MESSAGE_ID) return null
  const fromTlv = pdu.messageState === undefined ? undefined : STATE_BY_TLV[pdu.messageState]
  const word = field(pdu.text, 'stat')?.toUpperCase()
  const state = fromTlv ?? (word ? STATE_BY_WORD[word] : undefined) ?? 'unknown'
  const err = field(pdu.text, 'err')
  return { messageId, state, error: err && !/^0+$/.test(err) ? err : null }
}

/** The receipt text an SMSC writes (Appendix B), for the simulator. */
export function receiptText(receipt: DeliveryReceipt, submitted: Date, done: Date): string {
  const word = Object.entries(STATE_BY_WORD).find(([, s]) => s === receipt.state)?.[0] ?? 'UNKNOWN'
  const dlvrd = receipt.state === 'delivered' ? '001' : '000'
  return (
    `id:${receipt.messageId} sub:001 dlvrd:${dlvrd} submit date:${smppDate(submitted)} ` +
    `done date:${smppDate(done)} stat:${word} err:${receipt.error ?? '000'} text:`
  )
}

/** YYMMDDhhmm in UTC, the receipt's date form. */
function smppDate(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  return (
    two(at.getUTCFullYear() % 100) +
    two(at.getUTCMonth() + 1) +
    two(at.getUTCDate()) +
    two(at.getUTCHours()) +
    two(at.getUTCMinutes())
  )
}
