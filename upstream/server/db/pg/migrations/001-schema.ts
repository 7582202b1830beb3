import type { PgMigration } from '../pg-migrate'

/**
 * The upstream's schema as SQLite has it after its migration 009, in PostgreSQL's dialect: a
 * PostgreSQL upstream starts here, with no SQLite history to replay. Column names match the
 * SQLite tables so both repositories read alike; times stay ISO 8601 text, as the protocol
 * carries them. Signed JSON (receipts, chip verdicts) is kept as text: jsonb would reorder keys.
 */
export const pgMigration001Schema: PgMigration = {
  version: 1,
  name: 'schema',
  async up(client) {
    await client.query(`
      CREATE TABLE invites (
        code_hash   text PRIMARY KEY CHECK (length(code_hash) = 64),
        created_at  text NOT NULL,
        expires_at  text NOT NULL,
        used_by     text,
        used_key_id text,
        used_at     text,
        CHECK ((used_by IS NULL) = (used_at IS NULL))
      );
      CREATE TABLE terminals (
        terminal_id   text PRIMARY KEY CHECK (length(terminal_id) BETWEEN 1 AND 100),
        public_key    text NOT NULL,
        key_id        text NOT NULL CHECK (length(key_id) = 32),
        key_type      text NOT NULL CHECK (key_type IN ('ed25519', 'p256')),
        registered_at text NOT NULL
      );
      CREATE TABLE nonces (
        terminal_id text NOT NULL,
        nonce       text NOT NULL,
        expires_ms  bigint NOT NULL,
        PRIMARY KEY (terminal_id, nonce)
      );
      CREATE INDEX nonces_expiry ON nonces (expires_ms);
      CREATE TABLE files (
        file_id         text PRIMARY KEY,
        terminal_id     text NOT NULL REFERENCES terminals (terminal_id),
        sha256          text NOT NULL CHECK (length(sha256) = 64),
        size            bigint NOT NULL CHECK (size > 0),
        received_offset bigint NOT NULL DEFAULT 0 CHECK (received_offset BETWEEN 0 AND size),
        state           text NOT NULL
                        CHECK (state IN ('receiving', 'received', 'approved', 'rejected')),
        source          text NOT NULL CHECK (source IN ('upload', 'import')),
        announced_at    text NOT NULL,
        received_at     text,
        receipt_json    text CHECK (receipt_json IS NULL OR receipt_json::jsonb IS NOT NULL),
        simulated       boolean,
        reviewed_at     text,
        reviewer        text,
        reason          text,
        duplicates      integer NOT NULL DEFAULT 0,
        chip_verdict    text
                        CHECK (chip_verdict IN ('valid', 'invalid', 'untrusted', 'not-checked')),
        chip_json       text CHECK (chip_json IS NULL OR chip_json::jsonb IS NOT NULL),
        CHECK ((state = 'receiving') = (receipt_json IS NULL)),
        CHECK ((state = 'rejected') = (reason IS NOT NULL))
      );
      CREATE INDEX files_by_state ON files (state, received_at);
      CREATE TABLE chunks (
        file_id  text NOT NULL REFERENCES files (file_id) ON DELETE CASCADE,
        "offset" bigint NOT NULL CHECK ("offset" >= 0),
        data     bytea NOT NULL CHECK (length(data) > 0),
        PRIMARY KEY (file_id, "offset")
      );
      CREATE TABLE status_events (
        seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        terminal_id text NOT NULL,
        file_id     text NOT NULL REFERENCES files (file_id),
        state       text NOT NULL CHECK (state IN ('received', 'approved', 'rejected')),
        reason      text,
        at          text NOT NULL,
        CHECK ((state = 'rejected') = (reason IS NOT NULL))
      );
      CREATE INDEX status_events_feed ON status_events (terminal_id, seq);
    `)
    await createAuditAndSmsTables(client)
  },
}

async function createAuditAndSmsTables(client: Parameters<PgMigration['up']>[0]): Promise<void> {
  await client.query(`
    CREATE TABLE audit_checkpoints (
      terminal_id     text NOT NULL REFERENCES terminals (terminal_id),
      seq             bigint NOT NULL CHECK (seq > 0),
      head            text NOT NULL,
      count           bigint NOT NULL,
      at              text NOT NULL,
      prev_checkpoint text NOT NULL,
      key_id          text NOT NULL,
      signature       text NOT NULL,
      hash            text NOT NULL,
      received_at     text NOT NULL,
      PRIMARY KEY (terminal_id, seq)
    );
    CREATE TABLE audit_flags (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      terminal_id text NOT NULL,
      kind        text NOT NULL CHECK (kind IN ('gap', 'rewrite')),
      seq         bigint NOT NULL,
      detail      text NOT NULL,
      at          text NOT NULL
    );
    CREATE TABLE sms_notices (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      file_id      text NOT NULL REFERENCES files (file_id),
      kind         text NOT NULL CHECK (kind IN ('approval', 'rejection')),
      -- The number sealed to the outbox key; null once purged. No clear-text number, ever.
      phone_sealed bytea,
      body_vi      text NOT NULL,
      body_en      text NOT NULL,
      created_at   text NOT NULL,
      status       text NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'submitted', 'delivered', 'undelivered', 'failed')),
      attempts     integer NOT NULL DEFAULT 0,
      next_at      text NOT NULL,
      last_error   text,
      submitted_at text,
      finished_at  text,
      purged_at    text,
      UNIQUE (file_id, kind),
      CHECK ((phone_sealed IS NULL) = (purged_at IS NOT NULL))
    );
    CREATE INDEX sms_notices_due ON sms_notices (status, next_at);
    CREATE TABLE sms_parts (
      message_id text PRIMARY KEY,
      notice_id  bigint NOT NULL REFERENCES sms_notices (id),
      -- The part's last DeliveryState; 'enroute' until its receipt comes.
      state      text NOT NULL DEFAULT 'enroute'
    );
    CREATE INDEX sms_parts_notice ON sms_parts (notice_id);
  `)
}
