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
  /** score digest: images the HTML shows as `cid:<contentId>`, sent as inline attachments. */
  inline?: InlineImage[];
}

export interface InlineImage {
  contentId: string;
  filename: string;
  contentType: 'image/png';
  content: Uint8Array;
}

/** The HTML with its `cid:` images written in as data: URIs, for previews in a browser (never for mail clients). */
export function withDataImages(html: string, inline: InlineImage[] | undefined, toBase64: (b: Uint8Array) => string): string {
  let out = html;
  for (const img of inline ?? []) out = out.replaceAll(`cid:${img.contentId}`, `data:${img.contentType};base64,${toBase64(img.content)}`);
  return out;
}

export type SendResult =
  | { ok: true; id: string }
  | { ok: false; retryable: boolean; error: string };

export interface Mailer {
  readonly kind: 'resend' | 'outbox';
  send(email: OutgoingEmail): Promise<SendResult>;
}
