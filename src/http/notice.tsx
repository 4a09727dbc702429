// Dead-end pages for staff (English, like the rest of the staff app).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { NoticePage, type NoticeProps } from '../../views/pages/auth/Notice';

export function noticePage(c: Context, status: ContentfulStatusCode, p: NoticeProps) {
  return c.html(<NoticePage {...p} />, status);
}

export const staleFormNotice: NoticeProps = {
  title: 'This form has expired',
  body: 'Your session changed since the page was opened (you may have signed in or out in another tab). Go back, reload the page and try again.',
  link: { href: '/', label: 'Go to Heard' },
};
