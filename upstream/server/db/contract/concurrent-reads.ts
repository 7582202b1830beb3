/** Writes to one body, and the body after each of them: what a concurrent reader may see. */
export interface WritePlan {
  writes: { offset: number; data: Buffer }[]
  /** `states[i]` is the body before write i; the last one, after every write. */
  states: Buffer[]
}

/**
 * `count` writes that alternate runs of appends with rewrites that drop a tail (every fourth
 * write goes back to the middle of the body), each chunk filled with its own byte.
 */
export function writePlan(count: number, chunk = 4096): WritePlan {
  const writes: WritePlan['writes'] = []
  const states = [Buffer.alloc(0)]
  for (let i = 0; i < count; i++) {
    const body = states[states.length - 1] ?? Buffer.alloc(0)
    const offset = i % 4 === 3 ? Math.floor(body.byteLength / 2) : body.byteLength
    const data = Buffer.alloc(chunk + i, (i % 250) + 1)
    writes.push({ offset, data })
    states.push(Buffer.concat([body.subarray(0, offset), data]))
  }
  return { writes, states }
}

/**
 * Whether `body` is something a reader may see while the plan runs: a state between writes, or,
 * during an append, the body before it plus part of the new chunk. A rewrite shows old or new.
 */
export function allowedDuring(plan: WritePlan, body: Buffer): boolean {
  return plan.states.some((before, i) => {
    if (body.equals(before)) return true
    const after = plan.states[i + 1]
    const write = plan.writes[i]
    if (!after || !write || write.offset !== before.byteLength) return false
    return body.byteLength > before.byteLength && after.subarray(0, body.byteLength).equals(body)
  })
}
