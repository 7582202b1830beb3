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
  type AuditAck,
  type AuditCheckpoint,
} from '../../../protocol'
import { generateTerminalKeyPair } from '../../../protocol/packet'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { wholeJson } from '../engine/json-mutate'
import { randomText } from '../engine/generators'
import { instanceOfAny, type FuzzTarget } from '../engine/target'

const utf8 = new TextDecoder('utf-8')
const text = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value), 'utf8'))
const JSON_ALPHABET = '{}[]":,0123456789abcdef-TZ.ackheadseqsignaturecheckpointsterminalIdkeyId '

function genuineCheckpoints() {
  const terminal = generateTerminalKeyPair(seededRandom('fuzz-audit-terminal'))
  const first = signAuditCheckpoint(
    {
      terminalId: 'terminal-fuzz',
      keyId: terminal.keyId,
      seq: 200,
      head: 'a'.repeat(64),
      count: 200,
      at: '2026-11-26T08:00:00.000Z',
      prevCheckpoint: GENESIS_CHECKPOINT_HASH,
    },
    terminal.privateKey,
  )
  const second = signAuditCheckpoint(
    {
      ...first,
      seq: 400,
      count: 400,
      head: 'b'.repeat(64),
      prevCheckpoint: auditCheckpointHash(first),
    },
    terminal.privateKey,
  )
  return { terminal, checkpoints: [first, second] }
}

/** Input: a POST /v1/audit/checkpoints body as the upstream receives it (JSON text). */
export const auditCheckpointBodies: FuzzTarget = {
  name: 'audit-checkpoint-bodies',
  parses:
    "parseAuditCheckpointsRequest + verifyAuditCheckpoint (a terminal's signed audit checkpoints as the upstream receives them)",
  typedErrors: 'SyntaxError (not JSON); a refusal is a value, never thrown',
  setup: () => {
    const { terminal, checkpoints } = genuineCheckpoints()
    const genuine = new Set(checkpoints.map((cp) => auditCheckpointBytes(cp).toString('hex')))
    return {
      seeds: [
        text({ checkpoints }),
        text({ checkpoints: checkpoints.slice(0, 1) }),
        text({ checkpoints: [{ ...checkpoints[0], seq: 0 }] }),
      ],
      generated: randomText(JSON_ALPHABET, 600),
      structure: { tlv: false, json: wholeJson, dictionary: ['"seq":', '"head":', '"signature":'] },
      mode: 'sync',
      execute: (input) => {
        const parsed = parseAuditCheckpointsRequest(JSON.parse(utf8.decode(input)))
        if (!parsed.ok) return []
        return parsed.value.checkpoints.filter((cp) =>
          verifyAuditCheckpoint(cp, terminal.publicKey),
        )
      },
      isTyped: instanceOfAny(SyntaxError),
      // A checkpoint verifies only when its signed fields are exactly a genuine one's.
      checkResult: (result) => {
        for (const cp of result as AuditCheckpoint[])
          if (!genuine.has(auditCheckpointBytes(cp).toString('hex')))
            return `accepted a checkpoint at ${cp.seq} that was never signed`
        return null
      },
    }
  },
}

/** Input: the upstream's answer body as the kiosk receives it (JSON text). */
export const auditAckBodies: FuzzTarget = {
  name: 'audit-ack-bodies',
  parses:
    "parseAuditCheckpointsResponse + verifyAuditAck (the upstream's signed acknowledgement of audit checkpoints, as the kiosk receives it)",
  typedErrors: 'SyntaxError (not JSON); a refusal is a value, never thrown',
  setup: () => {
    const upstream = generateTerminalKeyPair(seededRandom('fuzz-audit-upstream'))
    const ack: AuditAck = signAuditAck(
      {
        terminalId: 'terminal-fuzz',
        seq: 400,
        head: 'b'.repeat(64),
        checkpointHash: 'c'.repeat(64),
        at: '2026-11-26T08:00:01.000Z',
      },
      upstream.privateKey,
      upstream.keyId,
    )
    const same = (a: AuditAck) =>
      (Object.keys(ack) as (keyof AuditAck)[]).every((key) => a[key] === ack[key])
    return {
      seeds: [
        text({ ack }),
        text({ ack: { ...ack, seq: 401 } }),
        text({ ack: { ...ack, extra: 1 } }),
      ],
      generated: randomText(JSON_ALPHABET, 400),
      structure: { tlv: false, json: wholeJson, dictionary: ['"ack":', '"seq":', '"keyId":'] },
      mode: 'sync',
      execute: (input) => {
        const parsed = parseAuditCheckpointsResponse(JSON.parse(utf8.decode(input)))
        if (!parsed.ok) return null
        return verifyAuditAck(parsed.value.ack, upstream.publicKey) ? parsed.value.ack : null
      },
      isTyped: instanceOfAny(SyntaxError),
      checkResult: (result) =>
        result === null || same(result as AuditAck)
          ? null
          : 'accepted an ack that was never signed',
    }
  },
}
