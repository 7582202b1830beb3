/**
 * A card in software: what a reader (the in-process link, or vpcd through pcscd) talks to.
 * `process` takes one command APDU and gives the response APDU with its status word. It may throw
 * CardRemovedError (the card left the field) or never settle (a mute card).
 */
export interface VirtualCard {
  readonly atr: Uint8Array
  powerOn(): void
  powerOff(): void
  /** Warm reset: volatile state (selection, secure messaging session) is lost. */
  reset(): void
  process(command: Uint8Array): Promise<Uint8Array> | Uint8Array
}
