// What every mail transport accepts and answers, so services never know which one is wired in.
export interface OutgoingEmail {
  to: string;
  from: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** The same key twice must never produce two emails. */
  idempotencyKey: string;
}

export type SendResult =
  | { ok: true; id: string }
  | { ok: false; retryable: boolean; error: string };

export interface Mailer {
  readonly kind: 'resend' | 'outbox';
  send(email: OutgoingEmail): Promise<SendResult>;
}
