// RFC 9457 problem details: how every API error is answered.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface FieldError {
  field: string;
  message: string;
}

export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  extra: { detail?: string; errors?: FieldError[] } = {},
) {
  return c.body(JSON.stringify({ type: 'about:blank', title, status, ...extra }), status, {
    'Content-Type': 'application/problem+json',
  });
}

/** Every issue of a failed parse, each named by its path in the body (`customer.email`). */
export function fieldErrors(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): FieldError[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message }));
}
