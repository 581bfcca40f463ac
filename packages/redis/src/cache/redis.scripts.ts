/** Deletes KEYS[1] only while it still holds ARGV[1]: releases a lock or a corrupt entry without touching a newer write. */
export const COMPARE_AND_DELETE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Sets KEYS[1] to expire in ARGV[2] ms only while it still holds ARGV[1]: extends a lock we hold. 1 if extended, else 0. */
export const COMPARE_AND_EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/**
 * Sets KEYS[1] to ARGV[1] (a time) with a PX of ARGV[2], unless it already holds a later time: a
 * delayed invalidation never moves a tag back in time.
 */
export const SET_IF_LATER = `local current = tonumber(redis.call('GET', KEYS[1]))
if current and current >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;
