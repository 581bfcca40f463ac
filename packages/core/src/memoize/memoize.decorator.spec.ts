import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock/manual.clock.js';
import { clearMemo } from './clear-memo.js';
import { Memoize } from './memoize.decorator.js';

describe('@Memoize', () => {
  it('runs the method once per distinct argument list', () => {
    const work = vi.fn((aircraft: string, distance: number) => `${aircraft}:${distance * 2}`);
    class Flights {
      @Memoize()
      fuelBurn(aircraft: string, distance: number): string {
        return work(aircraft, distance);
      }
    }
    const flights = new Flights();
    expect(flights.fuelBurn('A320', 100)).toBe('A320:200');
    expect(flights.fuelBurn('A320', 100)).toBe('A320:200');
    flights.fuelBurn('A320', 200);
    flights.fuelBurn('B737', 100);
    expect(work).toHaveBeenCalledTimes(3);
  });

  it.each<[string, unknown[], unknown[]]>([
    ["('a:b', 'c') and ('a', 'b:c')", ['a:b', 'c'], ['a', 'b:c']],
    ["1 and '1'", [1], ['1']],
    ['(x) and (x, undefined)', ['x'], ['x', undefined]],
  ])('keys on every argument: %s are different calls', (_, first, second) => {
    const work = vi.fn();
    class Subject {
      @Memoize()
      run(...args: unknown[]): unknown {
        return work(...args);
      }
    }
    const subject = new Subject();
    subject.run(...first);
    subject.run(...second);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('treats objects with the same content in another key order as the same call', () => {
    const work = vi.fn((query: object) => query);
    class Search {
      @Memoize()
      find(query: object): object {
        return work(query);
      }
    }
    const search = new Search();
    search.find({ q: 'x', page: 1 });
    search.find({ page: 1, q: 'x' });
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('keeps one memo per instance, with `this` intact', () => {
    class Counter {
      constructor(readonly base: number) {}
      @Memoize()
      plus(n: number): number {
        return this.base + n;
      }
    }
    expect(new Counter(10).plus(1)).toBe(11);
    expect(new Counter(20).plus(1)).toBe(21);
  });

  it('shares one memo across instances with shared: true', () => {
    const work = vi.fn((n: number) => n * 2);
    class Pure {
      @Memoize({ shared: true })
      double(n: number): number {
        return work(n);
      }
    }
    new Pure().double(2);
    new Pure().double(2);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('drops the least recently used result beyond max', () => {
    const work = vi.fn((n: number) => n);
    class Bounded {
      @Memoize({ max: 2 })
      id(n: number): number {
        return work(n);
      }
    }
    const bounded = new Bounded();
    bounded.id(1);
    bounded.id(2);
    bounded.id(1);
    bounded.id(3);
    expect(work).toHaveBeenCalledTimes(3);
    bounded.id(1);
    expect(work).toHaveBeenCalledTimes(3);
    bounded.id(2);
    expect(work).toHaveBeenCalledTimes(4);
  });

  it('forgets a result after ttl', () => {
    const clock = new ManualClock();
    const work = vi.fn(() => 'v');
    class Timed {
      @Memoize({ ttl: '1s', clock })
      read(): string {
        return work();
      }
    }
    const timed = new Timed();
    timed.read();
    clock.advance(999);
    timed.read();
    expect(work).toHaveBeenCalledTimes(1);
    clock.advance(1);
    timed.read();
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('keys on what `key` returns instead of the arguments', () => {
    const work = vi.fn((user: { id: number; loadedAt: number }) => user.id);
    class Users {
      @Memoize({ key: (user: { id: number }) => user.id })
      permissions(user: { id: number; loadedAt: number }): number {
        return work(user);
      }
    }
    const users = new Users();
    users.permissions({ id: 1, loadedAt: 1 });
    users.permissions({ id: 1, loadedAt: 2 });
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('shares an in-flight promise between concurrent callers', async () => {
    const work = vi.fn(() => Promise.resolve('loaded'));
    class Loader {
      @Memoize()
      load(): Promise<string> {
        return work();
      }
    }
    const loader = new Loader();
    const [a, b] = [loader.load(), loader.load()];
    expect(a).toBe(b);
    expect(await a).toBe('loaded');
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('never memoizes a rejected promise: the next call tries again', async () => {
    const work = vi.fn<() => Promise<string>>().mockRejectedValueOnce(new Error('flaky')).mockResolvedValue('ok');
    class Loader {
      @Memoize()
      load(): Promise<string> {
        return work();
      }
    }
    const loader = new Loader();
    await expect(loader.load()).rejects.toThrow('flaky');
    expect(await loader.load()).toBe('ok');
    expect(await loader.load()).toBe('ok');
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('never memoizes a thrown error', () => {
    const work = vi.fn<() => string>().mockImplementationOnce(() => {
      throw new Error('once');
    }).mockReturnValue('ok');
    class Subject {
      @Memoize()
      run(): string {
        return work();
      }
    }
    const subject = new Subject();
    expect(() => subject.run()).toThrow('once');
    expect(subject.run()).toBe('ok');
    expect(subject.run()).toBe('ok');
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('memoizes undefined results too (a pure method may return nothing)', () => {
    const work = vi.fn(() => undefined);
    class Subject {
      @Memoize()
      run(): undefined {
        return work();
      }
    }
    const subject = new Subject();
    subject.run();
    subject.run();
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('keeps the method name', () => {
    class Subject {
      @Memoize()
      fuelBurn(): number {
        return 1;
      }
    }
    expect(Subject.prototype.fuelBurn.name).toBe('fuelBurn');
  });

  it('throws the key error of an argument it cannot key on, naming it', () => {
    class Subject {
      @Memoize()
      run(callback: () => void): void {
        callback();
      }
    }
    expect(() => new Subject().run(() => {})).toThrow('Cannot derive a cache key from a function at arguments[0]');
  });
});

describe('@Memoize on getters and static methods', () => {
  it('keeps a getter value per instance, cleared by its setter', () => {
    const work = vi.fn();
    class Config {
      private raw = 'a';
      @Memoize()
      get parsed(): string {
        work();
        return this.raw.toUpperCase();
      }
      set parsed(value: string) {
        this.raw = value;
      }
    }
    const config = new Config();
    expect(config.parsed).toBe('A');
    expect(config.parsed).toBe('A');
    config.parsed = 'b';
    expect(config.parsed).toBe('B');
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('keeps a static method memo per class', () => {
    const work = vi.fn((n: number) => n);
    class Table {
      @Memoize()
      static lookup(n: number): number {
        return work(n);
      }
    }
    Table.lookup(1);
    Table.lookup(1);
    expect(work).toHaveBeenCalledTimes(1);
    clearMemo(Table, 'lookup');
    Table.lookup(1);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('refuses a setter-only accessor', () => {
    expect(() => {
      class Subject {
        @Memoize()
        set value(_v: string) {}
      }
      return Subject;
    }).toThrow('@Memoize() cannot decorate Subject.prototype.value: it applies to methods and getters (instance or static), not to fields or setters.');
  });
});
