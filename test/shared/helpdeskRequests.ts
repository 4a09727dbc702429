// Reads what the helpdesk stand-in (helpdeskServer.ts) received, and queues failures for it. Only
// fetch, so workerd tests can use it too.

declare module 'vitest' {
  /** Set by helpdeskGlobalSetup.ts: the stand-in runs in Node for both runtimes' tests. */
  export interface ProvidedContext {
    helpdeskUrl: string;
  }
}

/** One request as the stand-in saw it, below the scope prefix. */
export interface ReceivedCall {
  method: string;
  path: string;
  authorization: string | null;
  contentType: string | null;
  intercomVersion: string | null;
  body: unknown;
}

/** A fresh scope: a connection's API URL of `${helpdeskUrl}/${scope}` keeps its calls apart from other tests'. */
export const newScope = () => `s${crypto.randomUUID().slice(0, 8)}`;

export async function receivedCalls(helpdeskUrl: string, scope: string): Promise<ReceivedCall[]> {
  return (await (await fetch(`${helpdeskUrl}/_test/requests?scope=${scope}`)).json()) as ReceivedCall[];
}

/** The next calls in the scope answer these statuses, in order (then the stand-in answers normally). */
export async function failNext(helpdeskUrl: string, scope: string, statuses: number[]): Promise<void> {
  const res = await fetch(`${helpdeskUrl}/_test/failures?scope=${scope}`, { method: 'POST', body: JSON.stringify(statuses) });
  await res.body?.cancel();
}
