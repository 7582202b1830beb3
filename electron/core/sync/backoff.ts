/**
 * The delay before retry number `attempt` (1 = the first retry): exponential from `baseMs`, capped
 * at `maxMs`, with "equal jitter" — half fixed, half random — so stations that lost the network
 * together do not all come back in the same second, and no retry comes sooner than half the step.
 */
export function backoffDelay(
  attempt: number,
  settings: { backoffBaseMs: number; backoffMaxMs: number },
  random: () => number,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 40)
  const step = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** exponent)
  return Math.round(step / 2 + random() * (step / 2))
}
