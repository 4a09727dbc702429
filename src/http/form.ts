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

/** Every value of a repeated field (checkboxes), at most `max`; the body is read from hono's cache. */
export async function formList(c: Context, name: string, max = 50): Promise<string[]> {
  const type = c.req.header('Content-Type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams(await c.req.text()).getAll(name).slice(0, max);
  const value = (await c.req.parseBody({ all: true }))[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string').slice(0, max);
}
