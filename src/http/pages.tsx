// Friendly pages for people (never a stack trace), in the visitor's language.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { MessagePage } from '../../views/pages/Message';
import { messages, pickLocale, type Locale } from '../i18n';
import type { SessionEnv } from './middleware/session';

export function localeOf(c: Context, customerLocale?: string | null): Locale {
  return pickLocale(customerLocale ?? null, c.req.header('Accept-Language'));
}

export type MessageKind = 'expired' | 'invalid' | 'notFound' | 'error' | 'badRequest' | 'tooLarge';

// Pages customers reach by link keep their own frame even when a staff member opens them.
const CUSTOMER_PATHS = /^\/(s|u|invite)\//;

export function messagePage(c: Context, kind: MessageKind, status: ContentfulStatusCode, locale = localeOf(c)) {
  const user = (c as Context<SessionEnv>).get('user');
  const csrf = (c as Context<SessionEnv>).get('csrf');
  const signedIn = user && csrf && !CUSTOMER_PATHS.test(c.req.path) ? { user, csrf } : undefined;
  // The signed-in app speaks English.
  const lang = signedIn ? 'en' : locale;
  const m = messages(lang).pages[kind];
  return c.html(<MessagePage locale={lang} title={m.title} body={m.body} status={status} signedIn={signedIn} />, status);
}
