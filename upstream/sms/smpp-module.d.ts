/**
 * The part of the `smpp` package (node-smpp 0.5, untyped) this folder uses. Only smsc-session.ts
 * and smsc-simulator.ts import it; everything else sees their typed interfaces.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events'
  import type { Server as NetServer, Socket } from 'node:net'

  export class PDU {
    constructor(command: string, options?: Record<string, unknown>)
    command: string
    command_status: number
    sequence_number: number;
    [field: string]: unknown
    isResponse(): boolean
    response(options?: Record<string, unknown>): PDU
    toBuffer(): Buffer
  }

  export class Session extends EventEmitter {
    socket: Socket
    send(pdu: PDU, onResponse?: (pdu: PDU) => void): boolean
    pause(): void
    resume(): void
    close(callback?: () => void): void
    destroy(callback?: () => void): void
  }

  export class Server extends NetServer {
    sessions: Session[]
  }

  export function connect(options: {
    host: string
    port: number
    tls?: boolean
    ca?: string | Buffer
    servername?: string
  }): Session

  export function createServer(listener: (session: Session) => void): Server
  /** Over TLS (a tls.Server underneath) with this PEM certificate chain and key. */
  export function createServer(
    options: { cert: Buffer; key: Buffer },
    listener: (session: Session) => void,
  ): Server
}
