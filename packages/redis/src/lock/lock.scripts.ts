import { LuaScript } from './lua.script.js';

/**
 * Takes the lock on one node if it is free (or already ours, after a retried request), and in the
 * same atomic step reads the largest fencing token this node has recorded for the name.
 * KEYS: lock, fence. ARGV: owner value, ttl ms. Returns { 1 | 0, recorded token }.
 */
export const ACQUIRE = new LuaScript(
  `
local fence = redis.call('GET', KEYS[2]) or '0'
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1, fence} end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1, fence}
end
return {0, fence}
`,
  2,
);

/**
 * Records a fencing token on one node, only while we still hold the lock there, and only if it is
 * larger than the one recorded ("set if greater"). KEYS: lock, fence. ARGV: owner value, token.
 * Returns 1 when we held the lock (the fence is now at least the token), 0 otherwise.
 */
export const RECORD_FENCE = new LuaScript(
  `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[2]) > tonumber(redis.call('GET', KEYS[2]) or '0') then redis.call('SET', KEYS[2], ARGV[2]) end
return 1
`,
  2,
);

/**
 * Extends our lease on one node, or takes the node back when the lock is free there (the node
 * restarted empty, or another candidate held it when we won the majority), recording our token
 * ("set if greater"). Without that, a holder that won exactly a majority would lose the lock to
 * the failure of any one of its nodes, though a majority of nodes is up. Safe while our lease is
 * valid: a majority still holds our value, so no one else can hold the lock.
 * KEYS: lock, fence. ARGV: owner value, ttl ms, token. Returns 1 if ours now, 0 if someone else's.
 */
export const EXTEND = new LuaScript(
  `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if tonumber(ARGV[3]) > tonumber(redis.call('GET', KEYS[2]) or '0') then redis.call('SET', KEYS[2], ARGV[3]) end
return 1
`,
  2,
);

/**
 * Releases our lease on one node, or shortens it to the time left of `minHold`. KEYS: lock.
 * ARGV: owner value, ms to keep (0 deletes). Returns 1 if it was ours, 0 if gone or someone else's.
 */
export const RELEASE = new LuaScript(
  `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) else redis.call('DEL', KEYS[1]) end
return 1
`,
  1,
);

/**
 * Writes a value guarded by a fencing token: refused when a larger token has already written.
 * KEYS: the hash. ARGV: token, value, ttl ms (0 keeps it forever). Returns 1 written, 0 refused.
 */
export const FENCED_SET = new LuaScript(
  `
local last = redis.call('HGET', KEYS[1], 'token')
if last and tonumber(ARGV[1]) < tonumber(last) then return 0 end
redis.call('HSET', KEYS[1], 'token', ARGV[1], 'value', ARGV[2])
if tonumber(ARGV[3]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1
`,
  1,
);
