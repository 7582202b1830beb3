import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MultipartReader } from './multipart'

const part = (body: Buffer, withLength = true) =>
  Buffer.concat([
    Buffer.from(
      `--B\r\nContent-Type: image/png\r\n${withLength ? `Content-Length: ${body.length}\r\n` : ''}\r\n`,
    ),
    body,
    Buffer.from('\r\n'),
  ])

function readAll(wire: Buffer, step: (i: number) => number): string[] {
  const reader = new MultipartReader('B')
  const bodies: string[] = []
  for (let at = 0, i = 0; at < wire.length; i++) {
    const size = Math.max(1, step(i))
    bodies.push(
      ...reader.push(wire.subarray(at, at + size)).map((p) => Buffer.from(p.body).toString('hex')),
    )
    at += size
  }
  return bodies
}

describe('MultipartReader', () => {
  // Found by npm run fuzz (sbi-stream): each push copied the whole buffer and searched it from the
  // start again, so a frame trickling in byte by byte cost time quadratic in its size (a 128 KB
  // frame took 2.2 s, 512 KB 50 s, on the main process).
  it('takes a large frame arriving one byte at a time in linear time', () => {
    const frame = Buffer.alloc(256 * 1024, 0x5a)
    const wire = Buffer.concat([
      part(frame),
      part(Buffer.from('next'), false),
      Buffer.from('--B\r\n'),
    ])
    const started = performance.now()
    const bodies = readAll(wire, () => 1)
    expect(performance.now() - started).toBeLessThan(5000)
    expect(bodies).toEqual([frame.toString('hex'), Buffer.from('next').toString('hex')])
  })

  it('gives the same parts however the stream is cut, with and without Content-Length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 80 }), fc.boolean()), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.uint8Array({ maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 10 }),
        (parts, garbage, steps) => {
          // Parts without a length end at the next delimiter, so their bodies must not hold one.
          const safe = parts.map(([b, l]) => [Buffer.from(b).toString('hex'), l] as const)
          const wire = Buffer.concat([
            Buffer.from(garbage.filter((b) => b !== 0x2d)),
            ...safe.map(([hex, l]) => part(Buffer.from(hex, 'latin1'), l)),
            Buffer.from('--B\r\n'),
          ])
          const whole = readAll(wire, () => wire.length)
          expect(readAll(wire, (i) => steps[i % steps.length] ?? 1)).toEqual(whole)
          expect(whole).toEqual(safe.map(([hex]) => Buffer.from(hex, 'latin1').toString('hex')))
        },
      ),
    )
  })

  it('drops garbage beyond 16 MB without a delimiter, then reads the next part', () => {
    const reader = new MultipartReader('B')
    for (let i = 0; i < 17; i++) expect(reader.push(Buffer.alloc(1024 * 1024, 0x41))).toEqual([])
    const parts = reader.push(part(Buffer.from('ok')))
    expect(parts.map((p) => Buffer.from(p.body).toString())).toEqual(['ok'])
  })
})
