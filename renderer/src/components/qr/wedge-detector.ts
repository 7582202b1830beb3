/**
 * Tells a keyboard-wedge scanner from a person at the keyboard. A wedge scanner "types" the code
 * it read into the focused field, a character every few milliseconds, and ends with Enter; a person
 * types with gaps of 80 ms and more. Pure, with the time of each key passed in (the component
 * gives `KeyboardEvent.timeStamp`), so tests state the gaps exactly.
 *
 * It lives in the renderer, not drivers/barcode: the keys arrive in the renderer, which may import
 * only the contract, and the main process never sees them.
 */

export interface WedgeOptions {
  /** The longest gap between two keys of one scan. USB HID polls at 1–8 ms; 35 ms leaves room. */
  maxGapMs?: number
  /** A CCCD QR payload is ~150 characters; fewer than this is not a scan worth sending. */
  minLength?: number
  /** Slow gaps one scan may have (the OS or a busy renderer may hold a key back once in a while). */
  slowGapsPer100?: number
}

export type WedgeVerdict =
  | { kind: 'scan'; text: string }
  /** Enter after keys that came at a person's pace (or too few): not a scan. */
  | { kind: 'typed'; length: number }
  /** Enter with nothing before it. */
  | { kind: 'empty' }

export const DEFAULT_WEDGE_OPTIONS: Required<WedgeOptions> = {
  maxGapMs: 35,
  minLength: 20,
  slowGapsPer100: 2,
}

export class WedgeDetector {
  private readonly options: Required<WedgeOptions>
  private chars: string[] = []
  private lastAt: number | null = null
  private slowGaps = 0

  constructor(options: WedgeOptions = {}) {
    this.options = { ...DEFAULT_WEDGE_OPTIONS, ...options }
  }

  /** A printable character (`KeyboardEvent.key` of length 1, any script) typed at `at` ms. */
  key(char: string, at: number): void {
    if (this.lastAt !== null && at - this.lastAt > this.options.maxGapMs) this.slowGaps += 1
    this.chars.push(char)
    this.lastAt = at
  }

  /** Enter at `at` ms: what the keys since the last Enter were. Starts over either way. */
  enter(at: number): WedgeVerdict {
    const length = this.chars.length
    const text = this.chars.join('')
    const late = this.lastAt !== null && at - this.lastAt > this.options.maxGapMs
    const slow = this.slowGaps + (late ? 1 : 0)
    this.reset()
    if (length === 0) return { kind: 'empty' }
    const allowed = Math.floor((length * this.options.slowGapsPer100) / 100)
    if (length < this.options.minLength || slow > allowed) return { kind: 'typed', length }
    return { kind: 'scan', text }
  }

  reset(): void {
    this.chars = []
    this.lastAt = null
    this.slowGaps = 0
  }
}
