/**
 * Whether `error` says PostgreSQL cannot be reached right now (restarting, shut down, the
 * connection dropped, the database closed to connections) rather than that a statement is wrong:
 * such a request is answered 503 `unavailable`, which the kiosk retries. Its transaction was
 * rolled back, so nothing of it was kept and nothing is lost by sending it again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const { code } = error as { code?: unknown }
  if (typeof code === 'string') {
    // SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, crash, starting up).
    if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code)) return true
    // ALTER DATABASE … ALLOW_CONNECTIONS false: the database is closed to new connections.
    if (code === '55000' && /not currently accepting connections/.test(error.message)) return true
    if (['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true
  }
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
    error.message,
  )
}
