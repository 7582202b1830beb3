import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { bilingualMessage } from '../../../lib/messages'
import { openDatabaseReadOnly } from '../../../lib/sqlite/database'
import { DATABASE_FILE_NAME } from '../../core'
import { readAuditEvidence, verifyAuditEvidence, type AuditVerdict } from '../../core/audit'
import { parseCommandArgs } from '../args'
import { EXIT } from '../exit-codes'
import { CliError, type CliIo } from '../output'
import { loadCliConfig } from './load-config'

/** Reads the station's audit evidence without writing to the file, and judges it. */
export function verifyStationAudit(file: string): AuditVerdict {
  const db = openDatabaseReadOnly(file)
  try {
    return verifyAuditEvidence(readAuditEvidence(db))
  } finally {
    db.close()
  }
}

/** The human lines of a verdict, each "Tiếng Việt / English". */
export function auditVerdictLines(verdict: AuditVerdict, dataDir: string): string[] {
  if (!verdict.fault)
    return [
      bilingualMessage('audit.verify.intact', {
        entries: verdict.entries,
        checkpointSeq: verdict.checkpointSeq ?? '—',
        acknowledgedSeq: verdict.acknowledgedSeq ?? '—',
      }),
    ]
  const { kind, seq, detail } = verdict.fault
  return [
    bilingualMessage('audit.verify.broken', { seq, kind }),
    bilingualMessage(`audit.fault.${kind}`, { seq }),
    `  (${detail})`,
    bilingualMessage('audit.verify.nextStep', { dir: dataDir }),
  ]
}

/**
 * `kiosk audit verify [--json] [--data-dir DIR]`: exit 0 when the log is intact, 4 when it is not.
 * It opens the database read-only and never starts the core, which would append to the log.
 */
export function auditVerifyCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): number {
  const { values } = parseCommandArgs(argv, { json: { type: 'boolean' } })
  const { config } = loadCliConfig(argv, env)
  const file = join(config.dataDir, DATABASE_FILE_NAME)
  if (!existsSync(file))
    throw new CliError('cli.errors.noStationDatabase', { file }, EXIT.NOT_FOUND)
  const verdict = verifyStationAudit(file)
  if (values.json) io.out(JSON.stringify(verdict, null, 2))
  else for (const line of auditVerdictLines(verdict, config.dataDir)) io.out(line)
  return verdict.intact ? EXIT.OK : EXIT.VERIFICATION_FAILED
}
