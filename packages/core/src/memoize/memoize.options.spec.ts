import { describe, expect, it } from 'vitest';
import { Memoize } from './memoize.decorator.js';
import { MEMOIZE_DEFAULTS } from './memoize.options.js';

describe('@Memoize options', () => {
  it.each<[object, string]>([
    [{ max: 0 }, 'Invalid option memoize.max: 0. Expected an integer from 1 to 10000000.'],
    [{ ttl: 0 }, "Invalid option memoize.ttl: 0. Expected a finite duration, at least 1 ms: milliseconds as a number, or a string such as '250ms', '10s', '5m' or '1h'."],
    [{ shared: 'yes' }, 'Invalid option memoize.shared: "yes". Expected true or false.'],
    [{ key: 'id' }, 'Invalid option memoize.key: "id". Expected a function.'],
    [{ clock: Date }, 'Invalid option memoize.clock: a function. Expected a Clock: an object with a now() method returning monotonic milliseconds, such as systemClock or a ManualClock.'],
    [{ mx: 5 }, 'Unknown option memoize.mx. Did you mean "max"? Known options: max, ttl, shared, key, clock.'],
  ])('refuses %j when the class is defined', (options, message) => {
    expect(() => Memoize(options as never)).toThrow(message);
  });

  it('defaults to 1000 results per instance, kept until evicted', () => {
    expect(MEMOIZE_DEFAULTS).toMatchObject({ max: 1000, shared: false });
  });
});
