import { join } from 'node:path'
import { createCore, type Core } from '../../electron/core'
import type { PacketPartInput } from '../../protocol/packet'
import type { UpstreamProcess } from './upstream-process'

/** A fresh simulated station in `root/name`, registered with `upstream`. */
export async function station(
  root: string,
  name: string,
  upstream: UpstreamProcess,
): Promise<Core> {
  const core = await createCore(
    {
      dataDir: join(root, name),
      devices: 'simulated',
      upstreamUrl: upstream.url,
      language: 'en',
      // The bench fills queues far past what a station would accept before syncing.
      freeze: { maxUnsyncedFiles: 1_000_000 },
    },
    { shell: 'cli' },
  )
  await core.queue.register(await upstream.invite())
  return core
}

/** Submits one enrollment of `parts` per call (the real submit path: sign, seal, queue). */
export function submitter(core: Core, parts: PacketPartInput[]) {
  return () =>
    core.submit({
      officerId: 'bench',
      startedAt: new Date().toISOString(),
      parts,
      simulated: true,
    })
}
