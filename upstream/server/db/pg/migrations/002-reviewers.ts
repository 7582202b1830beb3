import type { PgMigration } from '../pg-migrate'

/** Reviewer accounts and their sessions, and who decided a file: SQLite's migration 010. */
export const pgMigration002Reviewers: PgMigration = {
  version: 2,
  name: 'reviewers',
  async up(client) {
    await client.query(`
      CREATE TABLE reviewers (
        reviewer_id     text PRIMARY KEY CHECK (length(reviewer_id) BETWEEN 1 AND 64),
        display_name    text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        role            text NOT NULL CHECK (role IN ('reviewer', 'senior')),
        password_hash   text,
        disabled        boolean NOT NULL DEFAULT false,
        failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until    text,
        created_at      text NOT NULL,
        password_at     text
      );
      CREATE TABLE reviewer_sessions (
        token_sha256 text PRIMARY KEY CHECK (length(token_sha256) = 64),
        reviewer_id  text NOT NULL REFERENCES reviewers (reviewer_id),
        created_at   text NOT NULL,
        last_seen_at text NOT NULL,
        expires_at   text NOT NULL
      );
      CREATE INDEX reviewer_sessions_by_reviewer ON reviewer_sessions (reviewer_id);
      ALTER TABLE files ADD COLUMN reviewer_name text;
      ALTER TABLE files ADD COLUMN reviewer_role text
        CHECK (reviewer_role IS NULL OR reviewer_role IN ('reviewer', 'senior'));
    `)
  },
}
