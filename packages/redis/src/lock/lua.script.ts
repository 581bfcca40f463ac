import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * @internal A Lua script run by its SHA1 (EVALSHA), falling back to EVAL once on a node that has
 * not seen it yet (after a restart or SCRIPT FLUSH). Unlike `defineCommand`, it adds nothing to
 * the caller's client.
 */
export class LuaScript {
  private readonly sha: string;

  /**
   * @param source the script
   * @param keyCount how many of the arguments given to `run` are keys
   */
  constructor(
    private readonly source: string,
    private readonly keyCount: number,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /**
   * Runs the script on one node.
   *
   * @param client the node
   * @param args the keys first, then the arguments
   * @returns the script's reply
   */
  async run(client: Redis, ...args: Array<string | number>): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, this.keyCount, ...args);
    } catch (error) {
      if (!String((error as Error | undefined)?.message).startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, this.keyCount, ...args);
    }
  }
}
