/**
 * Puts concatenated parts back together the way a phone does (GSM 03.40 §9.2.3.24.1): parts with
 * the same sender, number, reference and total are one message, shown once every part is in, in
 * the order of their index. Used by the SMSC simulator, so tests see what a citizen would read.
 */

/** A notice as the phone shows it. */
export interface ReceivedSms {
  msisdn: string
  sourceAddr: string
  text: string
  messageIds: string[]
}

/** One submitted part, decoded: the text of its own octets and its concatenation header, if any. */
export interface SubmittedPart {
  msisdn: string
  sourceAddr: string
  text: string
  concat: { reference: number; total: number; index: number } | null
}

interface Pending {
  parts: Map<number, string>
  ids: string[]
  total: number
}

export function concatAssembler() {
  const pending = new Map<string, Pending>()
  return {
    /** The whole message once `part` completes it, otherwise null. */
    add(part: SubmittedPart, messageId: string): ReceivedSms | null {
      const { msisdn, sourceAddr, text, concat } = part
      if (!concat || concat.total <= 1) return { msisdn, sourceAddr, text, messageIds: [messageId] }
      const key = `${msisdn}/${sourceAddr}/${concat.reference}/${concat.total}`
      const entry: Pending = pending.get(key) ?? {
        parts: new Map<number, string>(),
        ids: [],
        total: concat.total,
      }
      entry.parts.set(concat.index, text)
      entry.ids.push(messageId)
      pending.set(key, entry)
      if (entry.parts.size < entry.total) return null
      pending.delete(key)
      const ordered = [...entry.parts.entries()].sort(([a], [b]) => a - b).map(([, t]) => t)
      return { msisdn, sourceAddr, text: ordered.join(''), messageIds: entry.ids }
    },
  }
}

/** The concatenation header (IEI 0x00) among the decoded header elements of a short_message. */
function concatOf(udh: unknown): SubmittedPart['concat'] {
  if (!Array.isArray(udh)) return null
  for (const element of udh) {
    if (!Buffer.isBuffer(element) || element.length < 5 || element[0] !== 0x00) continue
    const [, , reference = 0, total = 0, index = 0] = element
    return { reference, total, index }
  }
  return null
}

/**
 * A submit_sm as the `smpp` package decodes it: `short_message` is `{ message, udh? }` with the
 * text already decoded from its data_coding.
 */
export function submittedPartOf(pdu: Record<string, unknown>): SubmittedPart {
  const shortMessage = pdu.short_message
  let text = ''
  let udh: unknown
  if (typeof shortMessage === 'object' && shortMessage !== null && 'message' in shortMessage) {
    const decoded = shortMessage as { message: unknown; udh?: unknown }
    text = typeof decoded.message === 'string' ? decoded.message : ''
    udh = decoded.udh
  } else if (typeof shortMessage === 'string') text = shortMessage
  return {
    msisdn: String(pdu.destination_addr ?? ''),
    sourceAddr: String(pdu.source_addr ?? ''),
    text,
    concat: concatOf(udh),
  }
}
