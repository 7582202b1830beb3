import { useCallback, useEffect, useState } from 'react'
import type {
  CardAccess,
  EventPayload,
  KioskClient,
  ReplyError,
} from '../../../../electron/contract'

export interface CardReadState {
  reading: boolean
  step: EventPayload<'card.readStep'>['step'] | null
  progress: EventPayload<'card.readProgress'> | null
  error: ReplyError | null
}

const IDLE: CardReadState = { reading: false, step: null, progress: null, error: null }

/**
 * One chip read with its progress: `card.readStep` and `card.readProgress` events while
 * `card.read` runs. The core keeps the read for `identify.chip`; this keeps only the outcome.
 */
export function useCardRead(client: KioskClient) {
  const [state, setState] = useState<CardReadState>(IDLE)
  useEffect(() => {
    const offStep = client.on('card.readStep', ({ step }) =>
      setState((s) => (s.reading ? { ...s, step } : s)),
    )
    const offProgress = client.on('card.readProgress', (progress) =>
      setState((s) => (s.reading ? { ...s, progress } : s)),
    )
    return () => {
      offStep()
      offProgress()
    }
  }, [client])
  const read = useCallback(
    async (access: CardAccess): Promise<boolean> => {
      setState({ ...IDLE, reading: true })
      const reply = await client.card.read({ access })
      setState({ ...IDLE, error: reply.ok ? null : reply.error })
      return reply.ok
    },
    [client],
  )
  return { ...state, read, clearError: () => setState((s) => ({ ...s, error: null })) }
}
