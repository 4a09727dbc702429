// Reads what the local Resend stand-in (resendServer.ts) accepted. Only fetch, so workerd tests can use it.

declare module 'vitest' {
  /** Set by resendGlobalSetup.ts for tests that run where the server cannot be started. */
  export interface ProvidedContext {
    resendUrl: string;
  }
}

/** What Resend received, in the SDK's wire format. */
export interface ReceivedEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** follow-ups: where the customer's reply goes (the SDK sends reply_to). */
  replyTo: string[];
  idempotencyKey: string | null;
  /** score digest: inline images (content base64, content_id the HTML's cid:). */
  attachments: Array<{ filename: string; content: string; content_type: string; content_id: string }>;
}

/** The emails the server accepted for one address, oldest first. Works from Node and workerd alike. */
export async function receivedEmails(resendUrl: string, to: string): Promise<ReceivedEmail[]> {
  const res = await fetch(`${resendUrl}/_test/emails?to=${encodeURIComponent(to)}`);
  return (await res.json()) as ReceivedEmail[];
}
