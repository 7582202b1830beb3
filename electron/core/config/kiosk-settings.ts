import { z } from 'zod'

/** A key chord as Electron's `before-input-event` reports it: modifiers and the `key` value. */
export interface KeyChord {
  control: boolean
  alt: boolean
  shift: boolean
  meta: boolean
  /** Lower case for one character (`q`), the `KeyboardEvent.key` name otherwise (`End`, `F10`). */
  key: string
}

const MODIFIERS: Record<string, keyof Omit<KeyChord, 'key'>> = {
  ctrl: 'control',
  control: 'control',
  alt: 'alt',
  shift: 'shift',
  meta: 'meta',
  cmd: 'meta',
  command: 'meta',
}

/** Named keys a chord may end on (one printable character is also fine). */
const NAMED_KEYS = new Set([
  'End',
  'Home',
  'Insert',
  'Delete',
  'PageUp',
  'PageDown',
  'Pause',
  'ScrollLock',
  ...Array.from({ length: 24 }, (_, i) => `F${i + 1}`),
])

/**
 * Parses a chord of the config file such as `Ctrl+Alt+Shift+Q`: modifiers in any order and case,
 * one key last. Null when it is not one (no key, two keys, unknown name, a modifier twice) or when
 * it has fewer than two modifiers: a supervisor exit must not be pressed by accident.
 */
export function parseKeyChord(text: string): KeyChord | null {
  const parts = text.split('+').map((p) => p.trim())
  const last = parts.pop()
  if (last === undefined || last === '') return null
  const chord: KeyChord = { control: false, alt: false, shift: false, meta: false, key: '' }
  for (const part of parts) {
    const modifier = MODIFIERS[part.toLowerCase()]
    if (!modifier || chord[modifier]) return null
    chord[modifier] = true
  }
  const named = [...NAMED_KEYS].find((k) => k.toLowerCase() === last.toLowerCase())
  if (named) chord.key = named
  else if ([...last].length === 1 && /^[\p{L}\p{N}]$/u.test(last)) chord.key = last.toLowerCase()
  else return null
  const modifierCount = [chord.control, chord.alt, chord.shift, chord.meta].filter(Boolean).length
  return modifierCount >= 2 ? chord : null
}

/** The chord of the config file's default: three modifiers and a letter no editing uses. */
export const DEFAULT_SUPERVISOR_EXIT = 'Ctrl+Alt+Shift+Q'

export const KioskSettingsSchema = z
  .object({
    /**
     * The one shortcut that may leave the kiosk: it asks for a supervisor's session first. null:
     * no exit from the keyboard at all (the station is shut down from its operating system).
     */
    supervisorExit: z
      .string()
      .refine((s) => parseKeyChord(s) !== null, {
        message: 'a chord such as "Ctrl+Alt+Shift+Q": at least two modifiers and one key',
      })
      .nullable(),
  })
  .partial()
  .strict()

export type KioskSettings = z.infer<typeof KioskSettingsSchema>

/** The supervisor exit chord the settings give, the default when unset, null when disabled. */
export function supervisorExitChord(settings: KioskSettings | undefined): KeyChord | null {
  const text =
    settings?.supervisorExit === undefined ? DEFAULT_SUPERVISOR_EXIT : settings.supervisorExit
  return text === null ? null : parseKeyChord(text)
}
