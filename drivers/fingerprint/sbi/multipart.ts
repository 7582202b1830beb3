export interface MultipartPart {
  headers: Record<string, string>
  body: Uint8Array
}

/** The boundary of a `multipart/x-mixed-replace; boundary=…` content type. */
export function boundaryOf(contentType: string | undefined): string | null {
  const match = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '')
  return match?.[2] ?? null
}

/** Keep at most one frame's worth of garbage before a delimiter shows up. */
const MAX_PENDING = 16 * 1024 * 1024
const CRLF = Buffer.from('\r\n')
const BLANK_LINE = Buffer.from('\r\n\r\n')

/** Where the reader is within the part it is assembling (offsets into its buffer). */
type Step =
  | { kind: 'delimiter' }
  | { kind: 'line'; start: number }
  | { kind: 'head'; start: number; headerStart: number }
  | { kind: 'body'; headers: Record<string, string>; bodyStart: number; bodyEnd: number | null }

/**
 * Splits an M-JPEG style multipart stream (SBI STREAM) into parts as bytes arrive. Parts carry a
 * Content-Length (as the SBI spec asks); without one a part ends at the next delimiter.
 *
 * Bytes are appended to a buffer that grows by doubling, and every search resumes where the last
 * one stopped, so a stream trickling in a byte at a time costs linear time, not quadratic.
 */
export class MultipartReader {
  private buffer = Buffer.alloc(0)
  /** First byte not yet consumed, and one past the last byte held. */
  private start = 0
  private end = 0
  /** Bytes before this offset were searched already for what `step` waits for. */
  private scanned = 0
  private step: Step = { kind: 'delimiter' }
  private readonly delimiter: Buffer

  constructor(boundary: string) {
    this.delimiter = Buffer.from(`--${boundary}`)
  }

  push(chunk: Uint8Array): MultipartPart[] {
    this.append(chunk)
    const parts: MultipartPart[] = []
    for (let part = this.advance(); part; part = this.advance()) parts.push(part)
    if (this.end - this.start > MAX_PENDING) this.reset()
    return parts
  }

  /** One step further; a part when one is complete, null when more bytes are needed. */
  private advance(): MultipartPart | null {
    for (;;) {
      const step = this.step
      if (step.kind === 'delimiter') {
        const at = this.find(this.delimiter, this.start)
        if (at < 0) return null
        this.next({ kind: 'line', start: at }, at)
      } else if (step.kind === 'line') {
        const at = this.find(CRLF, step.start)
        if (at < 0) return null
        this.next({ kind: 'head', start: step.start, headerStart: at }, at)
      } else if (step.kind === 'head') {
        const headerEnd = this.find(BLANK_LINE, step.headerStart)
        if (headerEnd < 0) return null
        const text = this.buffer.subarray(step.headerStart + 2, headerEnd).toString('latin1')
        const headers = parseHeaders(text)
        const bodyStart = headerEnd + 4
        const length = Number(headers['content-length'])
        const bodyEnd = Number.isInteger(length) && length >= 0 ? bodyStart + length : null
        this.next({ kind: 'body', headers, bodyStart, bodyEnd }, bodyStart)
      } else {
        const bodyEnd = step.bodyEnd ?? this.bodyEndAtDelimiter(step.bodyStart)
        if (bodyEnd === null || this.end < bodyEnd) return null
        const body = new Uint8Array(this.buffer.subarray(step.bodyStart, bodyEnd))
        this.start = bodyEnd
        this.next({ kind: 'delimiter' }, bodyEnd)
        return { headers: step.headers, body }
      }
    }
  }

  /** A part without Content-Length ends before the next delimiter (and the CRLF before it). */
  private bodyEndAtDelimiter(bodyStart: number): number | null {
    const next = this.find(this.delimiter, bodyStart)
    if (next < 0) return null
    const crlf = this.buffer[next - 2] === 0x0d && this.buffer[next - 1] === 0x0a
    return crlf ? next - 2 : next
  }

  private next(step: Step, scanFrom: number): void {
    this.step = step
    this.scanned = scanFrom
  }

  /** `needle` at or after `from`, searching only bytes not searched before for this step. */
  private find(needle: Buffer, from: number): number {
    const resume = Math.max(from, this.scanned - needle.length + 1)
    const at = this.buffer.subarray(0, this.end).indexOf(needle, resume)
    if (at < 0) this.scanned = Math.max(this.scanned, this.end)
    return at
  }

  private append(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.buffer.length) {
      // Drop what was consumed, then grow by doubling: each byte is copied O(1) times on average.
      const held = this.end - this.start
      const capacity = Math.max(2 * (held + chunk.length), 4096)
      const grown = Buffer.allocUnsafe(capacity)
      this.buffer.copy(grown, 0, this.start, this.end)
      this.rebase(this.start)
      this.buffer = grown
    }
    this.buffer.set(chunk, this.end)
    this.end += chunk.length
  }

  /** Shifts every offset down by `by` (the consumed bytes were dropped). */
  private rebase(by: number): void {
    this.start -= by
    this.end -= by
    this.scanned = Math.max(0, this.scanned - by)
    const step = this.step
    if (step.kind === 'line') this.step = { ...step, start: step.start - by }
    else if (step.kind === 'head')
      this.step = { ...step, start: step.start - by, headerStart: step.headerStart - by }
    else if (step.kind === 'body')
      this.step = {
        ...step,
        bodyStart: step.bodyStart - by,
        bodyEnd: step.bodyEnd === null ? null : step.bodyEnd - by,
      }
  }

  private reset(): void {
    this.buffer = Buffer.alloc(0)
    this.start = 0
    this.end = 0
    this.next({ kind: 'delimiter' }, 0)
  }
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return headers
}
