import { isIP } from 'node:net'
import * as smpp from 'smpp'
import type { Clock } from '../../lib/clock'
import { deliveryReceiptOf, type DeliveryReceipt } from './delivery-receipt'
import { SmscError } from './sms-errors'
import type { SmsPart } from './sms-parts'
import { isCredentialRefusal, statusHex } from './smpp-status'

/** Where the SMSC is and who the upstream is to it. */
export interface SmscEndpoint {
  host: string
  port: number
  systemId: string
  password: string
  /** The sender phones show: an alphanumeric sender id or a short code. */
  sourceAddr: string
  tls?: boolean
  ca?: Buffer
}

export interface SubmitAnswer {
  status: number
  messageId: string | null
}

/** One bound transceiver link to the SMSC. */
export interface SmscSession {
  /** Sends one part to `msisdn` (international digits, no '+'), asking for a delivery receipt. */
  submit(part: SmsPart, msisdn: string): Promise<SubmitAnswer>
  onReceipt(listener: (receipt: DeliveryReceipt) => void): void
  /** Resolves once the link is gone, whichever side closed it. */
  readonly closed: Promise<void>
  close(): Promise<void>
}

const INTERFACE_VERSION_34 = 0x34
const TON_INTERNATIONAL = 1
const TON_ALPHANUMERIC = 5
const NPI_ISDN = 1
const REGISTERED_DELIVERY_FINAL = 1

function connect(endpoint: SmscEndpoint, clock: Clock, timeoutMs: number): Promise<smpp.Session> {
  return new Promise((resolve, reject) => {
    const where = { host: endpoint.host, port: endpoint.port }
    const session = smpp.connect({
      ...where,
      // SNI carries host names only (RFC 6066): an address is checked against the IP SANs.
      ...(endpoint.tls
        ? { tls: true, ...(isIP(endpoint.host) ? {} : { servername: endpoint.host }) }
        : {}),
      ...(endpoint.ca ? { ca: endpoint.ca } : {}),
    })
    const timer = clock.after(timeoutMs, () => {
      session.destroy()
      reject(new SmscError('smsc_unreachable', where, `no answer in ${timeoutMs} ms`))
    })
    const fail = (error: Error) => {
      timer.cancel()
      reject(new SmscError('smsc_unreachable', where, error.message, { cause: error }))
    }
    session.once('error', fail)
    session.once(endpoint.tls ? 'secureConnect' : 'connect', () => {
      timer.cancel()
      session.off('error', fail)
      resolve(session)
    })
  })
}

/** Request/response over one session, each with a deadline; everything pending fails on close. */
function requester(session: smpp.Session, clock: Clock, timeoutMs: number) {
  const pending = new Set<(error: SmscError) => void>()
  session.on('close', () => {
    for (const fail of pending) fail(new SmscError('smsc_closed', {}))
    pending.clear()
  })
  return (command: string, fields: Record<string, unknown>): Promise<smpp.PDU> =>
    new Promise((resolve, reject) => {
      const fail = (error: SmscError) => {
        timer.cancel()
        pending.delete(fail)
        reject(error)
      }
      const timer = clock.after(timeoutMs, () =>
        fail(new SmscError('smsc_timeout', { command, ms: timeoutMs })),
      )
      pending.add(fail)
      const sent = session.send(new smpp.PDU(command, fields), (answer) => {
        timer.cancel()
        pending.delete(fail)
        resolve(answer)
      })
      if (!sent) fail(new SmscError('smsc_closed', {}))
    })
}

function textOfShortMessage(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'object' && value !== null && 'message' in value) {
    const { message } = value as { message: unknown }
    if (typeof message === 'string') return message
    if (Buffer.isBuffer(message)) return message.toString('latin1')
  }
  return ''
}

/** Answers what the SMSC asks of us: receipts, keep-alives, and its own unbind. */
function answerSmsc(session: smpp.Session, receipts: Array<(r: DeliveryReceipt) => void>) {
  session.on('deliver_sm', (pdu: smpp.PDU) => {
    session.send(pdu.response())
    const receipt = deliveryReceiptOf({
      esmClass: typeof pdu.esm_class === 'number' ? pdu.esm_class : 0,
      text: textOfShortMessage(pdu.short_message),
      ...(typeof pdu.receipted_message_id === 'string'
        ? { receiptedMessageId: pdu.receipted_message_id }
        : {}),
      ...(typeof pdu.message_state === 'number' ? { messageState: pdu.message_state } : {}),
    })
    if (receipt) for (const listener of receipts) listener(receipt)
  })
  session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()))
  session.on('unbind', (pdu: smpp.PDU) => {
    session.send(pdu.response())
    session.close()
  })
}

/** Connects and binds as a transceiver (submits and receipts on one link). */
export async function openSmscSession(
  endpoint: SmscEndpoint,
  clock: Clock,
  timeoutMs = 10_000,
): Promise<SmscSession> {
  const session = await connect(endpoint, clock, timeoutMs)
  const closed = new Promise<void>((resolve) => session.once('close', () => resolve()))
  // After connecting, a socket error is followed by 'close': the pending requests fail there.
  session.on('error', () => undefined)
  const request = requester(session, clock, timeoutMs)
  const receipts: Array<(r: DeliveryReceipt) => void> = []
  answerSmsc(session, receipts)
  const bound = await request('bind_transceiver', {
    system_id: endpoint.systemId,
    password: endpoint.password,
    interface_version: INTERFACE_VERSION_34,
  }).catch((error: unknown) => {
    session.destroy()
    throw error
  })
  if (bound.command_status !== 0) {
    session.destroy()
    const status = statusHex(bound.command_status)
    throw new SmscError(
      'smsc_bind_refused',
      { status },
      isCredentialRefusal(bound.command_status) ? 'credentials' : null,
    )
  }
  const alphanumeric = /\D/.test(endpoint.sourceAddr)
  return {
    async submit(part, msisdn) {
      const answer = await request('submit_sm', {
        source_addr_ton: alphanumeric ? TON_ALPHANUMERIC : TON_INTERNATIONAL,
        source_addr_npi: alphanumeric ? 0 : NPI_ISDN,
        source_addr: endpoint.sourceAddr,
        dest_addr_ton: TON_INTERNATIONAL,
        dest_addr_npi: NPI_ISDN,
        destination_addr: msisdn,
        esm_class: part.esmClass,
        data_coding: part.dataCoding,
        registered_delivery: REGISTERED_DELIVERY_FINAL,
        short_message: part.shortMessage,
      })
      const messageId = typeof answer.message_id === 'string' ? answer.message_id : ''
      return { status: answer.command_status, messageId: messageId || null }
    },
    onReceipt: (listener) => void receipts.push(listener),
    closed,
    async close() {
      await request('unbind', {}).catch(() => undefined)
      session.close()
      await closed
    },
  }
}
