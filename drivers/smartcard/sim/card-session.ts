import type { CommandApdu, ResponseApdu } from '../iso7816/apdu'
import type { Application, ElementaryFile } from './file-system'

/** A decoded command as the card sees it. */
export type CardCommand = CommandApdu & { extended: boolean }

/**
 * The card half of a secure messaging session (BAC or PACE keys and SSC), plugged in by the access
 * control responders once they succeed. `unwrapCommand` throws when the MAC or the data objects are
 * wrong; the card then answers a bare status word (the error's numeric `sw` if it has one, such
 * as 6987, else 6988) and drops the session, as ICAO 9303-11 requires.
 */
export interface SecureMessagingSession {
  unwrapCommand(command: CardCommand): CardCommand | Promise<CardCommand>
  /** Protects the answer to `command` (the unwrapped command). */
  wrapResponse(response: ResponseApdu, command: CardCommand): ResponseApdu | Promise<ResponseApdu>
}

/** What a command handler sees and may change. */
export interface CardContext {
  /** This command arrived protected (and was unwrapped). */
  readonly secureMessaging: boolean
  readonly application: Application | null
  readonly currentFile: ElementaryFile | null
  selectApplication(application: Application | null): void
  selectFile(file: ElementaryFile | null): void
  /** Starts protecting commands after the current answer, which goes out plain (BAC, PACE). */
  startSecureMessaging(session: SecureMessagingSession): void
  endSecureMessaging(): void
  /** Tells fault hooks and observers that `length` bytes of `file` at `offset` are answered. */
  fileRead(file: ElementaryFile, offset: number, length: number): void
}

export type CommandHandler = (
  command: CardCommand,
  context: CardContext,
) => ResponseApdu | Promise<ResponseApdu>
