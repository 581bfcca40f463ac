import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChaosProxy } from './tcp-proxy.js';

/** Echoes every chunk back. */
let echo: Server;
let proxy: ChaosProxy;
const sockets: Socket[] = [];

beforeEach(async () => {
  echo = createServer((socket) => socket.on('error', () => undefined).pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  proxy = await ChaosProxy.start((echo.address() as { port: number }).port);
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await proxy.close();
  await new Promise((resolve) => echo.close(resolve));
});

async function client(): Promise<Socket> {
  const socket = connect(proxy.port, '127.0.0.1');
  sockets.push(socket);
  await once(socket, 'connect');
  return socket;
}

/** Sends a line and resolves with the echo and how long it took, or `undefined` after `waitMs`. */
async function roundTrip(socket: Socket, text: string, waitMs = 1_000): Promise<{ text: string; ms: number } | undefined> {
  const started = performance.now();
  socket.write(text);
  const reply = await Promise.race([once(socket, 'data').then(([chunk]) => (chunk as Buffer).toString()), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), waitMs))]);
  return reply === undefined ? undefined : { text: reply, ms: performance.now() - started };
}

describe('ChaosProxy', () => {
  it('forwards both ways', async () => {
    expect((await roundTrip(await client(), 'ping'))?.text).toBe('ping');
    expect(proxy.stats.connections).toBe(1);
  });

  it('cuts the link without losing anything: held data arrives after heal', async () => {
    const socket = await client();
    proxy.cut();
    expect(await roundTrip(socket, 'held', 200)).toBeUndefined();
    const late = once(socket, 'data');
    proxy.heal();
    expect(((await late)[0] as Buffer).toString()).toBe('held');
  });

  it('holds new connections too while cut', async () => {
    proxy.cut();
    expect(await roundTrip(await client(), 'new', 200)).toBeUndefined();
  });

  it('delays every chunk each way', async () => {
    const socket = await client();
    proxy.delay(100);
    const reply = await roundTrip(socket, 'slow');
    expect(reply?.text).toBe('slow');
    expect(reply!.ms).toBeGreaterThanOrEqual(195);
  });

  it('resets open connections with a TCP RST, and lets new ones through', async () => {
    const socket = await client();
    const failed = once(socket, 'error');
    proxy.reset();
    expect(((await failed)[0] as NodeJS.ErrnoException).code).toBe('ECONNRESET');
    expect((await roundTrip(await client(), 'again'))?.text).toBe('again');
    expect(proxy.stats.resets).toBe(1);
  });
});
