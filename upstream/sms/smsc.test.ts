import { afterEach, describe, expect, it } from 'vitest'
import { systemClock } from '../../lib/clock'
import { approvalSms } from '../server/review/sms-text'
import { SmscError } from './sms-errors'
import { backoffDelayMs, createSmsSender } from './sms-sender'
import { openSmscSession, type SmscEndpoint } from './smsc-session'
import { startSmscSimulator, type SmscSimulator } from './smsc-simulator'
import { ESME_RTHROTTLED } from './smpp-status'
import { memoryQueue } from './test-support'
import { makeTestCa } from '../../tests/support/test-ca'
import { readFileSync } from 'node:fs'

// The session and the simulator talk SMPP over a real loopback socket, so these run on the system
// clock; the sender's timing rules are proven on a virtual clock in sms-sender.test.ts.
const AT = new Date('2026-12-02T08:00:00Z')
const credentials = { systemId: 'vneid', password: 'secret' }
let simulator: SmscSimulator | null = null

afterEach(async () => {
  await simulator?.close()
  simulator = null
})

async function started() {
  simulator = await startSmscSimulator(credentials)
  const endpoint: SmscEndpoint = {
    host: '127.0.0.1',
    port: simulator.port,
    ...credentials,
    sourceAddr: 'BoCongAn',
  }
  return { simulator, endpoint }
}

function senderFor(endpoint: SmscEndpoint, queue: ReturnType<typeof memoryQueue>) {
  return createSmsSender({
    queue,
    clock: systemClock,
    now: () => AT,
    connect: () => openSmscSession(endpoint, systemClock, 5000),
    ratePerSecond: 1000,
    maxAttempts: 5,
    retryDelayMs: backoffDelayMs,
    throttlePauseMs: 1,
    maxThrottleRetries: 3,
    log: () => undefined,
  })
}

describe('SMPP to the SMSC simulator', () => {
  it('delivers the approval notice as the citizen reads it, and its receipts come back', async () => {
    const { simulator: smsc, endpoint } = await started()
    const text = approvalSms('LÊ ĐÌNH VIỆT').vi
    const queue = memoryQueue([{ id: 1, phone: '0912345678', text }], AT)
    const sender = senderFor(endpoint, queue)
    expect(await sender.drain()).toMatchObject({ submitted: 1, failed: 0 })
    const ids = queue.notices.get(1)?.messageIds ?? []
    expect(ids).toHaveLength(Math.ceil(text.length / 67))
    await queue.receiptCount(ids.length)
    expect(queue.receipts).toEqual(ids.map((messageId) => ({ messageId, state: 'delivered' })))
    expect(smsc.received()).toEqual([
      { msisdn: '84912345678', sourceAddr: 'BoCongAn', text, messageIds: ids },
    ])
    await sender.close()
  })

  it('reports a failed delivery from the receipt', async () => {
    const { simulator: smsc, endpoint } = await started()
    smsc.deliverAs('undeliverable')
    const queue = memoryQueue([{ id: 1, phone: '0912345678', text: 'Ma OTP 1' }], AT)
    const sender = senderFor(endpoint, queue)
    await sender.drain()
    await queue.receiptCount(1)
    expect(queue.receipts[0]?.state).toBe('undeliverable')
    await sender.close()
  })

  it('waits out a throttling SMSC without losing or doubling the notice', async () => {
    const { simulator: smsc, endpoint } = await started()
    smsc.refuseNext(2, ESME_RTHROTTLED)
    const queue = memoryQueue([{ id: 1, phone: '0912345678', text: 'Ma OTP 1' }], AT)
    const sender = senderFor(endpoint, queue)
    expect(await sender.drain()).toMatchObject({ submitted: 1, throttled: 2 })
    expect(smsc.received()).toHaveLength(1)
    await sender.close()
  })

  it('opens a new link after the SMSC drops the old one, and nothing is lost', async () => {
    const { simulator: smsc, endpoint } = await started()
    const queue = memoryQueue([{ id: 1, phone: '0912345678', text: 'Ma OTP 1' }], AT)
    const sender = senderFor(endpoint, queue)
    await sender.drain()
    smsc.dropLinks()
    await expect.poll(() => smsc.boundLinks()).toBe(0)
    queue.notices.set(2, {
      ...{ id: 2, phone: '0987654321', text: 'Ma OTP 2', attempts: 0 },
      ...{ state: 'pending', nextAt: AT, messageIds: [], reason: null },
    })
    expect(await sender.drain()).toMatchObject({ submitted: 1 })
    expect(smsc.received().map((r) => r.text)).toEqual(['Ma OTP 1', 'Ma OTP 2'])
    await sender.close()
  })

  it('refuses wrong SMPP credentials with the bilingual reason', async () => {
    const { endpoint } = await started()
    const refused = await openSmscSession({ ...endpoint, password: 'wrong' }, systemClock).catch(
      (e: unknown) => e,
    )
    expect(refused).toBeInstanceOf(SmscError)
    expect(refused).toMatchObject({ code: 'smsc_bind_refused', params: { status: '0x0000000e' } })
    expect((refused as SmscError).vi).toMatch(/từ chối đăng nhập SMPP/)
    expect((refused as SmscError).en).toMatch(/refused the SMPP bind/)
  })

  it('says the SMSC cannot be reached when nothing listens, and the sender keeps the notice', async () => {
    const { simulator: smsc, endpoint } = await started()
    await smsc.close()
    simulator = null
    const unreachable = await openSmscSession(endpoint, systemClock).catch((e: unknown) => e)
    expect(unreachable).toMatchObject({ code: 'smsc_unreachable' })
    const queue = memoryQueue([{ id: 1, phone: '0912345678', text: 'Ma OTP 1' }], AT)
    expect(await senderFor(endpoint, queue).drain()).toMatchObject({ smscDown: true })
    expect(queue.notices.get(1)?.state).toBe('pending')
  })

  it('sends over smpps:// to an SMSC whose certificate the given CA issued, and only then', async () => {
    const [ours, theirs] = [makeTestCa('SMSC'), makeTestCa('Other')]
    try {
      const tls = { cert: readFileSync(ours.serverCertFile), key: readFileSync(ours.serverKeyFile) }
      simulator = await startSmscSimulator({ ...credentials, tls })
      const endpoint: SmscEndpoint = {
        ...{ host: '127.0.0.1', port: simulator.port, ...credentials, sourceAddr: 'BoCongAn' },
        ...{ tls: true, ca: readFileSync(ours.caFile) },
      }
      const queue = memoryQueue([{ id: 1, phone: '0912345678', text: 'Ma OTP 1' }], AT)
      const sender = senderFor(endpoint, queue)
      expect(await sender.drain()).toMatchObject({ submitted: 1 })
      await queue.receiptCount(1)
      expect(simulator.received().map((r) => r.text)).toEqual(['Ma OTP 1'])
      await sender.close()
      const wrongCa = { ...endpoint, ca: readFileSync(theirs.caFile) }
      const refused = await openSmscSession(wrongCa, systemClock).catch((e: unknown) => e)
      expect(refused).toMatchObject({ code: 'smsc_unreachable' })
      expect(simulator.received()).toHaveLength(1)
    } finally {
      ours.cleanup()
      theirs.cleanup()
    }
  })
})
