import type { EventName, EventPayload } from '../contract'

/**
 * One contract event for the shells. `to` is the connection (window or socket) it is for: events
 * with citizen data always name one, and a shell delivers those to that connection only.
 */
export type EventListener = <E extends EventName>(
  event: E,
  payload: EventPayload<E>,
  to?: string,
) => void

/** The core's contract events, fanned out to every shell listening. */
export function createEventBus() {
  const listeners = new Set<EventListener>()
  const emit: EventListener = (event, payload, to) => {
    for (const listener of listeners) listener(event, payload, to)
  }
  return {
    emit,
    listen(listener: EventListener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    clear: () => listeners.clear(),
  }
}
