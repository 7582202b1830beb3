import type { SqliteDatabase } from '../../../lib/sqlite/database'

export interface SyncState {
  statusCursor: string | null
  lastPassAt: string | null
  /** The end of the last pass that reached the upstream and finished without a network failure. */
  lastSuccessAt: string | null
  lastError: string | null
  online: boolean | null
}

export interface SyncStateRepository {
  get(): SyncState
  setCursor(cursor: string): void
  recordPass(pass: { at: string; ok: boolean; error: string | null; online: boolean }): void
  setOnline(online: boolean): void
}

export function createSyncStateRepository(db: SqliteDatabase): SyncStateRepository {
  const get = db.prepare<
    [],
    {
      status_cursor: string | null
      last_pass_at: string | null
      last_success_at: string | null
      last_error: string | null
      online: number | null
    }
  >('SELECT * FROM sync_state WHERE id = 1')
  const cursor = db.prepare<[string]>('UPDATE sync_state SET status_cursor = ? WHERE id = 1')
  const pass = db.prepare(
    `UPDATE sync_state SET last_pass_at = @at, last_error = @error, online = @online,
       last_success_at = CASE WHEN @ok = 1 THEN @at ELSE last_success_at END
     WHERE id = 1`,
  )
  const online = db.prepare<[number]>('UPDATE sync_state SET online = ? WHERE id = 1')
  return {
    get() {
      const r = get.get()
      return {
        statusCursor: r?.status_cursor ?? null,
        lastPassAt: r?.last_pass_at ?? null,
        lastSuccessAt: r?.last_success_at ?? null,
        lastError: r?.last_error ?? null,
        online: r?.online === null || r?.online === undefined ? null : r.online === 1,
      }
    },
    setCursor: (c) => cursor.run(c),
    recordPass: (p) => pass.run({ ...p, ok: p.ok ? 1 : 0, online: p.online ? 1 : 0 }),
    setOnline: (o) => online.run(o ? 1 : 0),
  }
}
