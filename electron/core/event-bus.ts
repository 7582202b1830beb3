import type { EventName, EventPayload } from '../contract'

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

/** The core's contract events, fanned out to every shell listening. */
export function createEventBus() {
  const listeners = new Set<EventListener>()
  const emit: EventListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload)
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
