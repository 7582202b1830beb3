import { useCallback, useEffect, useState } from 'react'
import type {
  CardAccess,
  EventPayload,
  KioskClient,
  ReplyError,
} from '../../../../electron/contract'
import { observeRead, type EstimatorState, type ReadEstimate } from './read-estimate'

export interface CardReadState {
  reading: boolean
  step: EventPayload<'card.readStep'>['step'] | null
  progress: EventPayload<'card.readProgress'> | null
  /** The time left, from the blocks seen so far (null before the first block). */
  estimator: EstimatorState | null
  error: ReplyError | null
}

const IDLE: CardReadState = {
  reading: false,
  step: null,
  progress: null,
  estimator: null,
  error: null,
}

const performanceNow = () => performance.now()

/**
 * One chip read with its progress: `card.readStep` and `card.readProgress` events while
 * `card.read` runs. The core keeps the read for `identify.chip`; this keeps only the outcome.
 * `now` is the clock (ms) each block is timed with, for the estimate of the time left; keep it
 * the same function across renders (a new one re-subscribes).
 */
export function useCardRead(client: KioskClient, now: () => number = performanceNow) {
  const [state, setState] = useState<CardReadState>(IDLE)
  useEffect(() => {
    const offStep = client.on('card.readStep', ({ step }) =>
      setState((s) => (s.reading ? { ...s, step } : s)),
    )
    const offProgress = client.on('card.readProgress', (progress) => {
      // Timed when it arrives, not when React gets to it.
      const at = now()
      setState((s) =>
        s.reading ? { ...s, progress, estimator: observeRead(s.estimator, progress, at) } : s,
      )
    })
    return () => {
      offStep()
      offProgress()
    }
  }, [client, now])
  const read = useCallback(
    async (access: CardAccess): Promise<boolean> => {
      setState({ ...IDLE, reading: true })
      const reply = await client.card.read({ access })
      setState({ ...IDLE, error: reply.ok ? null : reply.error })
      return reply.ok
    },
    [client],
  )
  const estimate: ReadEstimate | null = state.estimator?.estimate ?? null
  return {
    ...state,
    estimate,
    read,
    clearError: () => setState((s) => ({ ...s, error: null })),
  }
}
