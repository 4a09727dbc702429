// Sends a connector's ApiCall through fetch: a timeout, no redirects followed (a token must not
// travel to another host), a bounded answer, and every failure as a HelpdeskError with its status.
import { HelpdeskError, type ApiCall, type FetchJson } from '../connectors/types';

const TIMEOUT_MS = 10_000;
/** Look-up answers are small; a larger one is not what Heard asked for. */
const MAX_ANSWER = 1024 * 1024;

export function helpdeskFetch(fetchImpl: typeof fetch = fetch): FetchJson {
  return async (call: ApiCall) => {
    let res: Response;
    try {
      res = await fetchImpl(call.url, {
        method: call.method,
        headers: { 'User-Agent': 'Heard/1', ...call.headers },
        ...(call.body === undefined ? {} : { body: call.body }),
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new HelpdeskError(null, (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300));
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new HelpdeskError(res.status, `HTTP ${res.status}`);
    }
    const text = await res.text();
    if (text.length > MAX_ANSWER) throw new HelpdeskError(res.status, 'the answer is too large');
    if (!text.trim()) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new HelpdeskError(res.status, 'the answer is not JSON');
    }
  };
}

/** A refusal of the stored credentials: retrying cannot help until an admin saves new ones. */
export const isAuthFailure = (e: unknown): e is HelpdeskError => e instanceof HelpdeskError && (e.status === 401 || e.status === 403);
