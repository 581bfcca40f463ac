import type { RedisServer } from '@bulwark/test/support';

/** The lock nodes of an election run, and which of them are crashed now. */
export class LockNodes {
  private readonly down = new Set<number>();

  /** @param servers the independent Redis masters, started with AOF */
  constructor(readonly servers: readonly RedisServer[]) {}

  /** @returns whether the node is crashed now */
  isDown(index: number): boolean {
    return this.down.has(index);
  }

  /** @param indexes nodes to crash (SIGKILL); they keep their AOF for `restart` */
  async kill(indexes: readonly number[]): Promise<void> {
    await Promise.all(indexes.filter((index) => !this.down.has(index)).map((index) => this.servers[index].crash()));
    for (const index of indexes) this.down.add(index);
  }

  /** @param indexes crashed nodes to start again on their ports, from their AOF */
  async restart(indexes: readonly number[]): Promise<void> {
    await Promise.all(indexes.filter((index) => this.down.has(index)).map((index) => this.servers[index].restart()));
    for (const index of indexes) this.down.delete(index);
  }

  /** Makes exactly these nodes the crashed ones, restarting any other. */
  async setDown(indexes: readonly number[]): Promise<void> {
    await this.restart([...this.down].filter((index) => !indexes.includes(index)));
    await this.kill(indexes);
  }

  /** Restarts every crashed node. */
  async restartAll(): Promise<void> {
    await this.restart([...this.down]);
  }
}
