import { describe, expect, it, vi } from 'vitest';
import { clearMemo } from './clear-memo.js';
import { Memoize } from './memoize.decorator.js';

function subjects() {
  const calls = { a: vi.fn(), b: vi.fn(), shared: vi.fn() };
  class Base {
    @Memoize()
    a(): number {
      calls.a();
      return 1;
    }
  }
  class Subject extends Base {
    @Memoize()
    get b(): number {
      calls.b();
      return 2;
    }
    @Memoize({ shared: true })
    shared(): number {
      calls.shared();
      return 3;
    }
    plain(): number {
      return 4;
    }
  }
  return { calls, Subject };
}

describe('clearMemo', () => {
  it("clears one method's memo for one instance only", () => {
    const { calls, Subject } = subjects();
    const [one, two] = [new Subject(), new Subject()];
    one.a();
    two.a();
    clearMemo(one, 'a');
    one.a();
    two.a();
    expect(calls.a).toHaveBeenCalledTimes(3);
  });

  it('clears a getter without running it', () => {
    const { calls, Subject } = subjects();
    const subject = new Subject();
    void subject.b;
    clearMemo(subject, 'b');
    expect(calls.b).toHaveBeenCalledTimes(1);
    void subject.b;
    expect(calls.b).toHaveBeenCalledTimes(2);
  });

  it('clears a shared memo for every instance', () => {
    const { calls, Subject } = subjects();
    new Subject().shared();
    clearMemo(new Subject(), 'shared');
    new Subject().shared();
    expect(calls.shared).toHaveBeenCalledTimes(2);
  });

  it('clears every memoized member, inherited ones included, when no name is given', () => {
    const { calls, Subject } = subjects();
    const subject = new Subject();
    subject.a();
    void subject.b;
    clearMemo(subject);
    subject.a();
    void subject.b;
    expect(calls.a).toHaveBeenCalledTimes(2);
    expect(calls.b).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['plain', 'clearMemo(): an instance of Subject has no @Memoize() method or getter named plain. Pass the name of a memoized member, or no name to clear them all.'],
    ['missing', 'clearMemo(): an instance of Subject has no @Memoize() method or getter named missing.'],
  ])('refuses a member that is not memoized (%s)', (member, message) => {
    const { Subject } = subjects();
    expect(() => clearMemo(new Subject(), member)).toThrow(message);
  });
});
