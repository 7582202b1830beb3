import type { Migration } from '../../../../lib/sqlite'

/**
 * The verdict of passive authentication on a file's chip data, taken when the file is received:
 * `chip_verdict` for listing, `chip_json` with the checks for the reviewer. Files received before
 * this migration have neither (shown as not checked).
 */
export const migration007ChipVerification: Migration = {
  version: 7,
  name: 'chip-verification',
  up(db) {
    db.exec(`
      ALTER TABLE files ADD COLUMN chip_verdict TEXT
        CHECK (chip_verdict IN ('valid', 'invalid', 'untrusted', 'not-checked'));
      ALTER TABLE files ADD COLUMN chip_json TEXT
        CHECK (chip_json IS NULL OR json_valid(chip_json));
    `)
  },
}
