import { SW_OK } from '../iso7816/apdu'
import { SW } from '../iso7816/status-words'

/**
 * The chip's counter of wrong access keys, for the BAC/PACE responders: each failure costs a try,
 * a success restores them, none left answers 6983. `forceFailures` is the fault hook that makes
 * the next attempts fail even with the right key.
 */
export class RetryCounter {
  private left: number
  private forced = 0

  constructor(
    readonly limit = 3,
    /** Answer 63Cx (tries left) on failure; false answers a bare 6300 as BAC chips do. */
    private readonly reportRetries = true,
  ) {
    this.left = limit
  }

  get remaining(): number {
    return this.left
  }

  get blocked(): boolean {
    return this.left === 0
  }

  forceFailures(count: number): void {
    this.forced = count
  }

  /** Records one attempt and returns the status word the chip answers. */
  verify(keyCorrect: boolean): number {
    if (this.left === 0) return SW.AUTHENTICATION_BLOCKED
    let correct = keyCorrect
    if (this.forced > 0) {
      this.forced--
      correct = false
    }
    if (correct) {
      this.left = this.limit
      return SW_OK
    }
    this.left--
    if (this.left === 0) return SW.AUTHENTICATION_BLOCKED
    return this.reportRetries ? 0x63c0 | Math.min(this.left, 0x0f) : SW.AUTHENTICATION_FAILED
  }

  /** Restores every try (a supervisor unblocking the card, or a new test). */
  restore(): void {
    this.left = this.limit
    this.forced = 0
  }
}
