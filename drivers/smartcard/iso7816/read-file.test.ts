import { describe, expect, it } from 'vitest'
import { tlv } from '../../../lib/asn1/tlv'
import { bytesEqual, uintBytes } from '../../../lib/bytes'
import { FaultyCard } from '../sim/faults'
import { CardFileSystem, NEEDS_SECURE_MESSAGING, type ElementaryFile } from '../sim/file-system'
import { IsoCard, type IsoCardOptions } from '../sim/iso-card'
import { SimulatedLink } from '../sim/simulated-link'
import type { CardLink } from './apdu'
import { ApduChannel } from './apdu-channel'
import type { ScheduleTimeout } from './deadline'
import { CardError, CardRemovedError, TimeoutError } from './errors'
import { DEFAULT_SHORT_CHUNK, readFile } from './read-file'
import { StatusWordError } from './status-words'
import { selectApplication } from './commands'

const EMRTD_AID = Uint8Array.of(0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01)
const DG2 = 0x0102

function pattern(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length)
  let x = seed
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    out[i] = x >>> 24
  }
  return out
}

/** A DG2-like file of 20 000 value bytes: 75 82 4E20 + body = 20 004 bytes. */
const FILE_20K = tlv(0x75, pattern(20_000))

function card(files: ElementaryFile[], options: IsoCardOptions = {}): IsoCard {
  return new IsoCard({
    ...options,
    files: new CardFileSystem({ applications: [{ aid: EMRTD_AID, files }] }),
  })
}

/** A link to `inner` that also records the INS byte of every command. */
function recording(inner: CardLink): CardLink & { ins: number[] } {
  const ins: number[] = []
  return {
    ins,
    transmit: (command) => {
      ins.push(command[1] ?? -1)
      return inner.transmit(command)
    },
  }
}

async function openApp(
  target: IsoCard | FaultyCard,
  options: { extendedLength?: boolean; schedule?: ScheduleTimeout } = {},
): Promise<{ link: SimulatedLink; channel: ApduChannel }> {
  const link = new SimulatedLink(target, options.schedule ? { schedule: options.schedule } : {})
  const channel = new ApduChannel(link, { extendedLength: options.extendedLength ?? false })
  await selectApplication(channel, EMRTD_AID)
  return { link, channel }
}

/**
 * A timeout scheduler the test fires by hand. `armed(n)` resolves once `n` deadlines have been
 * armed: the event that says the n-th exchange is under way, instead of guessing with a sleep.
 */
function manualTimeouts(): {
  schedule: ScheduleTimeout
  fireAll(): void
  pending(): number
  armed(count: number): Promise<void>
} {
  const pending = new Set<() => void>()
  let armedSoFar = 0
  const waiters: { count: number; resolve: () => void }[] = []
  return {
    schedule: (_ms, fire) => {
      const once = (): void => {
        pending.delete(once)
        fire()
      }
      pending.add(once)
      armedSoFar += 1
      for (const waiter of waiters.filter((w) => w.count <= armedSoFar)) waiter.resolve()
      return () => pending.delete(once)
    },
    fireAll: () => {
      for (const fire of [...pending]) fire()
    },
    pending: () => pending.size,
    armed: (count) =>
      count <= armedSoFar
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
  }
}

describe('readFile over a virtual card', () => {
  it('reads a 20 KB file in 223-byte chunks and reports progress up to the total', async () => {
    const { link, channel } = await openApp(card([{ fid: DG2, data: FILE_20K }]))
    const progress: [number, number][] = []
    const before = link.stats.apdus
    const data = await readFile(channel, DG2, {
      onProgress: (n, total) => progress.push([n, total]),
    })

    expect(bytesEqual(data, FILE_20K)).toBe(true)
    // Short length: the TLV header first (4 bytes), then blocks of 223.
    const chunks = Math.ceil((FILE_20K.length - 4) / DEFAULT_SHORT_CHUNK)
    expect(link.stats.apdus - before).toBe(2 + chunks) // SELECT, header, chunks
    expect(progress[0]).toEqual([4, FILE_20K.length])
    expect(progress.at(-1)).toEqual([FILE_20K.length, FILE_20K.length])
    expect(progress).toHaveLength(1 + chunks)
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]![0]).toBeGreaterThan(progress[i - 1]![0])
    }
  })

  it('uses extended READ BINARY when the channel has it, and honours maxChunk', async () => {
    const { link, channel } = await openApp(card([{ fid: DG2, data: FILE_20K }]), {
      extendedLength: true,
    })
    let before = link.stats.apdus
    expect(bytesEqual(await readFile(channel, DG2), FILE_20K)).toBe(true)
    expect(link.stats.apdus - before).toBe(2) // SELECT, the whole file in one READ BINARY

    before = link.stats.apdus
    expect(bytesEqual(await readFile(channel, DG2, { maxChunk: 1000 }), FILE_20K)).toBe(true)
    expect(link.stats.apdus - before).toBe(2 + 20)
  })

  it('switches to odd-INS B1 beyond offset 7FFF', async () => {
    const big = tlv(0x75, pattern(40_000, 3))
    const sim = new SimulatedLink(card([{ fid: DG2, data: big }]))
    const link = recording(sim)
    const channel = new ApduChannel(link)
    await selectApplication(channel, EMRTD_AID)
    expect(bytesEqual(await readFile(channel, DG2, { maxChunk: 0xe7 }), big)).toBe(true)
    expect(link.ins.filter((ins) => ins === 0xb1).length).toBeGreaterThan(0)
    expect(link.ins.lastIndexOf(0xb0)).toBeLessThan(link.ins.indexOf(0xb1))
  })

  it('reads through a T=0-style card that chains answers with 61xx', async () => {
    const t0 = card([{ fid: DG2, data: FILE_20K }], { responseChunk: 64 })
    const sim = new SimulatedLink(t0)
    const link = recording(sim)
    const channel = new ApduChannel(link)
    await selectApplication(channel, EMRTD_AID)
    expect(bytesEqual(await readFile(channel, DG2), FILE_20K)).toBe(true)
    expect(link.ins.filter((ins) => ins === 0xc0).length).toBeGreaterThan(90)
  })

  it('follows 6Cxx when the file is shorter than the header read', async () => {
    const tiny = Uint8Array.of(0x01, 0x01, 0xaa)
    const sim = new SimulatedLink(
      card([{ fid: 0x0101, data: tiny }], { shortReadStatus: 'wrong-le' }),
    )
    const link = recording(sim)
    const channel = new ApduChannel(link)
    await selectApplication(channel, EMRTD_AID)
    expect(await readFile(channel, 0x0101)).toEqual(tiny)
    expect(link.ins).toEqual([0xa4, 0xa4, 0xb0, 0xb0]) // SELECT AID, SELECT EF, 6C03, resend
  })

  it('continues after answers cut short by the card', async () => {
    const faulty = new FaultyCard(card([{ fid: DG2, data: FILE_20K }]))
    const { link, channel } = await openApp(faulty)
    faulty.arm({ truncateResponse: { keep: 100, times: 5, match: (c) => c[1] === 0xb0 } })
    const before = link.stats.apdus
    expect(bytesEqual(await readFile(channel, DG2), FILE_20K)).toBe(true)
    expect(link.stats.apdus - before).toBeGreaterThan(2 + Math.ceil(20_000 / DEFAULT_SHORT_CHUNK))
  })

  it('fails with MALFORMED_RESPONSE when the status word itself is lost', async () => {
    const faulty = new FaultyCard(card([{ fid: DG2, data: FILE_20K }]))
    const { channel } = await openApp(faulty)
    faulty.arm({ truncateResponse: { keep: 1, keepStatus: false, fromApdu: 3 } })
    const error = (await readFile(channel, DG2).catch((e) => e)) as CardError
    expect(error).toBeInstanceOf(CardError)
    expect(error.code).toBe('MALFORMED_RESPONSE')
  })

  it('fails with CardRemovedError when the card leaves mid-file, and stays removed', async () => {
    const faulty = new FaultyCard(card([{ fid: DG2, data: FILE_20K }]))
    const { link, channel } = await openApp(faulty)
    faulty.arm({ removeAfterFileBytes: { fid: DG2, bytes: 10_000 } })
    let last = 0
    const error = await readFile(channel, DG2, { onProgress: (n) => (last = n) }).catch((e) => e)
    expect(error).toBeInstanceOf(CardRemovedError)
    expect(last).toBeGreaterThan(9_000)
    expect(last).toBeLessThanOrEqual(10_000)
    await expect(link.transmit(Uint8Array.of(0, 0xa4, 0, 0x0c))).rejects.toBeInstanceOf(
      CardRemovedError,
    )
  })

  it('times out on a mute card, breaks the link, and recovers after a reset', async () => {
    const timeouts = manualTimeouts()
    const faulty = new FaultyCard(card([{ fid: DG2, data: FILE_20K }]))
    const { link, channel } = await openApp(faulty, { schedule: timeouts.schedule })
    faulty.arm({ silence: { fromApdu: 5, times: 1 } })
    // Each exchange arms a deadline and cancels it on the answer. openApp's SELECT armed the
    // first; the mute fifth exchange of the read is the sixth. Once it is armed, the four before
    // it have answered, so exactly one deadline is still pending.
    const reading = readFile(channel, DG2)
    await timeouts.armed(6)
    expect(timeouts.pending()).toBe(1)
    timeouts.fireAll()
    const error = await reading.catch((e) => e)
    expect(error).toBeInstanceOf(TimeoutError)

    const broken = (await link
      .transmit(Uint8Array.of(0, 0xa4, 0, 0x0c))
      .catch((e) => e)) as CardError
    expect(broken.code).toBe('LINK_BROKEN')
    await link.reset()
    await selectApplication(channel, EMRTD_AID)
    expect(bytesEqual(await readFile(channel, DG2), FILE_20K)).toBe(true)
  })

  it('rejects a file shorter than its header and a header claiming too much', async () => {
    const short = Uint8Array.from([0x75, 0x82, 0x01, 0xf4, ...pattern(300)])
    const huge = Uint8Array.from([0x75, 0x84, ...uintBytes(16 << 20, 4), 1, 2, 3])
    const { link, channel } = await openApp(
      card([
        { fid: 0x0101, data: short },
        { fid: 0x0102, data: huge },
      ]),
    )
    const before = link.stats.apdus
    const truncated = (await readFile(channel, 0x0101).catch((e) => e)) as CardError
    expect(truncated.code).toBe('FILE_TRUNCATED')
    expect(truncated.detail).toBe('EF 0101: 304 of 504 bytes')
    // SELECT, header, 223 bytes, then 77 bytes with 6282: no read past the announced end.
    expect(link.stats.apdus - before).toBe(4)
    const tooLarge = (await readFile(channel, 0x0102).catch((e) => e)) as CardError
    expect(tooLarge.code).toBe('FILE_TOO_LARGE')
  })

  it('surfaces access refusals and missing files as StatusWordError', async () => {
    const { channel } = await openApp(
      card([{ fid: 0x0101, data: tlv(0x61, pattern(10)), read: NEEDS_SECURE_MESSAGING }]),
    )
    const denied = (await readFile(channel, 0x0101).catch((e) => e)) as StatusWordError
    expect(denied).toBeInstanceOf(StatusWordError)
    expect(denied.status).toBe('SECURITY_STATUS_NOT_SATISFIED')
    const missing = (await readFile(channel, 0x010d).catch((e) => e)) as StatusWordError
    expect(missing.status).toBe('FILE_NOT_FOUND')
  })

  it('returns an empty array for an empty file and skips SELECT when given an SFI', async () => {
    const com = tlv(0x60, pattern(20))
    const { link, channel } = await openApp(
      card([
        { fid: 0x010d, data: new Uint8Array(0) },
        { fid: 0x011e, sfi: 0x1e, data: com },
      ]),
    )
    expect(await readFile(channel, 0x010d)).toEqual(new Uint8Array(0))
    const before = link.stats.apdus
    expect(await readFile(channel, 0x011e, { sfi: 0x1e })).toEqual(com)
    expect(link.stats.apdus - before).toBe(2) // no SELECT: the header, then the rest
  })
})
