import type { SqliteDatabase } from '../../../lib/sqlite/database'

/** Encrypts and decrypts a draft payload; the core binds it to the local key and the draft id. */
export interface DraftSealer {
  seal(plain: Buffer, draftId: string): Buffer
  open(sealed: Buffer, draftId: string): Buffer
}

export interface DraftSummary {
  draftId: string
  officerId: string
  step: string
  createdAt: string
  updatedAt: string
}

export interface DraftRepository {
  /** Creates or replaces a draft; the payload is stored encrypted only. */
  save(draft: { draftId: string; officerId: string; step: string; payload: unknown }): void
  load(draftId: string): (DraftSummary & { payload: unknown }) | undefined
  list(): DraftSummary[]
  delete(draftId: string): boolean
}

interface Row {
  draft_id: string
  officer_id: string
  step: string
  created_at: string
  updated_at: string
  payload: Buffer
}

const summaryOf = (r: Row): DraftSummary => ({
  draftId: r.draft_id,
  officerId: r.officer_id,
  step: r.step,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export function createDraftRepository(
  db: SqliteDatabase,
  sealer: DraftSealer,
  now: () => Date,
): DraftRepository {
  const upsert = db.prepare(
    `INSERT INTO drafts (draft_id, officer_id, step, created_at, updated_at, payload)
     VALUES (@draftId, @officerId, @step, @at, @at, @payload)
     ON CONFLICT (draft_id) DO UPDATE SET officer_id = excluded.officer_id, step = excluded.step,
       updated_at = excluded.updated_at, payload = excluded.payload`,
  )
  const get = db.prepare<[string], Row>('SELECT * FROM drafts WHERE draft_id = ?')
  const list = db.prepare<[], Row>(
    "SELECT draft_id, officer_id, step, created_at, updated_at, x'' AS payload FROM drafts ORDER BY updated_at DESC",
  )
  const remove = db.prepare<[string]>('DELETE FROM drafts WHERE draft_id = ?')
  return {
    save({ draftId, officerId, step, payload }) {
      const plain = Buffer.from(JSON.stringify(payload), 'utf8')
      upsert.run({
        draftId,
        officerId,
        step,
        at: now().toISOString(),
        payload: sealer.seal(plain, draftId),
      })
    },
    load(draftId) {
      const row = get.get(draftId)
      if (!row) return undefined
      const payload: unknown = JSON.parse(sealer.open(row.payload, draftId).toString('utf8'))
      return { ...summaryOf(row), payload }
    },
    list: () => list.all().map(summaryOf),
    delete: (draftId) => remove.run(draftId).changes === 1,
  }
}
