import { describe, expect, it } from 'vitest'
import {
  auditCheckpointHash,
  generateTerminalKeyPair,
  GENESIS_CHECKPOINT_HASH,
  signAuditCheckpoint,
  verifyAuditAck,
  type AuditCheckpoint,
  type KeyPair,
} from '../../../../protocol'
import { seededRandom } from '../../../../protocol/packet/test-fixtures'
import {
  acceptAuditCheckpoints,
  type AuditAcceptContext,
  type AuditCheckpointRepository,
} from '../../audit/audit-checkpoints'
import type { AuthenticatedTerminal } from '../../context'
import { UpstreamError } from '../../errors'
import type { AsyncRepository } from '../async-repository'
import type { TerminalRepository } from '../terminals'

export type AuditCheckpoints = AsyncRepository<AuditCheckpointRepository>

/** One backend's audit tables and terminals (checkpoints reference a terminal). */
export interface AuditBackend {
  audit: AuditCheckpoints
  terminals: AsyncRepository<TerminalRepository>
}

export const upstreamSigning: KeyPair = generateTerminalKeyPair(seededRandom('upstream'))
export const acceptContext: AuditAcceptContext = {
  now: () => new Date('2026-12-01T09:00:00.000Z'),
  log: () => undefined,
  keys: { signing: upstreamSigning },
}

/** A terminal registered on `backend`, as the signed-request check hands it over. */
export async function registeredTerminal(
  backend: AuditBackend,
  terminalId = 'T-1',
): Promise<AuthenticatedTerminal & { keys: KeyPair }> {
  const keys = generateTerminalKeyPair(seededRandom(terminalId))
  const record = {
    terminalId,
    publicKey: keys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    keyId: keys.keyId,
    keyType: 'ed25519' as const,
    registeredAt: '2026-12-01T08:00:00.000Z',
  }
  await backend.terminals.upsert(record)
  return { record, publicKey: keys.publicKey, keys }
}

/** Checkpoints at `seqs`, each chained to the one before (`tag` makes a different history). */
export function checkpointChain(
  terminal: AuthenticatedTerminal & { keys: KeyPair },
  seqs: number[],
  prev = GENESIS_CHECKPOINT_HASH,
  tag = '0',
): AuditCheckpoint[] {
  return seqs.map((seq) => {
    const cp = signAuditCheckpoint(
      {
        terminalId: terminal.record.terminalId,
        keyId: terminal.keys.keyId,
        seq,
        head: `${tag}${seq.toString(16)}`.padStart(64, '0'),
        count: seq,
        at: '2026-12-01T08:30:00.000Z',
        prevCheckpoint: prev,
      },
      terminal.keys.privateKey,
    )
    prev = auditCheckpointHash(cp)
    return cp
  })
}

const codeOf = (answer: unknown) => (answer instanceof UpstreamError ? answer.code : 'ack')

/** What every backend's audit checkpoints must answer alike. */
export function auditContract(open: () => Promise<AuditBackend>): void {
  describe('audit checkpoints', () => {
    it('appends only at the end of the chain, and holds what it stored', async () => {
      const backend = await open()
      const { audit } = backend
      const terminal = await registeredTerminal(backend)
      const [one, two, three] = checkpointChain(terminal, [1, 2, 3])
      if (!one || !two || !three) throw new Error('three checkpoints expected')
      expect(await audit.last('T-1')).toBeUndefined()
      expect(await audit.append(two, 't')).toBe(false)
      expect(await audit.append(one, 't')).toBe(true)
      expect(await audit.append(one, 't')).toBe(false)
      expect(await audit.append(two, 't')).toBe(true)
      const held = { seq: 2, head: two.head, hash: auditCheckpointHash(two) }
      expect(await audit.last('T-1')).toEqual(held)
      expect(await audit.atSeq('T-1', 2)).toEqual(held)
      expect(await audit.byHash('T-1', auditCheckpointHash(one))).toMatchObject({ seq: 1 })
      expect(await audit.atSeq('T-1', 3)).toBeUndefined()
      expect(await audit.last('T-2')).toBeUndefined()
      await audit.flag('T-1', 'gap', 9, 'x', 't')
      expect(await audit.flagCount()).toBe(1)
    })

    it('acknowledges a chain, ignores what it holds, flags a gap and a rewrite', async () => {
      const backend = await open()
      const terminal = await registeredTerminal(backend)
      const take = (checkpoints: AuditCheckpoint[]) =>
        acceptAuditCheckpoints(acceptContext, backend.audit, terminal, { checkpoints })
      const chain = checkpointChain(terminal, [1, 2, 3, 4])
      const ack = await take(chain.slice(0, 3))
      if (ack instanceof UpstreamError) throw ack
      expect(ack).toMatchObject({
        seq: 3,
        checkpointHash: auditCheckpointHash(chain[2] as AuditCheckpoint),
      })
      expect(verifyAuditAck(ack, upstreamSigning.publicKey)).toBe(true)
      expect(codeOf(await take(chain))).toBe('ack')
      expect(codeOf(await take(checkpointChain(terminal, [6], 'f'.repeat(64))))).toBe('audit_gap')
      const fork = checkpointChain(
        terminal,
        [3],
        auditCheckpointHash(chain[1] as AuditCheckpoint),
        'a',
      )
      expect(codeOf(await take(fork))).toBe('audit_rewrite')
      expect(await backend.audit.flagCount()).toBe(2)
      expect(await backend.audit.last('T-1')).toMatchObject({ seq: 4 })
    })
  })
}
