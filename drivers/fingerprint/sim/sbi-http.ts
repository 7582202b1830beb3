import type { Socket } from 'node:net'

export interface SbiHttpRequest {
  method: string
  path: string
  headers: Record<string, string>
  body: Buffer
}

const MAX_HEAD = 16 * 1024
const MAX_BODY = 1024 * 1024

/**
 * Reads one HTTP/1.1 request from a socket. The SBI simulator needs this because Node's HTTP server
 * refuses methods it does not know (MOSIPDISC, RCAPTURE… are rejected as HPE_INVALID_METHOD).
 * Returns null for anything that is not a well-formed request.
 */
export class SbiHttpRequestReader {
  private buffer = Buffer.alloc(0)

  push(chunk: Buffer): SbiHttpRequest | null | 'more' {
    this.buffer = Buffer.concat([this.buffer, chunk])
    const headEnd = this.buffer.indexOf('\r\n\r\n')
    if (headEnd < 0) return this.buffer.length > MAX_HEAD ? null : 'more'
    const [requestLine = '', ...lines] = this.buffer
      .subarray(0, headEnd)
      .toString('latin1')
      .split('\r\n')
    const match = /^([A-Z]{1,20}) (\/\S*) HTTP\/1\.[01]$/.exec(requestLine)
    if (!match) return null
    const headers: Record<string, string> = {}
    for (const line of lines) {
      const colon = line.indexOf(':')
      if (colon <= 0) return null
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
    }
    const length = Number(headers['content-length'] ?? '0')
    if (!Number.isInteger(length) || length < 0 || length > MAX_BODY) return null
    const bodyStart = headEnd + 4
    if (this.buffer.length < bodyStart + length) return 'more'
    return {
      method: match[1] ?? '',
      path: match[2] ?? '',
      headers,
      body: this.buffer.subarray(bodyStart, bodyStart + length),
    }
  }
}

const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
}

/** Writes a complete response the way SBI services answer: JSON, no caching, connection closed. */
export function writeJsonResponse(
  socket: Socket,
  port: number,
  status: number,
  value: unknown,
): void {
  const body = Buffer.from(JSON.stringify(value))
  socket.end(
    Buffer.concat([
      Buffer.from(
        [
          `HTTP/1.1 ${status} ${REASONS[status] ?? 'Status'}`,
          'Content-Type: application/json',
          'Cache-Control: no-store',
          `Location: http://127.0.0.1:${port}`,
          `Content-Length: ${body.length}`,
          'Connection: close',
          '',
          '',
        ].join('\r\n'),
      ),
      body,
    ]),
  )
}
