/**
 * Reads until a value is accepted, for effects that travel between processes or connections
 * (Redis pub/sub), where no event of this process says when they land.
 *
 * @param read what to read, e.g. an HTTP call
 * @param accept whether the value read is the one awaited
 * @param withinMs how long to keep reading
 * @returns the milliseconds it took
 * @throws Error when no accepted value was read within `withinMs`
 * @example
 * const ms = await eventually(() => call(`${b.url}/products/SKU-1`), ({ body }) => body.priceCents === 1299, 1_000);
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, withinMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (accept(await read())) return performance.now() - started;
    if (performance.now() - started > withinMs) throw new Error(`The awaited value was not read within ${withinMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
