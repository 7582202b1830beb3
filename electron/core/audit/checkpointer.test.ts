import { describe, expect, it } from 'vitest'
import {
  auditCheckpointHash,
  GENESIS_CHECKPOINT_HASH,
  verifyAuditCheckpoint,
} from '../../../protocol'
import { databaseAtVersion } from '../store/test-helpers'
import { createAuditLog } from './audit-log'
import { createAuditCheckpointer, withCheckpoints } from './checkpointer'
import { auditTestKeys } from './test-helpers'

const HOUR_MS = 60 * 60 * 1000

/** A clock the test moves by hand. */
function manualClock(start = '2026-11-26T08:00:00Z') {
  let t = Date.parse(start)
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms
    },
  }
}

function station(checkpointEvery: number) {
  const db = databaseAtVersion()
  const clock = manualClock()
  const checkpointer = createAuditCheckpointer(db, {
    terminalId: 'terminal-1',
    key: auditTestKeys.terminal,
    settings: { checkpointEvery, checkpointMaxAgeHours: 24 },
    now: clock.now,
  })
  const log = withCheckpoints(createAuditLog(db, clock.now), checkpointer)
  const append = (n: number) => {
    for (let i = 0; i < n; i++) log.append({ actor: 'system', action: 'test.step' })
  }
  const seqs = () => db.prepare('SELECT seq FROM audit_checkpoint ORDER BY seq').pluck().all()
  return { db, clock, checkpointer, log, append, seqs }
}

describe('audit checkpointer', () => {
  it('signs a checkpoint every N entries, each chained to the one before', () => {
    const s = station(3)
    s.append(7)
    expect(s.seqs()).toEqual([3, 6])
    const [first, second] = s.checkpointer.anchors.unacknowledged(10)
    expect(first?.prevCheckpoint).toBe(GENESIS_CHECKPOINT_HASH)
    expect(second?.prevCheckpoint).toBe(first ? auditCheckpointHash(first) : '')
    expect(second?.head).toBe(s.log.recent(2).at(-1)?.hash)
    expect(second?.count).toBe(6)
    expect(second && verifyAuditCheckpoint(second, auditTestKeys.terminal.publicKey)).toBe(true)
  })

  it('signs at least daily on the injected clock, on a tick without a new entry', () => {
    const s = station(200)
    s.append(2)
    s.clock.advance(23 * HOUR_MS)
    expect(s.checkpointer.checkpointIfDue()).toBeNull()
    s.clock.advance(HOUR_MS)
    expect(s.checkpointer.checkpointIfDue()?.seq).toBe(2)
    // Nothing new since: no second checkpoint, however long it waits.
    s.clock.advance(48 * HOUR_MS)
    expect(s.checkpointer.checkpointIfDue()).toBeNull()
    expect(s.seqs()).toEqual([2])
  })

  it('signs the day-old entries on the next append', () => {
    const s = station(200)
    s.append(1)
    s.clock.advance(25 * HOUR_MS)
    s.append(1)
    expect(s.seqs()).toEqual([2])
  })

  it('refuses to sign over entries that were tampered with since the last checkpoint', () => {
    const s = station(3)
    s.append(4)
    s.db.exec('DROP TRIGGER audit_log_no_update')
    s.db.prepare("UPDATE audit_log SET actor = 'intruder' WHERE seq = 4").run()
    s.append(2)
    expect(s.seqs()).toEqual([3])
  })
})
