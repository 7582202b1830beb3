import type { Migration } from '../../../../lib/sqlite'

/**
 * The outbox becomes a delivery queue: a status per notice (pending → submitted → delivered, or
 * undelivered / failed), tries and the time of the next one, the reason of the last failure, one
 * row per SMSC message id (a long notice is several parts), and the phone number sealed. A notice
 * may now also be a rejection. Clear numbers from before move to `phone_legacy`; the outbox seals
 * them at its next open (the key is not known to a migration), so no clear number outlives it.
 */
export const migration009SmsDelivery: Migration = {
  version: 9,
  name: 'sms-delivery',
  up(db) {
    db.exec(`
      CREATE TABLE sms_notices (
        id           INTEGER PRIMARY KEY,
        file_id      TEXT NOT NULL REFERENCES files (file_id),
        kind         TEXT NOT NULL CHECK (kind IN ('approval', 'rejection')),
        phone_sealed BLOB,
        phone_legacy TEXT,
        body_vi      TEXT NOT NULL,
        body_en      TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        status       TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'submitted', 'delivered', 'undelivered', 'failed')),
        attempts     INTEGER NOT NULL DEFAULT 0,
        next_at      TEXT NOT NULL,
        last_error   TEXT,
        submitted_at TEXT,
        finished_at  TEXT,
        purged_at    TEXT,
        UNIQUE (file_id, kind)
      ) STRICT;
      INSERT INTO sms_notices
        (id, file_id, kind, phone_legacy, body_vi, body_en, created_at, status, next_at, submitted_at)
        SELECT id, file_id, 'approval', phone, body_vi, body_en, created_at,
               CASE WHEN sent_at IS NULL THEN 'pending' ELSE 'submitted' END, created_at, sent_at
        FROM sms_outbox;
      DROP TABLE sms_outbox;
      CREATE INDEX sms_notices_due ON sms_notices (status, next_at);
      CREATE TABLE sms_parts (
        message_id TEXT PRIMARY KEY,
        notice_id  INTEGER NOT NULL REFERENCES sms_notices (id),
        -- The part's last DeliveryState; 'enroute' until its receipt comes.
        state      TEXT NOT NULL DEFAULT 'enroute'
      ) STRICT;
      CREATE INDEX sms_parts_notice ON sms_parts (notice_id);
    `)
  },
}
