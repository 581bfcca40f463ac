/** An HTTP answer with its parsed JSON body (or its text). */
export interface Reply<Body = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Body;
}

/**
 * Makes one HTTP request, sending and reading JSON.
 *
 * @param url the full URL
 * @param method the HTTP method
 * @param body sent as JSON when given
 * @returns the status, headers and body
 * @throws Error when there is no answer within 10 s
 * @example
 * const { body } = await request(`${orders}/stock/SKU-1`);
 */
export async function request<Body = Record<string, unknown>>(url: string, method = 'GET', body?: unknown): Promise<Reply<Body>> {
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
