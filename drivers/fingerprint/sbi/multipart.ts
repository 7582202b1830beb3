export interface MultipartPart {
  headers: Record<string, string>
  body: Uint8Array
}

/** The boundary of a `multipart/x-mixed-replace; boundary=…` content type. */
export function boundaryOf(contentType: string | undefined): string | null {
  const match = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '')
  return match?.[2] ?? null
}

/**
 * Splits an M-JPEG style multipart stream (SBI STREAM) into parts as bytes arrive. Parts carry a
 * Content-Length (as the SBI spec asks); without one a part ends at the next delimiter.
 */
export class MultipartReader {
  private buffer = Buffer.alloc(0)
  private readonly delimiter: Buffer

  constructor(boundary: string) {
    this.delimiter = Buffer.from(`--${boundary}`)
  }

  push(chunk: Uint8Array): MultipartPart[] {
    this.buffer = Buffer.concat([this.buffer, chunk])
    const parts: MultipartPart[] = []
    for (;;) {
      const start = this.buffer.indexOf(this.delimiter)
      if (start < 0) break
      const headerStart = this.buffer.indexOf('\r\n', start)
      if (headerStart < 0) break
      const headerEnd = this.buffer.indexOf('\r\n\r\n', headerStart)
      if (headerEnd < 0) break
      const headers = parseHeaders(
        this.buffer.subarray(headerStart + 2, headerEnd).toString('latin1'),
      )
      const bodyStart = headerEnd + 4
      const length = Number(headers['content-length'])
      let bodyEnd: number
      if (Number.isInteger(length) && length >= 0) {
        bodyEnd = bodyStart + length
        if (this.buffer.length < bodyEnd) break
      } else {
        const next = this.buffer.indexOf(this.delimiter, bodyStart)
        if (next < 0) break
        bodyEnd = this.buffer[next - 2] === 0x0d && this.buffer[next - 1] === 0x0a ? next - 2 : next
      }
      parts.push({ headers, body: new Uint8Array(this.buffer.subarray(bodyStart, bodyEnd)) })
      this.buffer = this.buffer.subarray(bodyEnd)
    }
    // Keep at most one frame's worth of garbage before a delimiter shows up.
    if (this.buffer.length > 16 * 1024 * 1024) this.buffer = Buffer.alloc(0)
    return parts
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
