import type { LengthLimits } from '../iso7816/length-limits'

/**
 * What fell back to short length, by card model (ATR and EF.ATR/INFO): a chip that claims extended
 * length and refuses it does so every time, so the next read of that card starts short.
 */
export interface LengthMemory {
  get(key: string): LengthLimits | undefined
  set(key: string, limits: LengthLimits): void
}

/** An in-memory LengthMemory holding the last `capacity` cards (the kiosk's lifetime). */
export function createLengthMemory(capacity = 64): LengthMemory {
  const entries = new Map<string, LengthLimits>()
  return {
    get: (key) => entries.get(key),
    set(key, limits) {
      entries.delete(key)
      entries.set(key, limits)
      const oldest = entries.keys().next()
      if (entries.size > capacity && !oldest.done) entries.delete(oldest.value)
    },
  }
}
