import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  AUDIT_CHECKPOINTS_PATH,
  auditCheckpointHash,
  AuditCheckpointsResponseSchema,
  ErrorBodySchema,
  GENESIS_CHECKPOINT_HASH,
  signAuditCheckpoint,
  verifyAuditAck,
  type AuditCheckpoint,
  type ErrorCode,
} from '../../../protocol'
import { parse } from '../../../lib/schema'
import { readUpstreamStats } from '../upstream'
import {
  registerTerminal,
  signedInject,
  testTerminal,
  testUpstream,
  type TestTerminal,
} from '../test-support'

let env: Awaited<ReturnType<typeof testUpstream>>
let terminal: TestTerminal

beforeEach(async () => {
  env = await testUpstream()
  terminal = testTerminal()
  await registerTerminal(env.upstream, terminal)
})
afterEach(() => env.cleanup())

const head = (n: number) => n.toString(16).padStart(64, '0')

/** Checkpoints at `seqs`, each chained to the one before, signed by `by`. */
function chain(seqs: number[], by: TestTerminal = terminal, prev = GENESIS_CHECKPOINT_HASH) {
  const out: AuditCheckpoint[] = []
  for (const seq of seqs) {
    const cp = signAuditCheckpoint(
      {
        terminalId: by.terminalId,
        keyId: by.keys.keyId,
        seq,
        head: head(seq),
        count: seq,
        at: '2026-11-26T08:00:00.000Z',
        prevCheckpoint: prev,
      },
      by.keys.privateKey,
    )
    out.push(cp)
    prev = auditCheckpointHash(cp)
  }
  return out
}

const send = (checkpoints: AuditCheckpoint[], as: TestTerminal = terminal) =>
  signedInject(env.upstream, as, {
    method: 'POST',
    path: AUDIT_CHECKPOINTS_PATH,
    json: { checkpoints },
  })

async function refusal(checkpoints: AuditCheckpoint[], status: number, code: ErrorCode) {
  const response = await send(checkpoints)
  expect(response.statusCode, response.body).toBe(status)
  expect(parse(ErrorBodySchema, response.json()).error.code).toBe(code)
}

const flags = async () => (await readUpstreamStats(env.dataDir, env.database))?.auditFlags

describe('POST /v1/audit/checkpoints', () => {
  it('stores a chain of checkpoints and answers an ack signed with its signing key', async () => {
    const checkpoints = chain([200, 400])
    const response = await send(checkpoints)
    expect(response.statusCode, response.body).toBe(200)
    const { ack } = parse(AuditCheckpointsResponseSchema, response.json())
    expect(ack).toMatchObject({
      terminalId: terminal.terminalId,
      seq: 400,
      head: head(400),
      checkpointHash: auditCheckpointHash(checkpoints[1] as AuditCheckpoint),
      keyId: env.upstream.keys.signing.keyId,
    })
    expect(verifyAuditAck(ack, env.upstream.keys.signing.publicKey)).toBe(true)
    // The same again is no error: it is already held.
    expect((await send(checkpoints)).statusCode).toBe(200)
    expect(await flags()).toBe(0)
  })

  it('refuses a checkpoint not signed by the registered key, without a flag', async () => {
    const [forged] = chain([200], testTerminal(terminal.terminalId, 'another key'))
    await refusal([forged as AuditCheckpoint], 422, 'audit_checkpoint_invalid')
    const [cp] = chain([200])
    await refusal([{ ...(cp as AuditCheckpoint), head: head(7) }], 422, 'audit_checkpoint_invalid')
    expect(await flags()).toBe(0)
  })

  it('flags and refuses a gap: a checkpoint that does not follow the last held', async () => {
    const [first, , third] = chain([200, 400, 600])
    expect((await send([first as AuditCheckpoint])).statusCode).toBe(200)
    await refusal([third as AuditCheckpoint], 409, 'audit_gap')
    expect(await flags()).toBe(1)
  })

  it('flags and refuses a rewrite: another head at a seq already held', async () => {
    expect((await send(chain([200, 400]))).statusCode).toBe(200)
    const rewritten = chain([200]).map((cp) =>
      signAuditCheckpoint({ ...cp, head: head(9) }, terminal.keys.privateKey),
    )
    await refusal(rewritten, 409, 'audit_rewrite')
    // And a branch from an older held checkpoint.
    const [first] = chain([200])
    const branch = chain([500], terminal, auditCheckpointHash(first as AuditCheckpoint))
    await refusal(branch, 409, 'audit_rewrite')
    expect(await flags()).toBe(2)
  })

  it('refuses a request that is not signed', async () => {
    const response = await env.upstream.app.inject({
      method: 'POST',
      url: AUDIT_CHECKPOINTS_PATH,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ checkpoints: chain([200]) }),
    })
    expect(response.statusCode).toBe(401)
  })
})
