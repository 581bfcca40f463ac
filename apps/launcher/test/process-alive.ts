/**
 * Whether a process still runs: signal 0 checks it exists without touching it.
 *
 * @param pid the process id
 * @returns `true` while the process exists (a zombie still counts until reaped)
 * @example
 * expect(isAlive(child.pid!)).toBe(false);
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
