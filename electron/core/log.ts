/** The core's logger. Shells pass their own; tests pass a silent one. Never log PII. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

export function createStderrLogger(): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })
    process.stderr.write(`${line}\n`)
  }
  return { info: write('info'), warn: write('warn'), error: write('error') }
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} }
