import type { KeyChord } from '../core'

/** The fields of Electron's `Input` (before-input-event) the policy looks at. */
export interface KeyInput {
  type: string
  key: string
  control: boolean
  alt: boolean
  shift: boolean
  meta: boolean
}

/** What to do with one key press: let it through, swallow it, or start the supervisor exit. */
export type ShortcutVerdict = 'allow' | 'block' | 'supervisor-exit'

export interface ShortcutPolicyOptions {
  /** The configured supervisor exit chord; null when the kiosk has none. */
  supervisorExit: KeyChord | null
  /** Development builds keep devtools (F12, Ctrl+Shift+I) and reload (F5, Ctrl+R). */
  development: boolean
}

/** Ctrl/Cmd combinations text fields need: select all, copy, cut, paste, undo, redo, word moves. */
const EDITING_KEYS = new Set(['a', 'c', 'v', 'x', 'z', 'y'])
const CARET_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'Backspace',
  'Delete',
])
/** Alt combinations that navigate back/forward, close the window, open its system menu or menu bar. */
const ALT_BLOCKED = new Set(['Alt', 'F4', 'ArrowLeft', 'ArrowRight', 'Home', ' ', 'Escape'])
/** Keyboard keys that drive the browser itself. */
const BROWSER_KEY = /^Browser/
const FUNCTION_KEY = /^F\d{1,2}$/
const DEVELOPMENT_KEYS = ['F5', 'F12', 'ctrl+r', 'ctrl+shift+r', 'ctrl+shift+i']

/** The input's key as the chord format writes it: one character lower case, names as they are. */
function normalKey(key: string): string {
  return [...key].length === 1 ? key.toLowerCase() : key
}

function matchesChord(input: KeyInput, chord: KeyChord): boolean {
  return (
    input.control === chord.control &&
    input.alt === chord.alt &&
    input.shift === chord.shift &&
    input.meta === chord.meta &&
    normalKey(input.key) === chord.key
  )
}

function developmentName(input: KeyInput, key: string): string {
  const ctrl = input.control || input.meta ? 'ctrl+' : ''
  return `${ctrl}${input.shift && ctrl ? 'shift+' : ''}${key}`
}

/** A Ctrl/Cmd combination: only the editing ones pass (Ctrl+Shift+C is devtools' inspector). */
function commandKeyVerdict(input: KeyInput, key: string): ShortcutVerdict {
  // AltGr arrives as Ctrl+Alt on Windows: a character it types (@, €, ~) is text, not a shortcut.
  if (input.alt && [...key].length === 1 && !/[a-z0-9]/.test(key)) return 'allow'
  if (input.alt) return 'block'
  if (CARET_KEYS.has(key)) return 'allow'
  if (!EDITING_KEYS.has(key)) return 'block'
  return input.shift && key !== 'z' ? 'block' : 'allow'
}

/**
 * Which key presses may reach the page. The kiosk must not be left, reloaded, zoomed, printed or
 * inspected from the keyboard: function keys, browser keys, Alt navigation and every Ctrl/Cmd
 * combination but text editing are blocked; the supervisor exit chord is handed to the caller.
 * Only key-down events decide (blocking it blocks the shortcut); key-up always passes.
 */
export function shortcutVerdict(input: KeyInput, options: ShortcutPolicyOptions): ShortcutVerdict {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return 'allow'
  if (options.supervisorExit && matchesChord(input, options.supervisorExit))
    return 'supervisor-exit'
  const key = normalKey(input.key)
  if (options.development && DEVELOPMENT_KEYS.includes(developmentName(input, key))) return 'allow'
  if (FUNCTION_KEY.test(key) || BROWSER_KEY.test(key)) return 'block'
  if (input.control || input.meta) return commandKeyVerdict(input, key)
  if (input.alt && ALT_BLOCKED.has(key)) return 'block'
  return 'allow'
}
