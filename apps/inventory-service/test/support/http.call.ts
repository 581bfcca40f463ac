/** An HTTP answer with its JSON (or text) body. */
export interface Answer<Body = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Body;
}

/**
 * Makes one real HTTP request, sending and reading JSON.
 *
 * @param url the full URL
 * @param method the HTTP method
 * @param body sent as JSON when given
 * @returns the status, headers and parsed body (the raw text when it is not JSON)
 * @example
 * const { status, body } = await call(`${url}/stock/SKU-1`);
 */
export async function call<Body = Record<string, unknown>>(url: string, method = 'GET', body?: unknown): Promise<Answer<Body>> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (e.g. /metrics): keep the text.
  }
  return { status: response.status, headers: response.headers, body: parsed as Body };
}
