import type { SqliteDatabase } from '../../../lib/sqlite'

export interface SmsMessage {
  id: number
  fileId: string
  phone: string
  bodyVi: string
  bodyEn: string
  createdAt: string
  sentAt: string | null
}

export interface SmsOutbox {
  add(message: Omit<SmsMessage, 'id' | 'sentAt'>): number
  list(limit: number): SmsMessage[]
  forFile(fileId: string): SmsMessage | undefined
}

interface Row {
  id: number
  file_id: string
  phone: string
  body_vi: string
  body_en: string
  created_at: string
  sent_at: string | null
}

const toMessage = (r: Row): SmsMessage => ({
  id: r.id,
  fileId: r.file_id,
  phone: r.phone,
  bodyVi: r.body_vi,
  bodyEn: r.body_en,
  createdAt: r.created_at,
  sentAt: r.sent_at,
})

export function createSmsOutbox(db: SqliteDatabase): SmsOutbox {
  const insert = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO sms_outbox (file_id, phone, body_vi, body_en, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const list = db.prepare<[number], Row>('SELECT * FROM sms_outbox ORDER BY id DESC LIMIT ?')
  const byFile = db.prepare<[string], Row>('SELECT * FROM sms_outbox WHERE file_id = ?')
  return {
    add(m) {
      return Number(insert.run(m.fileId, m.phone, m.bodyVi, m.bodyEn, m.createdAt).lastInsertRowid)
    },
    list: (limit) => list.all(limit).map(toMessage),
    forFile(fileId) {
      const row = byFile.get(fileId)
      return row ? toMessage(row) : undefined
    },
  }
}
