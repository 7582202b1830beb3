import { describe, expect, it } from 'vitest'
import { officerRoles, requestChannels, requests, type OfficerRole } from '../../contract'
import { createAuditLog } from '../audit'
import { databaseAtVersion } from '../store/test-helpers'
import { createAuthorize } from './access'
import { createSessionRegistry } from './sessions'

/** Channels whose answers carry citizen data or act on one: never the support role. */
const CITIZEN_DATA = ['card.read', 'card.simulateInsert', 'approvals.grant', 'approvals.pending']

function authorizeFor(role: OfficerRole | null) {
  let n = 0
  const sessions = createSessionRegistry(() => `c-${++n}`)
  const audit = createAuditLog(databaseAtVersion(), () => new Date('2026-12-02T08:00:00Z'))
  const caller = sessions.connect('socket')
  if (role)
    sessions.begin(caller, {
      officerId: `o-${role}`,
      username: role,
      displayName: role,
      role,
      signedInAt: '2026-12-02T08:00:00.000Z',
      lastActivityMs: 0,
      locked: false,
      mustChangePassword: false,
    })
  const authorize = createAuthorize({
    sessions,
    audit,
    nowMs: () => 1000,
    idleLockMs: 120_000,
    onIdleLock: () => undefined,
  })
  return { authorize, caller, audit }
}

describe('the role table of the contract', () => {
  it.each(requestChannels)('%s declares who may call it', (channel) => {
    const access = requests[channel].access
    if (access === 'public') return
    expect(access.length).toBeGreaterThan(0)
    for (const role of access) expect(officerRoles).toContain(role)
  })

  it('keeps citizen data away from support, and account management for supervisors', () => {
    for (const channel of CITIZEN_DATA) {
      const access = requests[channel as keyof typeof requests].access
      expect(access === 'public' || access.includes('support'), channel).toBe(false)
    }
    for (const channel of requestChannels.filter((c) => c.startsWith('officers.')))
      expect(requests[channel].access, channel).toEqual(['supervisor'])
  })

  it('is what the dispatcher enforces, for every channel and every role', () => {
    for (const channel of requestChannels) {
      const access = requests[channel].access
      const anonymous = authorizeFor(null)
      const reply = anonymous.authorize(channel, anonymous.caller)
      expect(reply.ok, `${channel} anonymous`).toBe(access === 'public')
      if (!reply.ok) expect(reply.error.code).toBe('E_NOT_SIGNED_IN')
      for (const role of officerRoles) {
        const { authorize, caller, audit } = authorizeFor(role)
        const result = authorize(channel, caller)
        const allowed = access === 'public' || access.includes(role)
        expect(result.ok, `${channel} as ${role}`).toBe(allowed)
        if (!result.ok) {
          expect(result.error.code).toBe('E_FORBIDDEN_ROLE')
          expect(audit.recent(1)[0]).toMatchObject({
            actor: `o-${role}`,
            action: 'access.refused',
            details: { channel, reason: 'role' },
          })
        }
      }
    }
  })
})
