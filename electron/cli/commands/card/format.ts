import type { PassiveAuthenticationResult, ReadSummary } from '../../../../drivers/smartcard'
import { bilingualMessage } from '../../../../lib/messages'

const VERDICT_TEXT: Record<string, string> = {
  valid: bilingualMessage('cli.text.valid'),
  invalid: bilingualMessage('cli.text.invalid'),
  untrusted: bilingualMessage('cli.text.untrustedNoMatchingCsca'),
  passed: bilingualMessage('cli.text.passed'),
  failed: bilingualMessage('cli.text.failed'),
  'not-supported': bilingualMessage('cli.text.notSupported'),
}

export function formatPassiveAuth(pa: PassiveAuthenticationResult): string {
  const lines = [
    `${bilingualMessage('cli.text.passiveAuthentication')}: ${VERDICT_TEXT[pa.verdict]}`,
  ]
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
  const lines = [`${bilingualMessage('cli.text.access')}: ${summary.access}`]
  const mrz = summary.mrz
  if (mrz) {
    lines.push(
      `${bilingualMessage('cli.text.name')}: ${mrz.surname} ${mrz.givenNames}`.trimEnd(),
      `${bilingualMessage('cli.text.document')}: ${mrz.documentNumber} (${mrz.issuingState})`,
      `${bilingualMessage('cli.text.birth')}: ${mrz.dateOfBirth}  ${bilingualMessage('cli.text.sex')}: ${mrz.sex}  ${bilingualMessage('cli.text.expiry')}: ${mrz.dateOfExpiry}`,
      `${bilingualMessage('cli.text.mrzCheckDigits')}: ${mrz.checkDigitsValid ? 'OK' : bilingualMessage('cli.text.wrong')}`,
    )
  }
  if (summary.dg13) {
    const d = summary.dg13
    lines.push(`DG13: ${d.fullName ?? '—'}, ${d.idNumber ?? '—'}, ${d.placeOfResidence ?? '—'}`)
  }
  if (summary.face) {
    lines.push(
      `${bilingualMessage('cli.text.face')}: ${summary.face.format} ${summary.face.width}×${summary.face.height}`,
    )
  }
  lines.push(formatPassiveAuth(summary.passiveAuth))
  lines.push(
    `${bilingualMessage('cli.text.chipAuthentication')}: ${VERDICT_TEXT[summary.chipAuth.verdict]}`,
  )
  lines.push(
    `${bilingualMessage('cli.text.activeAuthentication')}: ${VERDICT_TEXT[summary.activeAuth.verdict]}`,
  )
  for (const p of summary.problems) lines.push(`! ${p.file}: ${p.reason}`)
  lines.push(`${summary.apdus} APDU, ${summary.bytesReceived} B, ${summary.elapsedMs} ms`)
  return lines.join('\n')
}
