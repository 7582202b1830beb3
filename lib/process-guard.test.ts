import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { describeFault, installProcessGuard, type ProcessFault } from './process-guard'

function recordingLogger() {
  const lines: { message: string; fields: Record<string, unknown> }[] = []
  return {
    lines,
    error: (message: string, fields: Record<string, unknown>) => lines.push({ message, fields }),
  }
}

describe('process guard', () => {
  it('logs an unhandled rejection and lets the process carry on', () => {
    const target = new EventEmitter()
    const log = recordingLogger()
    installProcessGuard({ target, log })
    target.emit('unhandledRejection', new TypeError('boom'))
    expect(log.lines).toEqual([
      {
        message: 'unhandled promise rejection',
        fields: {
          kind: 'unhandledRejection',
          error: 'TypeError: boom',
          stack: expect.stringContaining('TypeError: boom'),
        },
      },
    ])
  })

  it('logs an uncaught exception, then hands the fault to afterFault', () => {
    const target = new EventEmitter()
    const log = recordingLogger()
    const faults: ProcessFault[] = []
    installProcessGuard({ target, log, afterFault: (fault) => faults.push(fault) })
    target.emit('uncaughtException', new Error('thrown in a timer'))
    expect(log.lines.map((l) => l.message)).toEqual(['uncaught exception'])
    expect(faults).toMatchObject([{ kind: 'uncaughtException', error: 'Error: thrown in a timer' }])
  })

  it('keeps going when the logger itself throws', () => {
    const target = new EventEmitter()
    const faults: ProcessFault[] = []
    const log = {
      error: () => {
        throw new Error('stderr closed')
      },
    }
    installProcessGuard({ target, log, afterFault: (fault) => faults.push(fault) })
    expect(() => target.emit('unhandledRejection', 'plain string')).not.toThrow()
    expect(faults).toEqual([{ kind: 'unhandledRejection', error: 'non-Error value: plain string' }])
  })

  it('removes its listeners when uninstalled', () => {
    const target = new EventEmitter()
    const uninstall = installProcessGuard({ target, log: recordingLogger() })
    expect(target.listenerCount('unhandledRejection')).toBe(1)
    expect(target.listenerCount('uncaughtException')).toBe(1)
    uninstall()
    expect(target.listenerCount('unhandledRejection')).toBe(0)
    expect(target.listenerCount('uncaughtException')).toBe(0)
  })

  it('describes values that cannot be turned into text without throwing', () => {
    expect(describeFault({ toString: '' })).toEqual({ error: 'a value that cannot be described' })
    const hostile = new Error('x')
    Object.defineProperty(hostile, 'message', {
      get() {
        throw new Error('no')
      },
    })
    expect(describeFault(hostile)).toEqual({ error: 'a value that cannot be described' })
    expect(describeFault(undefined)).toEqual({ error: 'non-Error value: undefined' })
  })
})
