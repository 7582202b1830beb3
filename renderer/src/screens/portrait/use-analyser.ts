import { useEffect, useState } from 'react'
import type { PortraitSettings } from '../../../../electron/contract'
import type { FrameAnalyser } from './analyser'
import type { LoadStep } from './worker-protocol'

export type AnalyserState =
  | { status: 'loading'; step: LoadStep | null }
  | { status: 'ready'; analyser: FrameAnalyser; loadMs: number }
  | { status: 'failed'; detail: string }

/** Starts the analyser once the settings are known, loads its models, disposes of it at the end. */
export function useAnalyser(
  settings: PortraitSettings | null,
  create: (limits: PortraitSettings['limits']) => FrameAnalyser,
): AnalyserState {
  const [state, setState] = useState<AnalyserState>({ status: 'loading', step: null })
  useEffect(() => {
    if (!settings) return
    const analyser = create(settings.limits)
    let live = true
    analyser
      .load((step) => live && setState({ status: 'loading', step }))
      .then(
        (loadMs) => live && setState({ status: 'ready', analyser, loadMs }),
        (error: unknown) =>
          live &&
          setState({
            status: 'failed',
            detail: error instanceof Error ? error.message : String(error),
          }),
      )
    return () => {
      live = false
      analyser.dispose()
    }
  }, [settings, create])
  return state
}
