import type { PassiveAuthenticationResult } from '../../../../drivers/smartcard'
import type { ReadSummary } from '../../../../drivers/smartcard'

const VERDICT_TEXT: Record<string, string> = {
  valid: 'hợp lệ / valid',
  invalid: 'KHÔNG hợp lệ / INVALID',
  untrusted: 'không có CSCA tin cậy / untrusted (no matching CSCA)',
  passed: 'đạt / passed',
  failed: 'KHÔNG đạt / FAILED',
  'not-supported': 'không hỗ trợ / not supported',
}

export function formatPassiveAuth(pa: PassiveAuthenticationResult): string {
  const lines = [`Xác thực thụ động / Passive authentication: ${VERDICT_TEXT[pa.verdict]}`]
  if (pa.failed) lines.push(`  ${pa.failed}`)
  for (const [name, check] of Object.entries(pa.checks)) {
    if (Array.isArray(check)) {
      const groups = check.map((g) => `DG${g.number} ${g.status}`).join(', ')
      lines.push(`  ${name.padEnd(18)} ${groups || '—'}`)
    } else {
      lines.push(`  ${name.padEnd(18)} ${check.status}${check.detail ? ` (${check.detail})` : ''}`)
    }
  }
  if (pa.documentSigner) lines.push(`  DS: ${pa.documentSigner.subject}`)
  if (pa.csca) lines.push(`  CSCA: ${pa.csca.subject} [${pa.csca.source}]`)
  return lines.join('\n')
}

export function formatReadSummary(summary: ReadSummary): string {
  const lines = [`Truy cập / Access: ${summary.access}`]
  const mrz = summary.mrz
  if (mrz) {
    lines.push(
      `Họ tên / Name: ${mrz.surname} ${mrz.givenNames}`.trimEnd(),
      `Số giấy tờ / Document: ${mrz.documentNumber} (${mrz.issuingState})`,
      `Ngày sinh / Birth: ${mrz.dateOfBirth}  Giới tính / Sex: ${mrz.sex}  Hết hạn / Expiry: ${mrz.dateOfExpiry}`,
      `Chữ số kiểm tra MRZ / MRZ check digits: ${mrz.checkDigitsValid ? 'OK' : 'SAI / WRONG'}`,
    )
  }
  if (summary.dg13) {
    const d = summary.dg13
    lines.push(`DG13: ${d.fullName ?? '—'}, ${d.idNumber ?? '—'}, ${d.placeOfResidence ?? '—'}`)
  }
  if (summary.face) {
    lines.push(`Ảnh / Face: ${summary.face.format} ${summary.face.width}×${summary.face.height}`)
  }
  lines.push(formatPassiveAuth(summary.passiveAuth))
  lines.push(`Xác thực chip / Chip authentication: ${VERDICT_TEXT[summary.chipAuth.verdict]}`)
  lines.push(
    `Xác thực chủ động / Active authentication: ${VERDICT_TEXT[summary.activeAuth.verdict]}`,
  )
  for (const p of summary.problems) lines.push(`! ${p.file}: ${p.reason}`)
  lines.push(`${summary.apdus} APDU, ${summary.bytesReceived} B, ${summary.elapsedMs} ms`)
  return lines.join('\n')
}
