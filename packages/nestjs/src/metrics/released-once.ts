import type { Disposable } from '@bulwark/core';

/**
 * @param release what disposing does, the first time only
 * @returns a handle that runs `release` once, however often it is disposed
 */
export function releasedOnce(release: () => void): Disposable {
  let released = false;
  return {
    dispose: () => {
      if (released) return;
      released = true;
      release();
    },
  };
}
