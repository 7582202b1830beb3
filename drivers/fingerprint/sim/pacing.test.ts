import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../transport/clock'
import { PacedLink, uartBytesPerSecond } from './pacing'

function link(bytesPerSecond: number, tickMs = 1) {
  const clock = new VirtualClock()
  const arrivals: { at: number; bytes: number }[] = []
  const paced = new PacedLink({
    clock,
    bytesPerSecond,
    tickMs,
    deliver: (chunk) => arrivals.push({ at: clock.now(), bytes: chunk.length }),
  })
  return { clock, paced, arrivals }
}

describe('PacedLink', () => {
  it('delivers no byte before its last bit could have arrived (57600 baud, 8N1)', async () => {
    const { clock, paced, arrivals } = link(uartBytesPerSecond(57600))
    paced.send(new Uint8Array(5760))
    await clock.advance(500)
    expect(arrivals.reduce((n, a) => n + a.bytes, 0)).toBe(2880)
    await clock.advance(600)
    expect(arrivals.reduce((n, a) => n + a.bytes, 0)).toBe(5760)
    expect(arrivals.at(-1)!.at).toBe(1000)
  })

  it('queues a second send behind the first, and keeps the rate across a late timer', async () => {
    const { clock, paced, arrivals } = link(1000, 50)
    paced.send(new Uint8Array(100))
    paced.send(new Uint8Array(100))
    await clock.advance(1000)
    expect(arrivals.reduce((n, a) => n + a.bytes, 0)).toBe(200)
    expect(arrivals.at(-1)!.at).toBe(200)
    // A coarse tick delivers in bursts of 50 ms worth, never ahead of time.
    expect(arrivals.every((a) => a.bytes <= 50)).toBe(true)
  })

  it('tells when everything sent so far has arrived, and drops it all on clear()', async () => {
    const { clock, paced, arrivals } = link(1000)
    let idleAt = -1
    paced.send(new Uint8Array(20))
    paced.afterDelivered(() => (idleAt = clock.now()))
    await clock.advance(100)
    expect(idleAt).toBe(20)
    paced.send(new Uint8Array(50))
    await clock.advance(10)
    paced.clear()
    await clock.advance(100)
    expect(arrivals.reduce((n, a) => n + a.bytes, 0)).toBe(30)
    expect(paced.queued).toBe(0)
  })

  it('delivers at once (asynchronously) when unpaced', async () => {
    const { paced, arrivals } = link(Infinity)
    paced.send(new Uint8Array(3))
    expect(arrivals).toHaveLength(0)
    await Promise.resolve()
    expect(arrivals).toEqual([{ at: 0, bytes: 3 }])
  })
})
