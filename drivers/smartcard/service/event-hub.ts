/** A minimal typed event emitter: listeners per event name, `on` returns the unsubscribe. */
export class EventHub<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>()

  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener as (payload: never) => void)
    return () => set.delete(listener as (payload: never) => void)
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      ;(listener as (payload: Events[K]) => void)(payload)
    }
  }

  clear(): void {
    this.listeners.clear()
  }
}
