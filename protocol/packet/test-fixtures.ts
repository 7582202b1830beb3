import { createHash } from 'node:crypto'
import { generateTerminalKeyPair, generateUpstreamKeyPair, type RandomBytes } from './keys'
import type { BuildPacketInput } from './packet'

/** Deterministic bytes from a seed: a SHA-256 counter stream. For tests and benchmarks only. */
export function seededRandom(seed: string): RandomBytes {
  let counter = 0
  return (size) => {
    const out = Buffer.alloc(size)
    for (let at = 0; at < size; at += 32) {
      createHash('sha256').update(`${seed}:${counter++}`).digest().copy(out, at)
    }
    return out
  }
}

export function testKeys(seed = 'keys') {
  const random = seededRandom(seed)
  const terminal = generateTerminalKeyPair(random)
  const upstream = generateUpstreamKeyPair(random)
  return {
    terminal,
    upstream,
    build: {
      terminalPrivateKey: terminal.privateKey,
      terminalPublicKey: terminal.publicKey,
      upstreamPublicKey: upstream.publicKey,
    },
  }
}

export function samplePacketInput(overrides: Partial<BuildPacketInput> = {}): BuildPacketInput {
  return {
    fileId: '8a6e0804-2bd0-4672-b79a-4d4a1e0e1f40',
    terminalId: 'terminal-1',
    stationId: 'station-1',
    officerId: 'officer-7',
    startedAt: '2026-11-26T08:00:00.000Z',
    submittedAt: '2026-11-26T08:09:00.000Z',
    software: { name: 'vneid-enrollment-kiosk', version: '0.1.0' },
    simulated: true,
    parts: [
      {
        name: 'chip/EF.SOD',
        kind: 'chip.sod',
        mediaType: 'application/octet-stream',
        data: Buffer.from('sod'),
      },
      {
        name: 'chip/DG1',
        kind: 'chip.dg',
        mediaType: 'application/octet-stream',
        data: Buffer.from('dg1'),
      },
      {
        name: 'portrait',
        kind: 'portrait',
        mediaType: 'image/jpeg',
        data: Buffer.alloc(1000, 7),
        placeholder: true,
      },
      {
        name: 'consent',
        kind: 'consent',
        mediaType: 'application/json',
        data: Buffer.from('{"agreed":true}'),
      },
    ],
    ...overrides,
  }
}
