/** Where a command writes; injected so tests capture it. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
}

/** A failure a user can act on: one line in Vietnamese and English, then the technical detail. */
export class CliError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
    readonly detail: string | null,
    readonly exitCode: number,
  ) {
    super(`${vi} / ${en}${detail ? `: ${detail}` : ''}`)
    this.name = 'CliError'
  }
}
