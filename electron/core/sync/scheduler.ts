/**
 * Runs sync passes in the background: one every `intervalMs`, sooner when asked (a submit, the
 * officer's "sync now"). Timers are injected so tests drive it without waiting.
 */
export interface SyncScheduler {
  start(): void
  /** Run a pass soon (coalesced with one already waiting). */
  poke(): void
  stop(): Promise<void>
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms)
    handle.unref?.()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
}

export function createSyncScheduler(options: {
  runPass: () => Promise<unknown>
  intervalMs: number
  /** Delay of a poked pass: short, so a burst of submits shares one pass. */
  pokeDelayMs?: number
  timers?: Timers
}): SyncScheduler {
  const timers = options.timers ?? realTimers
  let handle: unknown = null
  let due = Number.POSITIVE_INFINITY
  let running: Promise<unknown> | null = null
  let stopped = true
  let pokedWhileRunning = false

  const schedule = (ms: number) => {
    if (stopped) return
    const at = Date.now() + ms
    if (handle !== null && at >= due) return
    if (handle !== null) timers.clearTimeout(handle)
    due = at
    handle = timers.setTimeout(fire, ms)
  }

  const fire = () => {
    handle = null
    due = Number.POSITIVE_INFINITY
    if (stopped) return
    running = options
      .runPass()
      .catch(() => undefined)
      .finally(() => {
        running = null
        const again = pokedWhileRunning
        pokedWhileRunning = false
        schedule(again ? (options.pokeDelayMs ?? 200) : options.intervalMs)
      })
  }

  return {
    start() {
      if (!stopped) return
      stopped = false
      schedule(0)
    },
    poke() {
      if (running) {
        pokedWhileRunning = true
        return
      }
      schedule(options.pokeDelayMs ?? 200)
    },
    async stop() {
      stopped = true
      if (handle !== null) timers.clearTimeout(handle)
      handle = null
      await running
    },
  }
}
