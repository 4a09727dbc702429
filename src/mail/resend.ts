// Sends through Resend's SDK. Works on both runtimes (the SDK uses fetch).
import { Resend } from 'resend';
import type { Mailer, SendResult } from './types';

/** Statuses worth trying again: rate limited, or the provider's own trouble. */
const retryable = (status: number | null) => status === null || status === 429 || status >= 500;

export function createResendMailer(opts: { apiKey: string; baseUrl?: string }): Mailer {
  const resend = new Resend(opts.apiKey, opts.baseUrl ? { baseUrl: opts.baseUrl } : undefined);
  return {
    kind: 'resend',
    async send(email): Promise<SendResult> {
      const { data, error } = await resend.emails.send(
        {
          from: email.from,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers: email.headers,
          ...(email.replyTo ? { replyTo: email.replyTo } : {}),
          ...(email.inline?.length
            ? { attachments: email.inline.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, contentId: a.contentId })) }
            : {}),
        },
        { idempotencyKey: email.idempotencyKey },
      );
      if (data) return { ok: true, id: data.id };
      const status = typeof error?.statusCode === 'number' ? error.statusCode : null;
      return {
        ok: false,
        retryable: retryable(status),
        error: `${status ?? 'network'}: ${error?.message ?? 'unknown error'}`.slice(0, 500),
      };
    },
  };
}
