import type { CircuitStateChangeEvent, LockLostReason, LockNotAcquiredReason } from '@bulwark/core';

/** Message text of the policy events logger, kept in one place. */
export const loggingMessages = {
  stateChange: ({ name, from, to, reason }: CircuitStateChangeEvent): string =>
    `Circuit breaker "${name}" ${from} -> ${to}` + (reason ? `: ${reason}` : ''),
  elected: (election: string, id: string, token: number, failoverMs: number | undefined): string =>
    `Leader election "${election}": this instance (${id}) is now the leader, term token ${token}` +
    (failoverMs === undefined ? '' : `, ${Math.round(failoverMs)} ms after it last saw the previous leader's lease`),
  revoked: (election: string, id: string, token: number, reason: LockLostReason): string =>
    `Leader election "${election}": this instance (${id}) is no longer the leader (term token ${token}): ${REVOKED_BECAUSE[reason]}`,
  newLeader: (election: string, leaderId: string): string => `Leader election "${election}": the leader is now ${leaderId}`,
  lockUnavailable: (name: string, reason: LockNotAcquiredReason): string =>
    `Lock "${name}" cannot be taken: ${reason === 'too-slow' ? 'acquiring took longer than the lease could stay valid' : 'too few lock nodes answered to form a majority'}. ` +
    '@Singleton calls do not run until it can; check that a majority of the lock nodes are reachable.',
  lockAvailable: (name: string): string => `Lock "${name}" can be taken again.`,
} as const;

const REVOKED_BECAUSE: Record<LockLostReason, string> = {
  resigned: 'resigned (shutting down).',
  'renew-deadline': 'could not renew within renewDeadline (a majority of lock nodes unreachable?), so it stepped down before its lease could end.',
  'not-owner': 'a majority of lock nodes say another instance holds the lease.',
  expired: 'the lease could not be proven valid any longer.',
};
