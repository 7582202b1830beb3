import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  auditCheckpointBytes,
  auditCheckpointHash,
  GENESIS_CHECKPOINT_HASH,
  parseAuditCheckpointsRequest,
  parseAuditCheckpointsResponse,
  signAuditAck,
  signAuditCheckpoint,
  verifyAuditAck,
  verifyAuditCheckpoint,
  type AuditCheckpointFields,
} from './audit-checkpoint'
import { generateTerminalKeyPair } from './packet'
import { seededRandom } from './packet/test-fixtures'

const terminal = generateTerminalKeyPair(seededRandom('audit-checkpoint-terminal'))
const upstream = generateTerminalKeyPair(seededRandom('audit-checkpoint-upstream'))

const hex64 = fc.string({
  unit: fc.constantFrom(...'0123456789abcdef'),
  minLength: 64,
  maxLength: 64,
})
const seq = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })
const at = fc
  .integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString())
const fieldsArb: fc.Arbitrary<AuditCheckpointFields> = fc.record({
  terminalId: fc.constantFrom('terminal-1', 'station-7f3a'),
  keyId: fc.constant(terminal.keyId),
  seq,
  head: hex64,
  count: seq,
  at,
  prevCheckpoint: fc.oneof(fc.constant(GENESIS_CHECKPOINT_HASH), hex64),
})

describe('audit checkpoint bodies', () => {
  it('parses any JSON without throwing, and accepts only what the schema allows', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const request = parseAuditCheckpointsRequest(json)
        const response = parseAuditCheckpointsResponse(json)
        expect(typeof request.ok).toBe('boolean')
        expect(typeof response.ok).toBe('boolean')
        if (request.ok) expect(request.value.checkpoints.length).toBeGreaterThan(0)
      }),
    )
  })

  it('round-trips a signed checkpoint through JSON, and any one changed field breaks its signature', () => {
    fc.assert(
      fc.property(
        fieldsArb,
        fc.constantFrom('seq', 'head', 'count', 'at', 'prevCheckpoint'),
        (fields, key) => {
          const cp = signAuditCheckpoint(fields, terminal.privateKey)
          const parsed = parseAuditCheckpointsRequest(
            JSON.parse(JSON.stringify({ checkpoints: [cp] })),
          )
          expect(parsed.ok).toBe(true)
          if (!parsed.ok) return
          const [received] = parsed.value.checkpoints
          expect(received && verifyAuditCheckpoint(received, terminal.publicKey)).toBe(true)
          const changed =
            key === 'seq' || key === 'count'
              ? { ...cp, [key]: cp[key] === 1 ? 2 : cp[key] - 1 }
              : key === 'at'
                ? { ...cp, at: new Date(Date.parse(cp.at) + 1).toISOString() }
                : { ...cp, [key]: cp[key] === 'f'.repeat(64) ? 'e'.repeat(64) : 'f'.repeat(64) }
          expect(verifyAuditCheckpoint(changed, terminal.publicKey)).toBe(false)
          expect(auditCheckpointHash(changed)).not.toBe(auditCheckpointHash(cp))
        },
      ),
    )
  })

  it('verifies an ack only with the upstream key and only as signed', () => {
    fc.assert(
      fc.property(fieldsArb, at, (fields, ackAt) => {
        const ack = signAuditAck(
          {
            terminalId: fields.terminalId,
            seq: fields.seq,
            head: fields.head,
            checkpointHash: auditCheckpointHash(fields),
            at: ackAt,
          },
          upstream.privateKey,
          upstream.keyId,
        )
        const parsed = parseAuditCheckpointsResponse(JSON.parse(JSON.stringify({ ack })))
        expect(parsed.ok && verifyAuditAck(parsed.value.ack, upstream.publicKey)).toBe(true)
        expect(verifyAuditAck(ack, terminal.publicKey)).toBe(false)
        expect(
          verifyAuditAck({ ...ack, seq: ack.seq === 1 ? 2 : ack.seq - 1 }, upstream.publicKey),
        ).toBe(false)
      }),
    )
  })

  it('puts each field on its own line, so no two field lists sign the same bytes', () => {
    const fields = fc.sample(fieldsArb, 1)[0] as AuditCheckpointFields
    const lines = auditCheckpointBytes(fields).toString('utf8').split('\n')
    expect(lines).toEqual([
      'KIOSK-AUDIT-CHECKPOINT-V1',
      fields.terminalId,
      fields.keyId,
      String(fields.seq),
      fields.head,
      String(fields.count),
      fields.at,
      fields.prevCheckpoint,
    ])
  })
})
