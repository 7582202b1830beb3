import { formatUsbId } from '../../core/devices'
import type { DoctorReport } from './doctor-report'

const none = 'none / không có'

/** The human-readable doctor report: labels in English and Vietnamese, values as found. */
export function formatDoctorReport(r: DoctorReport): string {
  const rows: [string, string][] = [
    ['Node', r.node],
    [
      'Electron',
      r.electron.version
        ? `${r.electron.version}${r.electron.binaryInstalled ? '' : ' (package only, no binary / chỉ có gói, không có tệp chạy)'}`
        : 'not installed / chưa cài',
    ],
    ['SQLite', r.sqlite],
    ['Data directory / Thư mục dữ liệu', `${r.dataDir} (${r.sources.dataDir})`],
    ['Config file / Tệp cấu hình', r.configFile],
    ['Devices mode / Chế độ thiết bị', `${r.config.devices} (${r.sources.devices})`],
    ['Upstream / Máy chủ', r.config.upstreamUrl ?? 'training (in-process) / huấn luyện (nội bộ)'],
    ['Language / Ngôn ngữ', `${r.config.language} (${r.sources.language})`],
    [
      'Database schema / Lược đồ CSDL',
      `v${r.database.schemaVersion}, audit chain ${r.database.auditChainIntact ? 'intact' : 'BROKEN'}`,
    ],
    ['Station id / Mã trạm', r.stationId],
    [
      'PC/SC readers / Đầu đọc thẻ',
      r.pcsc.available
        ? r.pcsc.readers
            .map((x) => `${x.name}${x.cardPresent ? ' [card / có thẻ]' : ''}`)
            .join(', ') || none
        : `${none} — ${r.pcsc.detail}`,
    ],
    [
      'Serial ports / Cổng nối tiếp',
      r.serial.error
        ? `${none} — ${r.serial.error}`
        : r.serial.ports.map((p) => p.path).join(', ') || none,
    ],
    [
      'HID devices / Thiết bị HID',
      r.hid.error
        ? `${none} — ${r.hid.error}`
        : r.hid.devices
            .map((d) => `${formatUsbId(d.vendorId, d.productId)} ${d.product ?? ''}`.trim())
            .join(', ') || none,
    ],
    ['Cameras / Máy ảnh', r.video.devices.join(', ') || none],
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  const lines = [
    'Kiosk doctor / Kiểm tra trạm',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
  ]
  lines.push('  Device manager / Quản lý thiết bị:')
  for (const d of r.devices) {
    const reason = d.health.reason ? ` (${d.health.reason})` : ''
    lines.push(
      `    ${d.kind.padEnd(12)} ${d.health.status.padEnd(8)} ${d.source.padEnd(9)} ${d.name || '-'}${reason}`,
    )
  }
  return lines.join('\n')
}
