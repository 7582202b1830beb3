import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodePacket, ef01Checksum, encodePacket, MAX_PAYLOAD, PID, type Pid } from './codec'
import { Ef01FrameError } from './errors'
import { INSTRUCTION } from './instructions'
import { Ef01PacketReader } from './packet-reader'

const bytes = (hex: string) => new Uint8Array(Buffer.from(hex.replace(/\s+/g, ''), 'hex'))
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase()
const ADDRESS = 0xffffffff

describe('EF01 codec: the worked examples of the research note', () => {
  it.each([
    ['GenImg', PID.COMMAND, [INSTRUCTION.GEN_IMG], 'EF01FFFFFFFF010003010005'],
    ['successful ack', PID.ACK, [0x00], 'EF01FFFFFFFF07000300000A'],
    ['UpImage', PID.COMMAND, [INSTRUCTION.UP_IMAGE], 'EF01FFFFFFFF0100030A000E'],
    [
      'VfyPwd 0',
      PID.COMMAND,
      [INSTRUCTION.VFY_PWD, 0, 0, 0, 0],
      'EF01FFFFFFFF01000713000000 00001B',
    ],
    ['TemplateNum (manual: 01H 0003H 1dH 0021H)', PID.COMMAND, [0x1d], 'EF01FFFFFFFF0100031D0021'],
  ])('%s', (_name, pid, payload, wire) => {
    const encoded = encodePacket({
      address: ADDRESS,
      pid: pid as Pid,
      payload: Uint8Array.from(payload),
    })
    expect(hexOf(encoded)).toBe(wire.replace(/\s+/g, ''))
    const decoded = decodePacket(bytes(wire))
    expect(decoded?.size).toBe(encoded.length)
    expect(decoded?.packet).toEqual({ address: ADDRESS, pid, payload: Uint8Array.from(payload) })
  })

  it('computes the checksum over PID, length and payload only, modulo 2^16', () => {
    expect(ef01Checksum(0x01, Uint8Array.of(0x01))).toBe(0x0005)
    const payload = new Uint8Array(300).fill(0xff)
    expect(ef01Checksum(0x02, payload)).toBe((0x02 + 0x01 + 0x2e + 300 * 0xff) & 0xffff)
  })

  it('encodes a non-default address big-endian', () => {
    const wire = encodePacket({ address: 0x12345678, pid: PID.COMMAND, payload: Uint8Array.of(1) })
    expect(hexOf(wire)).toBe('EF0112345678010003010005')
  })

  it('asks for more bytes while a packet is incomplete', () => {
    const wire = bytes('EF01FFFFFFFF07000300000A')
    for (let n = 0; n < wire.length; n++) expect(decodePacket(wire.subarray(0, n))).toBeNull()
  })

  it.each([
    ['bad-header', 'EE01FFFFFFFF07000300000A'],
    ['bad-header', 'EF02FFFFFFFF07000300000A'],
    ['bad-pid', 'EF01FFFFFFFF03000300000A'],
    ['bad-length', 'EF01FFFFFFFF070001000A'],
    ['bad-length', 'EF01FFFFFFFF07FFFF00000A'],
    ['bad-checksum', 'EF01FFFFFFFF07000300000B'],
  ])('rejects %s with a typed frame error', (kind, wire) => {
    try {
      decodePacket(bytes(wire))
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(Ef01FrameError)
      expect((error as Ef01FrameError).kind).toBe(kind)
    }
  })
})

describe('EF01 packet reader', () => {
  const ack = bytes('EF01FFFFFFFF07000300000A')
  const genImg = bytes('EF01FFFFFFFF010003010005')

  it('skips the R503 ready byte and noise before a header', () => {
    const events = new Ef01PacketReader().push(new Uint8Array([0x55, 0x00, ...ack]))
    expect(events.map((e) => e.kind)).toEqual(['skipped', 'packet'])
    expect(events[0]).toMatchObject({ kind: 'skipped', bytes: Uint8Array.of(0x55, 0x00) })
  })

  it('reassembles packets split at every possible point', () => {
    const stream = new Uint8Array([...ack, ...genImg])
    for (let cut = 0; cut <= stream.length; cut++) {
      const reader = new Ef01PacketReader()
      const events = [...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))]
      expect(events.filter((e) => e.kind === 'packet')).toHaveLength(2)
      expect(reader.buffered).toBe(0)
    }
  })

  it('drops a packet with a bad checksum whole and keeps the next one', () => {
    const broken = ack.slice()
    broken[broken.length - 1] = broken[broken.length - 1]! ^ 0xff
    const events = new Ef01PacketReader().push(new Uint8Array([...broken, ...genImg]))
    expect(events.map((e) => e.kind)).toEqual(['error', 'packet'])
    expect(events[1]).toMatchObject({ packet: { pid: PID.COMMAND } })
  })

  // Found by npm run fuzz (ef01-packets): 512 KB of `EF 01` noise threw and kept one error per
  // byte, 2.4 s in all. A run of false headers is one error now, and the packet after it is read.
  it('reports a run of false headers once, then reads the packet that follows', () => {
    const noise = new Uint8Array(256 * 1024 * 2).map((_, i) => (i % 2 === 0 ? 0xef : 0x01))
    const events = new Ef01PacketReader().push(new Uint8Array([...noise, ...ack]))
    const errors = events.filter((e) => e.kind === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ error: { kind: 'bad-pid' } })
    expect(events.at(-1)).toMatchObject({ kind: 'packet', packet: { pid: PID.ACK } })
  })
})

describe('EF01 codec fuzzing', () => {
  const packetArb = fc.record({
    address: fc.integer({ min: 0, max: 0xffffffff }),
    pid: fc.constantFrom<Pid>(PID.COMMAND, PID.DATA, PID.ACK, PID.END_DATA),
    payload: fc.uint8Array({ maxLength: MAX_PAYLOAD }),
  })

  it('round-trips every packet', () => {
    fc.assert(
      fc.property(packetArb, (packet) => {
        const wire = encodePacket(packet)
        expect(decodePacket(wire)).toEqual({ packet, size: wire.length })
      }),
    )
  })

  it('throws nothing but Ef01FrameError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (junk, withHeader) => {
        const input = withHeader ? new Uint8Array([0xef, 0x01, ...junk]) : junk
        try {
          decodePacket(input)
        } catch (error) {
          if (!(error instanceof Ef01FrameError)) throw error
        }
      }),
    )
  })

  it('finds the same packets however the stream is chunked, with noise in between', () => {
    fc.assert(
      fc.property(
        fc.array(packetArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        fc.uint8Array({ maxLength: 8 }).filter((n) => !n.includes(0xef)),
        (packets, cuts, noise) => {
          const wire = packets.flatMap((p) => [...noise, ...encodePacket(p)])
          const reader = new Ef01PacketReader()
          const found: unknown[] = []
          let at = 0
          for (let i = 0; at < wire.length; i++) {
            const n = cuts[i % cuts.length]!
            for (const e of reader.push(Uint8Array.from(wire.slice(at, at + n)))) {
              if (e.kind === 'packet') found.push(e.packet)
            }
            at += n
          }
          expect(found).toEqual(packets)
        },
      ),
    )
  })

  it('never throws on arbitrary chunks fed to the reader', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 10 }), (chunks) => {
        const reader = new Ef01PacketReader()
        for (const c of chunks) reader.push(c)
        expect(reader.buffered).toBeLessThanOrEqual(MAX_PAYLOAD + 11)
      }),
    )
  })
})
