import type { AddressInfo } from 'node:net'
import * as smpp from 'smpp'
import type { ReceivedSms } from './concat-assembler'
import { receiptText, type DeliveryState } from './delivery-receipt'
import { concatAssembler, submittedPartOf } from './concat-assembler'
import { ESME_RINVPASWD, ESME_ROK, ESME_RTHROTTLED } from './smpp-status'

/**
 * A local SMSC speaking SMPP 3.4 on loopback, for tests and training: binds with one system id and
 * password, answers submit_sm with a message id, sends a delivery receipt per part, and puts the
 * parts of a concatenated message back together as a phone would. Faults on demand: refuse the next
 * submits with a status (throttling, a full queue, a bad number), report a failed delivery, drop
 * every link; or, for training, throttle and fail a share of the traffic at random.
 */
export interface SmscSimulatorOptions {
  systemId: string
  /** The password a bind must give; null accepts any (a training SMSC on loopback). */
  password: string | null
  host?: string
  port?: number
  now?: () => Date
  /** Called with each complete notice as it arrives. */
  onReceived?(sms: ReceivedSms, at: Date): void
  /** Share of submit_sm answered ESME_RTHROTTLED (0 to 1, default 0). */
  throttleShare?: number
  /** Share of parts whose receipt reports them undeliverable (0 to 1, default 0). */
  failShare?: number
  /** Uniform in [0, 1): decides which submits the shares above hit. */
  random?: () => number
  /** Serve SMPP over TLS with this PEM certificate chain and key (what `smpps://` reaches). */
  tls?: { cert: Buffer; key: Buffer }
}

export type { ReceivedSms } from './concat-assembler'

export interface SmscSimulator {
  readonly port: number
  /** Complete notices, in the order their last part arrived. */
  received(): ReceivedSms[]
  /** Answers the next `count` submit_sm with `status` instead of accepting them. */
  refuseNext(count: number, status: number): void
  /** What the next receipts report (default: delivered). */
  deliverAs(state: DeliveryState): void
  /** Number of transceiver links bound now. */
  boundLinks(): number
  /** Drops every link at once, as a pulled cable or an SMSC restart would. */
  dropLinks(): void
  close(): Promise<void>
}

/** Answers a bind: true when the account is right; the link is closed otherwise. */
function answerBind(session: smpp.Session, pdu: smpp.PDU, options: SmscSimulatorOptions): boolean {
  const ok =
    pdu.system_id === options.systemId &&
    (options.password === null || pdu.password === options.password)
  session.send(pdu.response({ command_status: ok ? ESME_ROK : ESME_RINVPASWD }))
  if (!ok) session.close()
  return ok
}

/** The delivery receipt of one accepted part, as an SMSC sends it back (deliver_sm). */
function sendReceipt(
  session: smpp.Session,
  pdu: smpp.PDU,
  receipt: { messageId: string; state: DeliveryState },
  at: Date,
): void {
  const { messageId, state } = receipt
  const error = state === 'delivered' ? null : '001'
  session.send(
    new smpp.PDU('deliver_sm', {
      source_addr: pdu.destination_addr,
      destination_addr: pdu.source_addr,
      esm_class: 0x04,
      short_message: receiptText({ messageId, state, error }, at, at),
      receipted_message_id: messageId,
      message_state: state === 'delivered' ? 2 : 5,
    }),
  )
}

export async function startSmscSimulator(options: SmscSimulatorOptions): Promise<SmscSimulator> {
  const now = options.now ?? (() => new Date())
  const random = options.random ?? Math.random
  const hits = (share: number | undefined) => share !== undefined && share > 0 && random() < share
  const received: ReceivedSms[] = []
  const assembler = concatAssembler()
  const bound = new Set<smpp.Session>()
  let refusals: number[] = []
  let deliveryState: DeliveryState = 'delivered'
  let nextId = 1

  function serve(session: smpp.Session): void {
    session.on('error', () => undefined)
    session.on('close', () => bound.delete(session))
    session.on('bind_transceiver', (pdu: smpp.PDU) => {
      if (answerBind(session, pdu, options)) bound.add(session)
    })
    session.on('submit_sm', (pdu: smpp.PDU) => {
      const refusal =
        refusals.shift() ?? (hits(options.throttleShare) ? ESME_RTHROTTLED : undefined)
      if (!bound.has(session) || refusal !== undefined) {
        session.send(pdu.response({ command_status: refusal ?? 0x04 /* ESME_RINVBNDSTS */ }))
        return
      }
      const messageId = `SIM${String(nextId++).padStart(8, '0')}`
      session.send(pdu.response({ message_id: messageId }))
      const notice = assembler.add(submittedPartOf(pdu), messageId)
      if (notice) {
        received.push(notice)
        options.onReceived?.(notice, now())
      }
      const state = hits(options.failShare) ? 'undeliverable' : deliveryState
      sendReceipt(session, pdu, { messageId, state }, now())
    })
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()))
    session.on('unbind', (pdu: smpp.PDU) => {
      session.send(pdu.response())
      bound.delete(session)
      session.close()
    })
  }

  const server = options.tls ? smpp.createServer(options.tls, serve) : smpp.createServer(serve)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    port,
    received: () => received.map((r) => ({ ...r, messageIds: [...r.messageIds] })),
    refuseNext(count, status) {
      refusals = [...refusals, ...Array.from({ length: count }, () => status)]
    },
    deliverAs(state) {
      deliveryState = state
    },
    boundLinks: () => bound.size,
    dropLinks() {
      for (const session of server.sessions) session.destroy()
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of server.sessions) session.destroy()
        server.close(() => resolve())
      }),
  }
}
