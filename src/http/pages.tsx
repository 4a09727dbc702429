// Friendly pages for people (never a stack trace), in the visitor's language.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { MessagePage } from '../../views/pages/Message';
import { messages, pickLocale, type Locale } from '../../views/i18n';

export function localeOf(c: Context, customerLocale?: string | null): Locale {
  return pickLocale(customerLocale ?? null, c.req.header('Accept-Language'));
}

export type MessageKind = 'expired' | 'invalid' | 'notFound' | 'error' | 'badRequest' | 'tooLarge';

export function messagePage(c: Context, kind: MessageKind, status: ContentfulStatusCode, locale = localeOf(c)) {
  const m = messages(locale).pages[kind];
  return c.html(<MessagePage locale={locale} title={m.title} body={m.body} status={status} />, status);
}
