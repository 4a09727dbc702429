// Form fields of a request. Survey answers arrive URL-encoded on every confirmation; reading them
// with URLSearchParams costs a fraction of the general multipart parser, used for anything else.
import type { Context } from 'hono';

export async function formFields(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('Content-Type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(await c.req.text()));
  }
  const parsed = await c.req.parseBody();
  return Object.fromEntries(Object.entries(parsed).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));
}
