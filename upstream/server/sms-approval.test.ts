import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seededRandom } from '../../protocol/packet/test-fixtures'
import { startSmscSimulator, type SmscSimulator } from '../sms/smsc-simulator'
import type { SmsKind } from './db/sms-outbox'
import { approvalSms, rejectionSms } from './review/sms-text'
import {
  buildFile,
  manualClock,
  registerTerminal,
  reviewerToken,
  sampleChipPki,
  sampleInput,
  TEST_REVIEWER_COST,
  testTerminal,
  uploadFile,
} from './test-support'
import { openUpstream, UPSTREAM_TRUST_DIR, type Upstream } from './upstream'
import { useTestUpstreamDatabases } from '../../tests/support/upstream-backend'

const databases = useTestUpstreamDatabases()

// From the review API to the SMSC simulator over a real SMPP link on loopback. Wall time (the
// outbox's records, retries, the retention) is a manual clock; the SMPP link's own timeouts and the
// pacing run on the system clock, as in upstream/sms/smsc.test.ts. Passes run by hand (`drain`):
// the delivery's own timer is set far beyond the test.
const ACCOUNT = { systemId: 'vneid', password: 'secret' }
const DAY = 86_400_000
const RETENTION_DAYS = 7
const FILE_A = '55555555-5555-4555-8555-555555555555'
const FILE_B = '66666666-6666-4666-8666-666666666666'
const NAME = 'LÊ ĐÌNH VIỆT'
const cleanups: Array<() => Promise<void> | void> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function simulatorOn(port = 0): Promise<SmscSimulator> {
  const simulator = await startSmscSimulator({ ...ACCOUNT, port })
  cleanups.push(() => simulator.close())
  return simulator
}

/** Resolves once the receipts, applied as they come over the link, have settled the notice. */
async function settled(upstream: Upstream, fileId: string, kind: SmsKind = 'approval') {
  await expect
    .poll(async () => (await upstream.ctx.repos.smsOutbox.forFile(fileId, kind))?.status)
    .not.toBe('submitted')
}

/** An upstream sending to the SMSC on `port`, with two received files from one terminal. */
async function upstreamSendingTo(port: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sms-approval-'))
  mkdirSync(join(dataDir, UPSTREAM_TRUST_DIR))
  writeFileSync(join(dataDir, UPSTREAM_TRUST_DIR, 'csca.der'), sampleChipPki().csca.certificateDer)
  const clock = manualClock()
  const upstream = await openUpstream({
    dataDir,
    ...(await databases.next()),
    now: clock.now,
    randomBytes: seededRandom(`upstream:${dataDir}`),
    reviewerPasswordCost: TEST_REVIEWER_COST,
    sms: {
      endpoint: { host: '127.0.0.1', port, ...ACCOUNT, sourceAddr: 'BoCongAn' },
      ratePerSecond: 1000,
      intervalMs: 10 * DAY,
      retentionMs: RETENTION_DAYS * DAY,
    },
  })
  cleanups.push(async () => {
    await upstream.close()
    rmSync(dataDir, { recursive: true, force: true })
  })
  const terminal = testTerminal()
  await registerTerminal(upstream, terminal)
  for (const fileId of [FILE_A, FILE_B]) {
    const parts = sampleInput(terminal, fileId).parts.map((part) =>
      part.name === 'contact'
        ? { ...part, data: Buffer.from(JSON.stringify({ phone: '0912345678', name: NAME })) }
        : part,
    )
    const file = buildFile(upstream, terminal, fileId, { parts, simulated: false })
    const done = await uploadFile(upstream, terminal, file)
    if (done.statusCode !== 200) throw new Error(`upload failed: ${done.body}`)
  }
  return { upstream, clock }
}

async function decide(
  upstream: Upstream,
  fileId: string,
  decision: 'approve' | 'reject',
  json = {},
) {
  return upstream.app.inject({
    method: 'POST',
    url: `/review/api/files/${fileId}/${decision}`,
    headers: {
      authorization: `Bearer ${await reviewerToken(upstream)}`,
      'content-type': 'application/json',
    },
    payload: JSON.stringify(json),
  })
}

const sms = (upstream: Upstream) => {
  if (!upstream.sms) throw new Error('no SMS delivery')
  return upstream.sms
}

describe('an approval or a rejection reaches the SMSC', () => {
  it('sends the seed approval text, marks it delivered from the receipts, then forgets the number', async () => {
    const smsc = await simulatorOn()
    const { upstream, clock } = await upstreamSendingTo(smsc.port)
    expect((await decide(upstream, FILE_A, 'approve')).statusCode).toBe(200)
    expect((await upstream.review.outbox(10))[0]).toMatchObject({
      fileId: FILE_A,
      status: 'pending',
    })

    expect(await sms(upstream).drain()).toMatchObject({ submitted: 1, failed: 0 })
    const text = approvalSms(NAME).vi
    expect(text).toContain(`công dân ${NAME} đã được phê duyệt`)
    const [received] = smsc.received()
    expect(smsc.received()).toHaveLength(1)
    expect(received).toMatchObject({ msisdn: '84912345678', sourceAddr: 'BoCongAn', text })

    // Each part's receipt comes right after its submit_sm_resp, before the notice is recorded.
    await settled(upstream, FILE_A)
    const delivered = await upstream.ctx.repos.smsOutbox.forFile(FILE_A)
    expect(delivered).toMatchObject({ status: 'delivered', phone: '091****678' })

    clock.advance(RETENTION_DAYS * DAY)
    await sms(upstream).drain()
    expect((await upstream.ctx.repos.smsOutbox.forFile(FILE_A))?.phone).toBe('091****678')
    clock.advance(1)
    await sms(upstream).drain()
    // An empty masked number means the sealed one is gone: a kept one shows as 091****678.
    expect(await upstream.ctx.repos.smsOutbox.forFile(FILE_A)).toMatchObject({
      status: 'delivered',
      phone: '',
    })
  })

  it('sends a rejection with the reason and what to do: make the application again', async () => {
    const smsc = await simulatorOn()
    const { upstream } = await upstreamSendingTo(smsc.port)
    const reason = 'Ảnh chân dung bị mờ'
    expect((await decide(upstream, FILE_B, 'reject', { reason })).statusCode).toBe(200)
    expect(await sms(upstream).drain()).toMatchObject({ submitted: 1 })
    const [received] = smsc.received()
    expect(received?.text).toBe(rejectionSms(NAME, reason).vi)
    expect(received?.text).toContain(`Lý do: ${reason}.`)
    expect(received?.text).toContain('tạo lại hồ sơ')
    await settled(upstream, FILE_B, 'rejection')
    expect((await upstream.ctx.repos.smsOutbox.forFile(FILE_B, 'rejection'))?.status).toBe(
      'delivered',
    )
  })

  it('keeps the notice while the SMSC is down and sends it exactly once when it is back', async () => {
    const probe = await simulatorOn()
    const port = probe.port
    await probe.close()
    const { upstream, clock } = await upstreamSendingTo(port)
    expect((await decide(upstream, FILE_A, 'approve')).statusCode).toBe(200)

    expect(await sms(upstream).drain()).toMatchObject({ smscDown: true, submitted: 0 })
    expect(await upstream.ctx.repos.smsOutbox.forFile(FILE_A)).toMatchObject({
      status: 'pending',
      attempts: 0,
    })

    const smsc = await simulatorOn(port)
    clock.advance(60_000)
    expect(await sms(upstream).drain()).toMatchObject({ submitted: 1, smscDown: false })
    expect(smsc.received()).toHaveLength(1)
    await settled(upstream, FILE_A)
    clock.advance(DAY)
    expect(await sms(upstream).drain()).toMatchObject({ submitted: 0, retried: 0 })
    expect(smsc.received().map((r) => r.text)).toEqual([approvalSms(NAME).vi])
    expect((await upstream.ctx.repos.smsOutbox.forFile(FILE_A))?.status).toBe('delivered')
  })
})
