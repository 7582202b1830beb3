import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BRIDGE_PATH } from '../contract'
import { contentSecurityPolicy, type Core } from '../core'
import { createBridge } from './bridge'
import { securityHeaders, serveStatic } from './static-handler'
import { createBridgeToken } from './token'

/** The host listens on loopback only; there is deliberately no option for another address. */
export const HOST_ADDRESS = '127.0.0.1'

export interface HostOptions {
  core: Core
  /** The built renderer (`out/renderer`). */
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
  token?: string
}

export interface RunningHost {
  /** Open this in a browser: the token travels in the fragment, never in a request line. */
  url: string
  origin: string
  port: number
  token: string
  server: Server
  close(): Promise<void>
}

/**
 * The headless host: serves the built renderer on 127.0.0.1 and bridges the contract over a
 * WebSocket that requires this run's random token. For tests, development and training in any
 * browser; the packaged Electron kiosk never starts it.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? createBridgeToken()
  let origin = ''
  let headers: Record<string, string> = {}
  const bridge = createBridge({ core: options.core, token, origin: () => origin })

  const server = createServer((req, res) => {
    // A page on another host name pointing at our port (DNS rebinding) gets nothing.
    if (`http://${req.headers.host ?? ''}` !== origin) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('Misdirected request')
      return
    }
    if (new URL(req.url ?? '/', origin).pathname === BRIDGE_PATH) {
      res.writeHead(bridge.tokenIsCurrent(req) ? 204 : 401, headers).end()
      return
    }
    serveStatic(options.rendererDir, headers, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end()
      else res.destroy()
    })
  })
  server.on('upgrade', (req, socket, head) => bridge.handleUpgrade(req, socket, head))

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, HOST_ADDRESS, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  origin = `http://${HOST_ADDRESS}:${port}`
  headers = securityHeaders(contentSecurityPolicy({ connectSrc: [`ws://${HOST_ADDRESS}:${port}`] }))

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    server,
    async close() {
      bridge.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
