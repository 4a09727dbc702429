// Refusing a request before any handler runs: problem details for machines (the API, webhooks and
// helpdesk hooks), a friendly page in the visitor's language for people.
import type { Context } from 'hono';
import { messagePage } from './pages';
import { problem } from './problem';

export const isApiPath = (path: string) => /^\/(api|webhooks|hooks)\//.test(path);

const REFUSALS = {
  400: { title: 'Unreadable body', kind: 'badRequest' },
  413: { title: 'Body too large', kind: 'tooLarge' },
} as const;

export function refuse(c: Context, status: keyof typeof REFUSALS, detail: string) {
  const r = REFUSALS[status];
  return isApiPath(c.req.path) ? problem(c, status, r.title, { detail }) : messagePage(c, r.kind, status);
}
