import { useEffect, useRef } from 'react'

const INPUT_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const
/** The core hears of input at most this often (it locks a session silent for the idle time). */
const TOUCH_EVERY_MS = 20_000

/**
 * Calls `onIdle` after `minutes` without keyboard, pointer or touch input, and `onActivity`
 * (throttled) while there is input. Timers only: the clock is the page's, so tests drive it.
 */
export function useIdleLock(
  minutes: number,
  enabled: boolean,
  onIdle: () => void,
  onActivity: () => void,
) {
  const callbacks = useRef({ onIdle, onActivity })
  useEffect(() => {
    callbacks.current = { onIdle, onActivity }
  })
  useEffect(() => {
    if (!enabled) return
    let timer = setTimeout(() => callbacks.current.onIdle(), minutes * 60_000)
    let lastTouch = Date.now()
    const activity = () => {
      clearTimeout(timer)
      timer = setTimeout(() => callbacks.current.onIdle(), minutes * 60_000)
      if (Date.now() - lastTouch >= TOUCH_EVERY_MS) {
        lastTouch = Date.now()
        callbacks.current.onActivity()
      }
    }
    for (const name of INPUT_EVENTS) window.addEventListener(name, activity, { passive: true })
    return () => {
      clearTimeout(timer)
      for (const name of INPUT_EVENTS) window.removeEventListener(name, activity)
    }
  }, [minutes, enabled])
}
