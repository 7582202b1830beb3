import { createConnection } from 'node:net'

/** pcsc-lite's client socket; pcscd listens here when it runs. */
export function pcscdSocketPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PCSCLITE_CSOCK_NAME ?? '/run/pcscd/pcscd.comm'
}

/**
 * Whether pcscd accepts connections on its socket. A file alone is not enough: a socket left by a
 * killed pcscd makes the binding retry SCardEstablishContext for ever on the main thread.
 */
export function pcscdListening(socketPath: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ path: socketPath })
    const finish = (listening: boolean): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve(listening)
    }
    const timer = setTimeout(() => finish(false), timeoutMs)
    socket.once('connect', () => finish(true))
    socket.once('error', () => finish(false))
  })
}
