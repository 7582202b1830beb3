import { describe, expect, it } from 'vitest'
import type { Ef01PortFinding } from '../../../../drivers/fingerprint'
import { createEf01Probe } from './ef01'

describe('EF01 probe for hot-plug polling', () => {
  it('probes a port when it appears, keeps a found module unprobed, retries a silent port', async () => {
    let listed = ['/dev/ttyUSB0', '/dev/ttyUSB1']
    const probed: string[] = []
    const probe = createEf01Probe(
      async () => listed,
      async (path): Promise<Ef01PortFinding> => {
        probed.push(path)
        return path === '/dev/ttyUSB0'
          ? { path, found: true, baudRate: 57600, librarySize: 1000 }
          : { path, found: false, reason: 'no-answer', detail: 'silent' }
      },
    )
    expect((await probe()).map((f) => [f.path, f.found])).toEqual([
      ['/dev/ttyUSB0', true],
      ['/dev/ttyUSB1', false],
    ])
    await probe()
    expect(probed.filter((p) => p === '/dev/ttyUSB0')).toHaveLength(1)
    expect(probed.filter((p) => p === '/dev/ttyUSB1')).toHaveLength(2)
    listed = ['/dev/ttyUSB1']
    await probe()
    listed = ['/dev/ttyUSB0', '/dev/ttyUSB1']
    await probe()
    // Unplugged and plugged back: probed again.
    expect(probed.filter((p) => p === '/dev/ttyUSB0')).toHaveLength(2)
  })
})
