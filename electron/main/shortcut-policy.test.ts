import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SUPERVISOR_EXIT, parseKeyChord, supervisorExitChord } from '../core'
import { shortcutVerdict, type KeyInput, type ShortcutPolicyOptions } from './shortcut-policy'

const kiosk: ShortcutPolicyOptions = {
  supervisorExit: parseKeyChord(DEFAULT_SUPERVISOR_EXIT),
  development: false,
}

/** `Ctrl+Shift+I` → the key-down Electron reports for it. */
function press(chord: string, type = 'keyDown'): KeyInput {
  const parts = chord.split('+')
  const key = parts.pop() ?? ''
  const has = (name: string) => parts.includes(name)
  return {
    type,
    key: key === 'Space' ? ' ' : key,
    control: has('Ctrl'),
    alt: has('Alt'),
    shift: has('Shift'),
    meta: has('Cmd'),
  }
}

describe('shortcut policy', () => {
  it.each([
    'Alt+F4',
    'Ctrl+w',
    'Ctrl+q',
    'Ctrl+r',
    'Ctrl+Shift+R',
    'Ctrl+n',
    'Ctrl+t',
    'Ctrl+p',
    'Ctrl+o',
    'Ctrl+s',
    'Ctrl+=',
    'Ctrl+-',
    'Ctrl+0',
    'Ctrl+Shift+I',
    'Ctrl+Shift+J',
    'Ctrl+Shift+C',
    'Cmd+w',
    'Cmd+q',
    'Cmd+h',
    'Cmd+m',
    'Cmd+Alt+i',
    'F5',
    'F7',
    'F11',
    'F12',
    'Shift+F10',
    'Alt+ArrowLeft',
    'Alt+ArrowRight',
    'Alt+Home',
    'Alt+Space',
    'Alt+Alt',
    'BrowserBack',
    'BrowserRefresh',
  ])('blocks %s', (chord) => {
    expect(shortcutVerdict(press(chord), kiosk)).toBe('block')
  })

  it.each([
    'a',
    'Shift+Ă',
    'ư',
    'Enter',
    'Tab',
    'Shift+Tab',
    'Escape',
    'Backspace',
    'ArrowLeft',
    ' ',
    'Ctrl+a',
    'Ctrl+c',
    'Ctrl+v',
    'Ctrl+x',
    'Ctrl+z',
    'Ctrl+Shift+Z',
    'Ctrl+y',
    'Cmd+v',
    'Ctrl+ArrowLeft',
    'Ctrl+Backspace',
    // AltGr on a German layout: Ctrl+Alt+Q types "@".
    'Ctrl+Alt+@',
  ])('lets %s through to the page', (chord) => {
    expect(shortcutVerdict(press(chord), kiosk)).toBe('allow')
  })

  it('hands the configured chord to the supervisor exit, in either letter case', () => {
    expect(shortcutVerdict(press('Ctrl+Alt+Shift+Q'), kiosk)).toBe('supervisor-exit')
    expect(shortcutVerdict(press('Ctrl+Alt+Shift+q'), kiosk)).toBe('supervisor-exit')
    // One modifier fewer is not the chord, and Ctrl+Alt+letter is blocked.
    expect(shortcutVerdict(press('Ctrl+Alt+Q'), kiosk)).toBe('block')
  })

  it('has no exit when the chord is disabled, and honours another configured chord', () => {
    const none = { ...kiosk, supervisorExit: supervisorExitChord({ supervisorExit: null }) }
    expect(shortcutVerdict(press('Ctrl+Alt+Shift+Q'), none)).toBe('block')
    const end = {
      ...kiosk,
      supervisorExit: supervisorExitChord({ supervisorExit: 'Ctrl+Alt+End' }),
    }
    expect(shortcutVerdict(press('Ctrl+Alt+End'), end)).toBe('supervisor-exit')
    expect(shortcutVerdict(press('Ctrl+Alt+Shift+Q'), end)).toBe('block')
  })

  it('decides on key-down only', () => {
    expect(shortcutVerdict(press('Alt+F4', 'keyUp'), kiosk)).toBe('allow')
    expect(shortcutVerdict(press('Alt+F4', 'rawKeyDown'), kiosk)).toBe('block')
  })

  it('keeps devtools and reload in development, and nothing else', () => {
    const dev = { ...kiosk, development: true }
    for (const chord of ['F12', 'F5', 'Ctrl+r', 'Ctrl+Shift+I', 'Ctrl+Shift+R'])
      expect(shortcutVerdict(press(chord), dev)).toBe('allow')
    for (const chord of ['Alt+F4', 'Ctrl+w', 'F11', 'Ctrl+Shift+J'])
      expect(shortcutVerdict(press(chord), dev)).toBe('block')
  })
})

describe('parseKeyChord', () => {
  it('reads modifiers in any order and case, the key last', () => {
    expect(parseKeyChord('shift+CTRL+alt+q')).toEqual({
      control: true,
      alt: true,
      shift: true,
      meta: false,
      key: 'q',
    })
    expect(parseKeyChord('Cmd+Ctrl+end')?.key).toBe('End')
    expect(parseKeyChord('Ctrl+Alt+F10')?.key).toBe('F10')
  })

  it.each([
    '',
    'Q',
    'Ctrl+Q',
    'Ctrl+Ctrl+Q',
    'Ctrl+Alt+',
    'Ctrl+Alt+QQ',
    'Ctrl+Hyper+Q',
    'Ctrl+Alt+@',
  ])('refuses %j', (text) => {
    expect(parseKeyChord(text)).toBeNull()
  })

  it('never throws, and what it accepts has two modifiers and matches its own key press', () => {
    const part = fc.constantFrom(
      'Ctrl',
      'Alt',
      'Shift',
      'Cmd',
      'Meta',
      'Hyper',
      'q',
      'End',
      'F4',
      '',
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(part).map((p) => p.join('+')),
        ),
        (text) => {
          const chord = parseKeyChord(text)
          if (chord === null) return
          const modifiers = [chord.control, chord.alt, chord.shift, chord.meta].filter(Boolean)
          expect(modifiers.length).toBeGreaterThanOrEqual(2)
          const input = { type: 'keyDown', ...chord }
          expect(shortcutVerdict(input, { supervisorExit: chord, development: false })).toBe(
            'supervisor-exit',
          )
        },
      ),
    )
  })
})
