import { describe, expect, it } from 'vitest'
import {
  auditCheckpointHash,
  publicKeyToBase64,
  signAuditAck,
  type AuditCheckpointsRequest,
} from '../../../protocol'
import { createAuditCheckpointer, createAuditLog, withCheckpoints } from '../audit'
import { auditTestKeys, steppingClock } from '../audit/test-helpers'
import { silentLogger } from '../log'
import { databaseAtVersion } from '../store/test-helpers'
import type { TerminalRegistration } from '../store'
import { shipAuditCheckpoints } from './audit-shipper'
import type { UpstreamClient } from './client'
import { UpstreamRequestError } from './upstream-error'

const { terminal, upstreamSigning } = auditTestKeys

const registration: TerminalRegistration = {
  terminalId: 'station-1',
  keyId: terminal.keyId,
  upstreamId: 'upstream-1',
  upstreamUrl: null,
  encryptionKeyId: auditTestKeys.upstream.keyId,
  encryptionPublicKey: publicKeyToBase64(auditTestKeys.upstream.publicKey),
  signingKeyId: upstreamSigning.keyId,
  signingPublicKey: publicKeyToBase64(upstreamSigning.publicKey),
  registeredAt: '2026-11-26T07:00:00.000Z',
}

function station(entries: number) {
  const db = databaseAtVersion()
  const now = steppingClock()
  const checkpointer = createAuditCheckpointer(db, {
    terminalId: 'station-1',
    key: terminal,
    settings: { checkpointEvery: 3 },
    now,
  })
  const log = withCheckpoints(createAuditLog(db, now), checkpointer)
  for (let i = 0; i < entries; i++) log.append({ actor: 'system', action: 'test.step' })
  return { checkpointer, now }
}

/** An upstream that acknowledges the last checkpoint of each request, signed with `key`. */
function acknowledgingClient(sent: AuditCheckpointsRequest[], key = upstreamSigning) {
  const client: Pick<UpstreamClient, 'auditCheckpoints'> = {
    auditCheckpoints: (request) => {
      sent.push(request)
      const last = request.checkpoints.at(-1)
      if (!last) throw new Error('empty request')
      const ack = signAuditAck(
        {
          terminalId: last.terminalId,
          seq: last.seq,
          head: last.head,
          checkpointHash: auditCheckpointHash(last),
          at: '2026-11-26T09:00:00.000Z',
        },
        key.privateKey,
        key.keyId,
      )
      return Promise.resolve({ ack })
    },
  }
  return client as UpstreamClient
}

function refusingClient(error: UpstreamRequestError): UpstreamClient {
  return { auditCheckpoints: () => Promise.reject(error) } as Pick<
    UpstreamClient,
    'auditCheckpoints'
  > as UpstreamClient
}

describe('audit checkpoint shipping', () => {
  it('sends the unacknowledged checkpoints, keeps the verified ack, and sends nothing twice', async () => {
    const { checkpointer, now } = station(7)
    const sent: AuditCheckpointsRequest[] = []
    const client = acknowledgingClient(sent)
    const deps = { checkpointer, client, registration, now, log: silentLogger }
    expect(await shipAuditCheckpoints(deps)).toEqual({
      kind: 'shipped',
      acknowledgedSeq: 6,
      sent: 2,
    })
    expect(sent[0]?.checkpoints.map((cp) => cp.seq)).toEqual([3, 6])
    // The wire form has no local public-key column (the schema is strict upstream).
    expect(sent[0]?.checkpoints[0]).not.toHaveProperty('publicKey')
    expect(checkpointer.anchors.newestAck()?.seq).toBe(6)
    expect(await shipAuditCheckpoints(deps)).toEqual({
      kind: 'shipped',
      acknowledgedSeq: 6,
      sent: 0,
    })
    expect(sent).toHaveLength(1)
  })

  it('refuses an ack not signed by the registered upstream and stores nothing', async () => {
    const { checkpointer, now } = station(3)
    const client = acknowledgingClient([], terminal)
    const result = await shipAuditCheckpoints({
      checkpointer,
      client,
      registration,
      now,
      log: silentLogger,
    })
    expect(result).toMatchObject({ kind: 'failed', error: 'acknowledgement signed by another key' })
    expect(checkpointer.anchors.newestAck()).toBeUndefined()
  })

  it('treats a 404 (an upstream without the route) as unsupported, not as a failure', async () => {
    const { checkpointer, now } = station(3)
    const notFound = new UpstreamRequestError('http', 'permanent', 'no route', 404, 'not_found')
    const client = refusingClient(notFound)
    const deps = { checkpointer, client, registration, now, log: silentLogger }
    expect(await shipAuditCheckpoints(deps)).toEqual({ kind: 'unsupported' })
  })

  it('reports a gap refusal with its code and does not throw', async () => {
    const { checkpointer, now } = station(3)
    const gap = new UpstreamRequestError('http', 'permanent', 'gap', 409, 'audit_gap')
    const client = refusingClient(gap)
    const deps = { checkpointer, client, registration, now, log: silentLogger }
    expect(await shipAuditCheckpoints(deps)).toMatchObject({ kind: 'failed', code: 'audit_gap' })
  })
})
