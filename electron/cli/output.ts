import { bilingualMessage, type MessageParams } from '../../lib/messages'
import { EXIT, type ExitCode } from './exit-codes'

/** Where a command writes; injected so tests capture it. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
}

/** A driver error that carries its own texts (drivers move onto the catalogue separately). */
export interface BilingualError {
  readonly vi: string
  readonly en: string
  readonly detail?: string | null
}

/**
 * A failure a user can act on: `code` is a key of the message catalogue (`cli.*`), shown as one line
 * in Vietnamese and English, then the technical detail; `exitCode` comes from the EXIT table.
 */
export class CliError extends Error {
  readonly line: string

  constructor(
    readonly code: string,
    readonly params: MessageParams = {},
    readonly exitCode: ExitCode = EXIT.FAILED,
    readonly detail: string | null = null,
    line: string = bilingualMessage(code, params),
  ) {
    super(`${line}${detail ? `: ${detail}` : ''}`)
    this.line = line
    this.name = 'CliError'
  }

  /** A driver's error as a CliError, keeping the driver's own texts. */
  static fromDriver(error: BilingualError, exitCode: ExitCode): CliError {
    return new CliError(
      'cli.errors.device',
      {},
      exitCode,
      error.detail ?? null,
      `${error.vi} / ${error.en}`,
    )
  }
}
