import { describe, expect, it, vi } from 'vitest';
import { InMemoryLeaderElector } from './in-memory.leader-elector.js';

describe('InMemoryLeaderElector', () => {
  it('elects the only instance on start, with token 1 and a live signal', async () => {
    const elector = new InMemoryLeaderElector({ id: 'api-1' });
    const elected = vi.fn();
    const newLeader = vi.fn();
    elector.onElected(elected);
    elector.onNewLeader(newLeader);
    expect(elector.isLeader()).toBe(false);
    expect(elector.currentLeader()).toBeUndefined();
    await elector.start();
    await elector.start();
    expect(elector.isLeader()).toBe(true);
    expect(elector.currentLeader()).toBe('api-1');
    expect(elector.leadership()).toEqual({ token: 1, signal: expect.any(AbortSignal) });
    expect(elected).toHaveBeenCalledOnce();
    expect(elected).toHaveBeenCalledWith({ id: 'api-1', token: 1, signal: elector.leadership()!.signal });
    expect(newLeader).toHaveBeenCalledWith({ leaderId: 'api-1' });
  });

  it('resigns on stop: aborts the term signal, emits revoked, and does not start again', async () => {
    const elector = new InMemoryLeaderElector({ name: 'scheduler' });
    const revoked = vi.fn();
    elector.onRevoked(revoked);
    await elector.start();
    const { signal } = elector.leadership()!;
    await elector.stop();
    expect(signal.reason).toMatchObject({ code: 'BULWARK_LOCK_LOST', reason: 'resigned', lockName: 'scheduler' });
    expect(signal.reason.message).toBe(
      'Lock "scheduler" (fencing token 1) was lost: leadership was resigned because the elector was stopped. ' +
        'Stop the work; a resource that checks fencing tokens rejects this holder once a newer one has written.',
    );
    expect(revoked).toHaveBeenCalledWith({ id: 'local', token: 1, reason: 'resigned' });
    await elector.start();
    expect(elector.isLeader()).toBe(false);
    expect(elector.leadership()).toBeUndefined();
  });

  it('rejects unknown options', () => {
    expect(() => new InMemoryLeaderElector({ ids: 'x' } as never)).toThrow('Unknown option inMemoryLeaderElector.ids. Did you mean "id"?');
  });
});
