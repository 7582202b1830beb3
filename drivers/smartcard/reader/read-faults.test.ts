import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  AccessDeniedError,
  IcaoProtocolError,
  ProtocolError,
  SecureMessagingError,
} from '../icao9303/errors'
import { dataGroup } from '../icao9303/lds/files'
import { ApduChannel } from '../iso7816/apdu-channel'
import { realSleep } from '../iso7816/deadline'
import { CardError, TimeoutError } from '../iso7816/errors'
import { createTrustStore, withAnchors, type TrustStore } from '../pki/trust-store'
import { SCENARIOS, createSimulatedCccd, type SimulatedCccd } from '../sim/cccd/scenarios'
import { createVirtualCccd } from '../sim/cccd/virtual-cccd'
import { FaultyCard, type FaultPlan } from '../sim/faults'
import type { IsoCard } from '../sim/iso-card'
import { NFC_BIT_RATE, SimulatedLink, type SimulatedLinkOptions } from '../sim/simulated-link'
import { readDocument } from './read-document'

const now = () => new Date('2026-11-26T10:00:00Z')
const random = (n: number) => new Uint8Array(randomBytes(n))
const DG2_FID = dataGroup(2).fid
/** Deadline of one transmit: the in-process chip answers in microtasks, so a mute one is found fast. */
const TRANSMIT_TIMEOUT_MS = 100

// Generating the PKI, the citizen and the face is the slow part: done once, fresh chips per test.
let sim: SimulatedCccd
let trust: TrustStore
beforeAll(() => {
  sim = createSimulatedCccd({ citizen: 'read-faults', now })
  trust = withAnchors(createTrustStore([]), [sim.pki.csca.certificateDer], 'test CSCA')
})

const freshChip = (): IsoCard =>
  createVirtualCccd({ content: sim.content, profile: sim.profile, randomBytes: random })

function readThrough(
  card: FaultyCard,
  options: { extendedLength?: boolean; link?: SimulatedLinkOptions } = {},
) {
  const link = new SimulatedLink(card, { timeoutMs: TRANSMIT_TIMEOUT_MS, ...options.link })
  const channel = new ApduChannel(link, { extendedLength: options.extendedLength ?? true })
  const read = readDocument(channel, {
    key: sim.content.accessKeys.can,
    trust,
    randomBytes: random,
    now,
  })
  return { link, read }
}

/** Matches a READ BINARY of DG2 past `offset`: the chip reports each read before the fault fires. */
function midDg2Read(chip: IsoCard, offset: number): (command: Uint8Array) => boolean {
  let last: { fid: number; offset: number } | null = null
  chip.onFileRead((file, at) => {
    last = { fid: file.fid, offset: at }
  })
  return (command) => {
    const read = last
    last = null
    return command[1] === 0xb0 && read?.fid === DG2_FID && read.offset >= offset
  }
}

describe('readDocument against a faulty chip', () => {
  it('fails with BAD_MAC when a secure-messaging answer is corrupted (corrupted-sm)', async () => {
    const card = new FaultyCard(freshChip(), SCENARIOS['corrupted-sm'].faults)
    const { read } = readThrough(card)
    const error: unknown = await read.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecureMessagingError)
    expect((error as SecureMessagingError).code).toBe('BAD_MAC')
  })

  it('fails with BAD_MAC when a READ BINARY in the middle of DG2 is corrupted', async () => {
    const chip = freshChip()
    // Byte 20 of the answer lies inside the DG2 cryptogram, so only the MAC can notice.
    const plan: FaultPlan = {
      corruptResponse: { match: midDg2Read(chip, 10_000), index: 20, xor: 0x01 },
    }
    const { read, link } = readThrough(new FaultyCard(chip, plan), { extendedLength: false })
    const error: unknown = await read.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecureMessagingError)
    expect((error as SecureMessagingError).code).toBe('BAD_MAC')
    // It stopped there: more than 10 000 bytes of DG2 went by, but not the rest of the read.
    expect(link.stats.apdus).toBeGreaterThan(50)
    expect(link.stats.bytesReceived).toBeLessThan(sim.content.dataGroups.get(2)?.length ?? 0)
  })

  it('fails with MALFORMED when a DG2 answer is cut short, status word kept', async () => {
    const chip = freshChip()
    const plan: FaultPlan = { truncateResponse: { match: midDg2Read(chip, 5000), keep: 40 } }
    const error: unknown = await readThrough(new FaultyCard(chip, plan), {
      extendedLength: false,
    }).read.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecureMessagingError)
    expect((error as SecureMessagingError).code).toBe('MALFORMED')
  })

  it('fails with MALFORMED_RESPONSE when an answer arrives without its status word', async () => {
    const chip = freshChip()
    const plan: FaultPlan = {
      truncateResponse: { match: midDg2Read(chip, 0), keep: 1, keepStatus: false },
    }
    const error: unknown = await readThrough(new FaultyCard(chip, plan)).read.catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(CardError)
    expect((error as CardError).code).toBe('MALFORMED_RESPONSE')
  })

  it('says a garbled PACE answer is a protocol error, not a wrong CAN', async () => {
    // The first GENERAL AUTHENTICATE answer (the encrypted nonce) cut to 3 bytes.
    const plan: FaultPlan = { truncateResponse: { match: (c) => c[1] === 0x86, keep: 3 } }
    const error: unknown = await readThrough(new FaultyCard(freshChip(), plan)).read.catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ProtocolError)
    expect(error).not.toBeInstanceOf(AccessDeniedError)
    expect(error).toMatchObject({ protocol: 'PACE', step: 'GENERAL AUTHENTICATE 1' })
  })

  it('falls back to BAC when PACE breaks off and the key is MRZ data', async () => {
    const plan: FaultPlan = { truncateResponse: { match: (c) => c[1] === 0x86, keep: 3 } }
    const link = new SimulatedLink(new FaultyCard(freshChip(), plan))
    const result = await readDocument(new ApduChannel(link, { extendedLength: true }), {
      key: sim.content.accessKeys.mrz,
      trust,
      randomBytes: random,
      now,
    })
    expect(result.access).toBe('BAC')
    expect(result.passiveAuth.verdict).toBe('valid')
  })

  it('fails with TimeoutError when the chip goes mute, then the link stays broken', async () => {
    const chip = freshChip()
    const plan: FaultPlan = { silence: { match: midDg2Read(chip, 0) } }
    // Short blocks: with extended length DG2 comes in one answer, and there is no "mid" to hit.
    const { read, link } = readThrough(new FaultyCard(chip, plan), { extendedLength: false })
    const error: unknown = await read.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).timeoutMs).toBe(TRANSMIT_TIMEOUT_MS)
    await expect(link.transmit(Uint8Array.of(0, 0xa4, 0, 0))).rejects.toMatchObject({
      code: 'LINK_BROKEN',
    })
  })

  it('finishes a read on a slow chip and a 106 kbit/s link longer than one transmit deadline', async () => {
    const delays: number[] = []
    const paced: number[] = []
    // The slow-link scenario's 40 ms per APDU, waited at a tenth so the test stays short; the
    // link's air time is charged but not waited.
    const card = new FaultyCard(freshChip(), SCENARIOS['slow-link'].faults, {
      sleep: (ms) => {
        delays.push(ms)
        return realSleep(ms / 10)
      },
    })
    // Short blocks, so the read takes enough APDUs to outlast one transmit deadline.
    const { read, link } = readThrough(card, {
      extendedLength: false,
      link: {
        pacing: { bitRate: NFC_BIT_RATE[106] },
        sleep: async (ms) => {
          paced.push(ms)
        },
      },
    })
    const result = await read
    expect(result.passiveAuth.verdict).toBe('valid')
    expect(result.chipAuth.verdict).toBe('passed')
    expect(result.activeAuth.verdict).toBe('passed')
    expect(result.face?.image.length).toBe(sim.profile.faceBytes)
    expect(delays.length).toBe(link.stats.apdus)
    expect(delays.every((ms) => ms === 40)).toBe(true)
    // Waited in all: more than one transmit deadline, so the deadline is per APDU, not per read.
    expect((delays.length * 40) / 10).toBeGreaterThan(TRANSMIT_TIMEOUT_MS)
    expect(paced.length).toBe(link.stats.apdus)
    expect(link.stats.pacedMs).toBeGreaterThan(1000)
  })
})

/** Any mix of response faults, card removal and silence, from any APDU of the read. */
const faultPlan: fc.Arbitrary<FaultPlan> = fc.record(
  {
    corruptResponse: fc.record({
      fromApdu: fc.integer({ min: 1, max: 40 }),
      times: fc.integer({ min: 1, max: 3 }),
      index: fc.integer({ min: -12, max: 300 }),
      xor: fc.integer({ min: 1, max: 255 }),
    }),
    truncateResponse: fc.record({
      fromApdu: fc.integer({ min: 1, max: 40 }),
      keep: fc.integer({ min: 0, max: 300 }),
      keepStatus: fc.boolean(),
    }),
    removeAfterFileBytes: fc.record({
      fid: fc.constantFrom(...[1, 2, 13, 14, 15].map((n) => dataGroup(n).fid)),
      bytes: fc.integer({ min: 0, max: 20_000 }),
    }),
  },
  { requiredKeys: [] },
)
/** A mute chip now and then (each costs one transmit deadline); it ends any read it hits. */
const withSilence = fc
  .tuple(
    faultPlan,
    fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 4 },
      { arbitrary: fc.record({ fromApdu: fc.integer({ min: 1, max: 40 }) }), weight: 1 },
    ),
  )
  .map(([plan, silence]): FaultPlan => (silence ? { ...plan, silence } : plan))

const isTyped = (error: unknown): boolean =>
  error instanceof IcaoProtocolError || error instanceof CardError

describe('readDocument under random faults', () => {
  it('either reads with verdicts or rejects with a typed error, never hangs', async () => {
    await fc.assert(
      fc.asyncProperty(withSilence, fc.boolean(), async (plan, extendedLength) => {
        const { read } = readThrough(new FaultyCard(freshChip(), plan), { extendedLength })
        let stop = (): void => undefined
        const hang = new Promise<'hang'>((resolve) => {
          const handle = setTimeout(() => resolve('hang'), 10_000)
          stop = () => clearTimeout(handle)
        })
        const outcome = await Promise.race([
          read.then(
            (result) => ({ result }),
            (error: unknown) => ({ error }),
          ),
          hang,
        ]).finally(stop)
        if (outcome === 'hang') throw new Error('the read neither finished nor failed')
        if ('error' in outcome && !isTyped(outcome.error)) throw outcome.error
        if ('result' in outcome && outcome.result.passiveAuth.verdict === 'valid') {
          // A fault may pass unnoticed only if it changed nothing that was signed.
          for (const [n, bytes] of outcome.result.files) {
            if (n.startsWith('DG'))
              expect(bytes).toEqual(sim.content.dataGroups.get(Number(n.slice(2))))
          }
        }
      }),
      { numRuns: 40 },
    )
  }, 120_000)
})
