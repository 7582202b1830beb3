import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CR, createFramer, encodeScan, type FrameEvent } from './framer'

const QR = '001099012345|123456789|Nguyễn Văn A|15031999|Nam|Số 1, Phường A, Hà Nội|01012021'
const bytes = (text: string) => new TextEncoder().encode(text)
const payloads = (events: FrameEvent[]) =>
  events.flatMap((e) => (e.kind === 'payload' ? [e.text] : []))

/** Splits `data` at the given cut points (any order, duplicates allowed). */
function chunked(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b)
  const chunks: Uint8Array[] = []
  let start = 0
  for (const point of [...points, data.length]) {
    chunks.push(data.slice(start, point))
    start = point
  }
  return chunks
}

describe('barcode framer', () => {
  it('frames a payload ended by CR, LF or CR LF, and a CR LF split across chunks is one end', () => {
    const framer = createFramer()
    expect(payloads(framer.push(encodeScan(QR, { terminator: 'CR' }), 0))).toEqual([QR])
    expect(payloads(framer.push(encodeScan('A', { terminator: 'LF' }), 1))).toEqual(['A'])
    expect(payloads(framer.push(bytes('B\r'), 2))).toEqual(['B'])
    // The LF completing "B\r" arrives in the next chunk: no empty payload in between.
    expect(framer.push(bytes('\nC\r\n'), 3)).toEqual([{ kind: 'payload', text: 'C' }])
    expect(framer.deadline()).toBeNull()
  })

  it('removes the configured prefix and suffix', () => {
    const framer = createFramer({ prefix: ']Q1', suffix: '#' })
    const scan = encodeScan(QR, { prefix: ']Q1', suffix: '#', terminator: 'CRLF' })
    expect(payloads(framer.push(scan, 0))).toEqual([QR])
    expect(framer.push(bytes(']Q1#\r'), 1)).toEqual([])
  })

  it('refuses invalid UTF-8 and keeps framing after it', () => {
    const framer = createFramer()
    const events = framer.push(Uint8Array.from([0x41, 0xc3, 0x28, CR, ...bytes('ok\r')]), 0)
    expect(events).toEqual([
      { kind: 'refused', reason: 'invalid-utf8', byteLength: 3 },
      { kind: 'payload', text: 'ok' },
    ])
  })

  it('refuses a line over the limit once, then frames the next line', () => {
    const framer = createFramer({ maxPayloadBytes: 8 })
    expect(framer.push(bytes('0123456789ABC'), 0)).toEqual([])
    expect(framer.push(bytes('DEF\rnext\r'), 1)).toEqual([
      { kind: 'refused', reason: 'too-long', byteLength: 16 },
      { kind: 'payload', text: 'next' },
    ])
    expect(payloads(framer.push(bytes('12345678\r'), 2))).toEqual(['12345678'])
  })

  it('gives up a payload whose terminator never came, at its deadline and not before', () => {
    const framer = createFramer({ idleTimeoutMs: 300 })
    framer.push(bytes('001099'), 1000)
    framer.push(bytes('0123'), 1100)
    expect(framer.deadline()).toBe(1400)
    expect(framer.expire(1399)).toEqual([])
    expect(framer.expire(1400)).toEqual([{ kind: 'refused', reason: 'incomplete', byteLength: 10 }])
    expect(framer.deadline()).toBeNull()
    expect(payloads(framer.push(bytes('X\r'), 1500))).toEqual(['X'])
  })

  it('forgets a partial payload on reset', () => {
    const framer = createFramer()
    framer.push(bytes('partial'), 0)
    framer.reset()
    expect(payloads(framer.push(bytes('whole\r'), 1))).toEqual(['whole'])
  })

  it('never throws, whatever bytes arrive in whatever chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 40 }),
        (chunks, max) => {
          const framer = createFramer({ maxPayloadBytes: max, idleTimeoutMs: 5 })
          let at = 0
          for (const chunk of chunks) {
            for (const event of framer.push(chunk, at)) {
              if (event.kind === 'payload') {
                expect(bytes(event.text).length).toBeLessThanOrEqual(max)
                expect(event.text).not.toMatch(/[\r\n]/)
              }
            }
            at += 3
            framer.expire(at)
          }
        },
      ),
    )
  })

  it('splits any framing of valid payloads back into them', () => {
    const payload = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .map((s) => s.replace(/[\r\n]/g, '').replace(/^\uFEFF+/, ''))
      .filter((s) => s !== '')
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            text: payload,
            terminator: fc.constantFrom<('CR' | 'LF' | 'CRLF')[]>('CR', 'LF', 'CRLF'),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(fc.nat(), { maxLength: 30 }),
        (scans, cuts) => {
          const stream = Uint8Array.from(scans.flatMap((s) => [...encodeScan(s.text, s)]))
          const framer = createFramer()
          const events = chunked(stream, cuts).flatMap((chunk, i) => framer.push(chunk, i))
          expect(events).toEqual(scans.map((s) => ({ kind: 'payload', text: s.text })))
        },
      ),
    )
  })
})
