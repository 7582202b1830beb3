import { formatUsbId } from '../../core/devices'
import type { DoctorReport } from './doctor-report'
import { bilingualMessage } from '../../../lib/messages'

const none = bilingualMessage('cli.text.none')

/** "intact", or the fault `kiosk audit verify` would name (run it for the full account). */
function auditState(fault: DoctorReport['database']['auditFault']): string {
  return fault ? `BROKEN: ${fault.kind} at entry ${fault.seq} (kiosk audit verify)` : 'intact'
}

/** The human-readable doctor report: labels in English and Vietnamese, values as found. */
export function formatDoctorReport(r: DoctorReport): string {
  const rows: [string, string][] = [
    ['Node', r.node],
    [
      'Electron',
      r.electron.version
        ? `${r.electron.version}${r.electron.binaryInstalled ? '' : ` (${bilingualMessage('cli.text.packageOnlyNoBinary')})`}`
        : bilingualMessage('cli.text.notInstalled'),
    ],
    ['SQLite', r.sqlite],
    [bilingualMessage('cli.text.dataDirectory'), `${r.dataDir} (${r.sources.dataDir})`],
    [bilingualMessage('cli.text.configFile'), r.configFile],
    [bilingualMessage('cli.text.devicesMode'), `${r.config.devices} (${r.sources.devices})`],
    [
      bilingualMessage('cli.text.upstream'),
      r.config.upstreamUrl ?? bilingualMessage('cli.text.trainingInProcess'),
    ],
    [bilingualMessage('cli.text.language'), `${r.config.language} (${r.sources.language})`],
    [
      bilingualMessage('cli.text.databaseSchema'),
      `v${r.database.schemaVersion}, audit chain ${auditState(r.database.auditFault)}`,
    ],
    [bilingualMessage('cli.text.stationId'), r.stationId],
    [bilingualMessage('keyProtection.title'), keyProtectionValue(r.keyProtection)],
    [
      bilingualMessage('cli.text.pcScReaders'),
      r.pcsc.available
        ? r.pcsc.readers
            .map(
              (x) => `${x.name}${x.cardPresent ? ` [${bilingualMessage('cli.text.card')}]` : ''}`,
            )
            .join(', ') || none
        : `${none} — ${r.pcsc.detail}`,
    ],
    [
      bilingualMessage('cli.text.serialPorts'),
      r.serial.error
        ? `${none} — ${r.serial.error}`
        : r.serial.ports.map((p) => p.path).join(', ') || none,
    ],
    [
      bilingualMessage('cli.text.hidDevices'),
      r.hid.error
        ? `${none} — ${r.hid.error}`
        : r.hid.devices
            .map((d) => `${formatUsbId(d.vendorId, d.productId)} ${d.product ?? ''}`.trim())
            .join(', ') || none,
    ],
    [bilingualMessage('cli.text.cameras'), r.video.devices.join(', ') || none],
    [bilingualMessage('cli.text.ef01Probe'), r.ef01.map(ef01Line).join('; ') || none],
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  const lines = [
    bilingualMessage('cli.text.kioskDoctor'),
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    ...keyNoteLines(r.keyProtection.notes),
  ]
  lines.push(`  ${bilingualMessage('cli.text.deviceManager')}:`)
  for (const d of r.devices) {
    const reason = d.health.reason ? ` (${d.health.reason})` : ''
    lines.push(
      `    ${d.kind.padEnd(12)} ${d.health.status.padEnd(8)} ${d.source.padEnd(9)} ${d.name || '-'}${reason}`,
    )
  }
  return lines.join('\n')
}

/** One port probed for an EF01 module: where it answered, or why it was skipped. */
function ef01Line(finding: DoctorReport['ef01'][number]): string {
  if (finding.found) return `${finding.path} EF01 @ ${finding.baudRate} Bd`
  return `${finding.path} — ${bilingualMessage(`cli.ef01Skip.${finding.reason}`)} (${finding.detail})`
}

function keyProtectionValue(status: DoctorReport['keyProtection']): string {
  const kind = bilingualMessage(`keyProtection.kind.${status.kind}`)
  return status.kind === 'plain-training'
    ? `${kind} — ${bilingualMessage('keyProtection.plainTraining')}`
    : kind
}

/** Why stronger protectors were passed over (or a weak one let through), each with what to do. */
export function keyNoteLines(notes: DoctorReport['keyProtection']['notes']): string[] {
  if (notes.length === 0) return []
  return [
    `  ${bilingualMessage('keyProtection.passedOver')}`,
    ...notes.map((n) => `    - ${bilingualMessage(`messages.keys.${n.reason}`, n.params)}`),
  ]
}

/** Doctor when the station keys cannot be opened: the refusal and what to do, nothing else. */
export function formatKeyRefusal(dataDir: string, sentence: string): string {
  return [
    bilingualMessage('cli.text.kioskDoctor'),
    `  ${bilingualMessage('cli.text.dataDirectory')}  ${dataDir}`,
    `  ${bilingualMessage('keyProtection.title')}  ${bilingualMessage('keyProtection.refused')}`,
    `    ${sentence}`,
  ].join('\n')
}
