import { useEffect, useRef } from 'react'
import type { AnalysedFrame, FrameAnalyser } from './analyser'
import type { LiveCamera } from './camera'

const nextFrame = (run: () => void): (() => void) => {
  if (typeof requestAnimationFrame === 'function') {
    const handle = requestAnimationFrame(run)
    return () => cancelAnimationFrame(handle)
  }
  const handle = setTimeout(run, 16)
  return () => clearTimeout(handle)
}

/**
 * While `running`: grab the preview's current frame, analyse it, hand the result on, and only
 * then grab the next. At most one frame is in the worker, so the analysis never falls behind the
 * preview; frames the camera shows in between are simply not analysed.
 */
export function useLiveLoop(
  camera: LiveCamera | null,
  analyser: FrameAnalyser | null,
  running: boolean,
  onAnalysed: (frame: AnalysedFrame) => void,
): void {
  const listener = useRef(onAnalysed)
  useEffect(() => {
    listener.current = onAnalysed
  })
  useEffect(() => {
    if (!camera || !analyser || !running) return
    let stopped = false
    let cancel = () => {}
    const step = async () => {
      const frame = camera.grab()
      const result = frame ? await analyser.analyse(frame) : null
      if (stopped) return
      if (result) listener.current(result)
      cancel = nextFrame(() => void step())
    }
    void step()
    return () => {
      stopped = true
      cancel()
    }
  }, [camera, analyser, running])
}
