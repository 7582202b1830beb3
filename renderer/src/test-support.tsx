// Helpers for the renderer's component tests (happy-dom + @testing-library/react); never bundled.
import { render, type RenderResult } from '@testing-library/react'
import type { i18n } from 'i18next'
import type { ReactElement } from 'react'
import { I18nextProvider } from 'react-i18next'
import {
  createKioskClient,
  type DeviceInfo,
  type EventName,
  type KioskClient,
  type Language,
  type RequestChannel,
} from '../../electron/contract'
import { createI18n } from './i18n'

/** Renders `ui` under a fresh i18n instance in `language`, as main.tsx does. */
export async function renderTranslated(
  ui: ReactElement,
  language: Language = 'vi',
): Promise<RenderResult & { i18n: i18n }> {
  const instance = await createI18n(language)
  // A wrapper, so that `rerender` keeps the provider around the new element.
  const result = render(ui, {
    wrapper: ({ children }) => <I18nextProvider i18n={instance}>{children}</I18nextProvider>,
  })
  return { ...result, i18n: instance }
}

/** A device as the core reports it; `health` and the rest overridable. */
export function device(
  fields: Partial<Omit<DeviceInfo, 'health'>> & { health?: Partial<DeviceInfo['health']> },
): DeviceInfo {
  const kind = fields.kind ?? 'card-reader'
  return {
    id: fields.id ?? `real:${kind}`,
    kind,
    name: fields.name ?? 'Test device',
    source: fields.source ?? 'real',
    connection: fields.connection ?? 'in-process',
    health: { status: 'ready', checkedAt: '2026-12-02T07:00:00.000Z', ...fields.health },
  }
}

export type RequestHandler = (payload: unknown) => unknown | Promise<unknown>

/**
 * The real contract client over an in-memory transport: `handlers` answer requests with raw
 * replies (validated by the client as in production), `emit` pushes a core event, `calls` lists
 * every request sent.
 */
export function fakeKiosk(handlers: Partial<Record<RequestChannel, RequestHandler>>): {
  client: KioskClient
  calls: { channel: RequestChannel; payload: unknown }[]
  emit(event: EventName, payload: unknown): void
} {
  const calls: { channel: RequestChannel; payload: unknown }[] = []
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const client = createKioskClient({
    invoke: async (channel, payload) => {
      calls.push({ channel, payload })
      const handler = handlers[channel]
      if (!handler) return { ok: false, error: { code: 'E_UNKNOWN_CHANNEL', message: channel } }
      return handler(payload)
    },
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener)
      return () => set.delete(listener)
    },
  })
  return {
    client,
    calls,
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
  }
}
