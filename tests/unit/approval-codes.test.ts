// The contract may import only zod and itself, so the approval exception codes are written twice:
// once for the kiosk's IPC, once for the enrollment file's manifest. They must stay the same list.
import { expect, it } from 'vitest'
import { approvalExceptionCodes } from '../../electron/contract'
import { approvalExceptions } from '../../protocol/packet/manifest'

it('the contract and the manifest name the same approval exceptions, in the same order', () => {
  expect([...approvalExceptionCodes]).toEqual([...approvalExceptions])
})
