import { describe, expect, it } from 'vitest'
import {
  classifyStatus,
  ESME_RINVDSTADR,
  ESME_RMSGQFUL,
  ESME_ROK,
  ESME_RSYSERR,
  ESME_RTHROTTLED,
  isCredentialRefusal,
  statusHex,
} from './smpp-status'

describe('classifyStatus', () => {
  it('sorts the codes the sender acts on', () => {
    expect(classifyStatus(ESME_ROK)).toBe('ok')
    expect(classifyStatus(ESME_RTHROTTLED)).toBe('throttled')
    expect(classifyStatus(ESME_RMSGQFUL)).toBe('throttled')
    expect(classifyStatus(ESME_RSYSERR)).toBe('temporary')
    expect(classifyStatus(ESME_RINVDSTADR)).toBe('permanent')
  })

  it('treats an SMSC-private code as temporary so no notice is lost to it', () => {
    expect(classifyStatus(0x0400)).toBe('temporary')
  })

  it('names wrong credentials and prints codes as SMSC logs do', () => {
    expect(isCredentialRefusal(0x0e)).toBe(true)
    expect(isCredentialRefusal(ESME_RSYSERR)).toBe(false)
    expect(statusHex(ESME_RTHROTTLED)).toBe('0x00000058')
  })
})
