import { describe, expect, it } from 'vitest'
import { idleCapture, onFrame, onTick, type AutoCapture } from './auto-capture'

const run = (frames: boolean[], rule: { autoCaptureFrames: number; countdownSeconds: number }) => {
  let state: AutoCapture = idleCapture
  const captures: number[] = []
  frames.forEach((ok, i) => {
    const step = onFrame(state, ok, rule)
    state = step.next
    if (step.capture) captures.push(i)
  })
  return { state, captures }
}

describe('auto-capture', () => {
  it('captures on the Nth acceptable frame in a row when there is no countdown', () => {
    expect(run([true, true, true], { autoCaptureFrames: 3, countdownSeconds: 0 }).captures).toEqual(
      [2],
    )
    expect(
      run([true, true, false, true, true], { autoCaptureFrames: 3, countdownSeconds: 0 }).captures,
    ).toEqual([])
  })

  it('starts the countdown on the Nth frame, ticks it down, captures at zero', () => {
    const { state, captures } = run([true, true], { autoCaptureFrames: 2, countdownSeconds: 2 })
    expect(captures).toEqual([])
    expect(state.countdown).toBe(2)
    const one = onTick(state)
    expect(one).toEqual({ next: { streak: 2, countdown: 1 }, capture: false })
    expect(onTick(one.next)).toEqual({ next: idleCapture, capture: true })
  })

  it('a failing frame cancels the countdown and the streak', () => {
    const { state } = run([true, true, true, false], { autoCaptureFrames: 2, countdownSeconds: 3 })
    expect(state).toEqual(idleCapture)
    expect(onTick(state).capture).toBe(false)
  })
})
