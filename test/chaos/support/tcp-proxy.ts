import { connect, createServer, type Server, type Socket } from 'node:net';

/** Queued chunks in one direction past which the sender is paused, so a long cut cannot fill memory. */
const HIGH_WATER_CHUNKS = 64;

/** What a proxy did, for the scenario's results. */
export interface ProxyStats {
  /** Connections accepted. */
  connections: number;
  /** Connections reset on purpose. */
  resets: number;
  /** Times the link was cut. */
  cuts: number;
  /** Times a delay was set. */
  delays: number;
}

/**
 * A TCP proxy on a loopback port in front of one server, for one client instance: the link
 * between that instance and that server, which a test can cut, slow down or reset.
 *
 * - `cut()` is a partition: nothing flows either way, on open and new connections, but nothing is
 *   lost or closed either; what was sent arrives after `heal()`, as TCP would deliver it once a
 *   partition ends.
 * - `delay(ms)` holds every chunk `ms` in each direction: a slow link.
 * - `reset()` aborts every open connection with a TCP RST; new connections go through.
 *
 * @example
 * const proxy = await ChaosProxy.start(redis.port);
 * const client = new Redis({ port: proxy.port });
 * proxy.cut();   // the client's commands stall
 * proxy.heal();  // and are answered now
 */
export class ChaosProxy {
  readonly stats: ProxyStats = { connections: 0, resets: 0, cuts: 0, delays: 0 };
  private readonly links = new Set<Link>();
  private cutOff = false;
  private delayMs = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private targetPort: number,
  ) {
    server.on('connection', (socket) => this.accept(socket));
  }

  /**
   * Listens on a free loopback port and forwards to `127.0.0.1:<targetPort>`.
   *
   * @param targetPort the server's port
   * @returns the listening proxy
   */
  static async start(targetPort: number): Promise<ChaosProxy> {
    const server = createServer({ noDelay: true });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP address');
    return new ChaosProxy(server, address.port, targetPort);
  }

  /** `http://127.0.0.1:<port>`, for HTTP clients. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Whether the link is cut now. */
  get isCut(): boolean {
    return this.cutOff;
  }

  /** @param targetPort where new connections go from now on, e.g. a restarted server's new port */
  retarget(targetPort: number): void {
    this.targetPort = targetPort;
  }

  /** Partitions the link: nothing flows until `heal()`, and nothing is dropped. */
  cut(): void {
    if (!this.cutOff) this.stats.cuts++;
    this.cutOff = true;
  }

  /** @param ms how long each chunk is held, in each direction */
  delay(ms: number): void {
    this.stats.delays++;
    this.delayMs = ms;
  }

  /** Aborts every open connection with a TCP RST. */
  reset(): void {
    for (const link of [...this.links]) {
      this.stats.resets++;
      link.reset();
    }
  }

  /** Ends a cut and a delay; what was held flows now. */
  heal(): void {
    this.cutOff = false;
    this.delayMs = 0;
    for (const link of this.links) link.pump();
  }

  /** Stops listening and destroys every connection. */
  async close(): Promise<void> {
    for (const link of [...this.links]) link.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.stats.connections++;
    const upstream = connect({ host: '127.0.0.1', port: this.targetPort, noDelay: true });
    const link = new Link(client, upstream, {
      isCut: () => this.cutOff,
      delayMs: () => this.delayMs,
      closed: () => this.links.delete(link),
    });
    this.links.add(link);
  }
}

/** @internal What a link asks its proxy. */
interface LinkControl {
  isCut(): boolean;
  delayMs(): number;
  closed(): void;
}

/** @internal One proxied connection: two sockets and a queue each way. */
class Link {
  private readonly toUpstream: Direction;
  private readonly toClient: Direction;
  private done = false;

  constructor(
    private readonly client: Socket,
    private readonly upstream: Socket,
    private readonly control: LinkControl,
  ) {
    this.toUpstream = new Direction(client, upstream, control);
    this.toClient = new Direction(upstream, client, control);
    for (const socket of [client, upstream]) {
      // Either side failing or closing ends the link; errors are the point of the exercise.
      socket.on('error', () => this.destroy());
      socket.on('close', () => this.destroy());
    }
  }

  pump(): void {
    this.toUpstream.pump();
    this.toClient.pump();
  }

  reset(): void {
    if (this.done) return;
    this.client.resetAndDestroy();
    this.upstream.resetAndDestroy();
    this.destroy();
  }

  destroy(): void {
    if (this.done) return;
    this.done = true;
    this.toUpstream.clear();
    this.toClient.clear();
    this.client.destroy();
    this.upstream.destroy();
    this.control.closed();
  }
}

/** @internal One direction of a link: chunks leave in order, each once its delay has passed and the link is not cut. */
class Direction {
  private readonly queue: Array<{ readonly chunk: Buffer; readonly dueAt: number }> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly from: Socket,
    private readonly to: Socket,
    private readonly control: LinkControl,
  ) {
    from.on('data', (chunk: Buffer) => {
      this.queue.push({ chunk, dueAt: performance.now() + control.delayMs() });
      if (this.queue.length > HIGH_WATER_CHUNKS) from.pause();
      this.pump();
    });
  }

  pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.control.isCut() || this.to.destroyed) return;
    const now = performance.now();
    while (this.queue.length > 0 && this.queue[0].dueAt <= now) this.to.write(this.queue.shift()!.chunk);
    if (this.queue.length <= HIGH_WATER_CHUNKS) this.from.resume();
    if (this.queue.length > 0) this.timer = setTimeout(() => this.pump(), this.queue[0].dueAt - now);
  }

  clear(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
  }
}
