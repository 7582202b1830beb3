import type { Migration } from '../../../../lib/sqlite'

/**
 * Messages waiting for the SMS gateway, one per approved file. The phone number is what the
 * gateway needs; `sent_at` is set by whatever drains the outbox.
 */
export const migration005SmsOutbox: Migration = {
  version: 5,
  name: 'sms-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE sms_outbox (
        id         INTEGER PRIMARY KEY,
        file_id    TEXT NOT NULL UNIQUE REFERENCES files (file_id),
        phone      TEXT NOT NULL,
        body_vi    TEXT NOT NULL,
        body_en    TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sent_at    TEXT
      ) STRICT;
    `)
  },
}
