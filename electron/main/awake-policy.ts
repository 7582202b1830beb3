import type { EnrollmentView, Reply, RequestChannel } from '../contract'

/** The part of Electron's `powerSaveBlocker` the policy drives. */
export interface PowerSaveBlocker {
  start(type: 'prevent-display-sleep'): number
  stop(id: number): void
}

/**
 * Whether the window has an enrollment in progress after this reply, or null when the reply says
 * nothing about it. The enrollment channels answer with the enrollment's view (or none); a
 * sign-out leaves the draft saved but nobody at the desk.
 */
export function enrollmentActiveAfter(
  channel: RequestChannel,
  reply: Reply<unknown>,
): boolean | null {
  if (!reply.ok) return reply.error.code === 'E_ENROLLMENT_NONE' ? false : null
  switch (channel) {
    case 'enrollment.current':
    case 'enrollment.start':
    case 'enrollment.intent': {
      const view = reply.value as EnrollmentView | null
      return view?.phase === 'active'
    }
    case 'enrollment.cancel':
    case 'enrollment.finish':
    case 'session.signOut':
      return false
    default:
      return null
  }
}

export interface AwakePolicy {
  /** One request of the kiosk window answered. */
  observe(channel: RequestChannel, reply: Reply<unknown>): void
  /** The window closed or its page went away: nobody is enrolling there any more. */
  release(): void
  readonly awake: boolean
}

/**
 * Keeps the display awake while the kiosk window has an enrollment in progress (an officer reading
 * a card or taking fingers must not see the screen go dark), and lets it sleep when none is.
 */
export function createAwakePolicy(blocker: PowerSaveBlocker): AwakePolicy {
  let blockerId: number | null = null
  const set = (active: boolean) => {
    if (active && blockerId === null) blockerId = blocker.start('prevent-display-sleep')
    if (!active && blockerId !== null) {
      blocker.stop(blockerId)
      blockerId = null
    }
  }
  return {
    observe(channel, reply) {
      const active = enrollmentActiveAfter(channel, reply)
      if (active !== null) set(active)
    },
    release: () => set(false),
    get awake() {
      return blockerId !== null
    },
  }
}
