import { describe, expect, it } from 'vitest'
import { openLocal, sealLocal } from '../keys'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { createDraftRepository } from './drafts'
import { databaseAtVersion } from './test-helpers'

const key = seededRandom('local-key')(32)
const sealer = {
  seal: (plain: Buffer, draftId: string) => sealLocal(key, plain, draftId, seededRandom(draftId)),
  open: (sealed: Buffer, draftId: string) => openLocal(key, sealed, draftId),
}

describe('draft repository', () => {
  it('stores the payload encrypted with the local key only', () => {
    const db = databaseAtVersion()
    let t = Date.parse('2026-11-26T08:00:00Z')
    const drafts = createDraftRepository(db, sealer, () => new Date((t += 1000)))
    const payload = { phone: '0912345678', step: 'contact' }
    drafts.save({ draftId: 'd1', officerId: 'officer-1', step: 'contact', payload })
    const raw = db.prepare('SELECT payload FROM drafts').pluck().get() as Buffer
    expect(raw.includes(Buffer.from('0912345678'))).toBe(false)
    expect(drafts.load('d1')).toMatchObject({ draftId: 'd1', step: 'contact', payload })

    drafts.save({ draftId: 'd1', officerId: 'officer-1', step: 'portrait', payload: { n: 2 } })
    expect(drafts.list()).toEqual([
      expect.objectContaining({ draftId: 'd1', step: 'portrait', createdAt: expect.any(String) }),
    ])
    const [summary] = drafts.list()
    expect(summary!.updatedAt > summary!.createdAt).toBe(true)
    expect(drafts.delete('d1')).toBe(true)
    expect(drafts.load('d1')).toBeUndefined()
  })

  it('refuses a payload moved to another draft row', () => {
    const db = databaseAtVersion()
    const drafts = createDraftRepository(db, sealer, () => new Date())
    drafts.save({ draftId: 'd1', officerId: 'o', step: 'identify', payload: { a: 1 } })
    drafts.save({ draftId: 'd2', officerId: 'o', step: 'identify', payload: { b: 2 } })
    db.exec(
      "UPDATE drafts SET payload = (SELECT payload FROM drafts WHERE draft_id = 'd1') WHERE draft_id = 'd2'",
    )
    expect(() => drafts.load('d2')).toThrow(/damaged/)
  })
})
