import { ParseError } from '../../../lib/parse-error'

export interface PemBlock {
  /** The word(s) after BEGIN: CERTIFICATE, PRIVATE KEY… */
  label: string
  der: Uint8Array
}

/** BEGIN and END lines; a label is at most 64 characters (RFC 7468 labels are a few words). */
const MARKER = /-----(BEGIN|END) ([A-Z0-9 ]{1,64})-----/g

/**
 * Every PEM block in `text`, in order; text between blocks (openssl's "subject=" lines) is ignored.
 * One pass over the BEGIN and END lines: a block runs from a BEGIN to the next END of its label,
 * and a later BEGIN replaces one still open (PEM blocks do not nest). Matching each BEGIN lazily
 * to its END instead rescanned the rest of the file per BEGIN: 1.4 s for 1 MiB of a trust file
 * the fuzzer wrote.
 */
export function decodePem(text: string): PemBlock[] {
  const blocks: PemBlock[] = []
  let open: { label: string; bodyStart: number } | null = null
  for (const marker of text.matchAll(MARKER)) {
    const [whole, kind, label = ''] = marker
    if (kind === 'BEGIN') {
      open = { label, bodyStart: marker.index + whole.length }
      continue
    }
    if (open?.label !== label) continue
    const body = text.slice(open.bodyStart, marker.index).replace(/\s+/g, '')
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body))
      throw new ParseError('pem', `${label} block is not base64`)
    blocks.push({ label, der: new Uint8Array(Buffer.from(body, 'base64')) })
    open = null
  }
  return blocks
}

export function encodePem(label: string, der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

export function looksLikePem(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 4096)).toString('latin1').includes('-----BEGIN ')
}
