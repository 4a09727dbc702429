// Reading helpdesk payloads defensively: any field may be missing, null, a number or an
// unrendered placeholder, and none of that may throw.
import type { Channel } from '../db/schema';
import { err, ok, type Result } from '../domain/result';
import { toBase64 } from '../security/crypto';
import type { ApiCall, PersonRef } from './types';

export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;

export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A non-empty string (numbers become strings: helpdesks send ids both ways); blanks are absent. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  // A placeholder the helpdesk left as-is (`{{ticket.group.name}}` on a ticket without a group).
  return t && !/^\{\{.*\}\}$/.test(t) ? t : undefined;
}

export function parseJson(raw: string): Result<Json, string> {
  try {
    const v = obj(JSON.parse(raw));
    return v ? ok(v) : err('the body is not a JSON object');
  } catch {
    return err('the body is not valid JSON');
  }
}

/** Epoch ms from an ISO date, or from epoch seconds (the unit every helpdesk here uses for numbers). */
export function time(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return Math.round(v * 1000);
  const s = str(v);
  if (!s) return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Tags as an array of names/objects, or as the space/comma-separated text placeholders render. */
export function tags(v: unknown, key = 'name'): string[] {
  const raw = typeof v === 'string' ? v.split(/[\s,]+/) : list(v).map((t) => (typeof t === 'string' ? t : str(obj(t)?.[key])));
  return [...new Set(raw.flatMap((t) => (t ? [t.trim().slice(0, 50)] : [])).filter(Boolean))].slice(0, 20);
}

export function person(p: { id?: unknown; email?: unknown; name?: unknown; locale?: unknown }): PersonRef {
  const out: PersonRef = {};
  const id = str(p.id);
  const email = str(p.email);
  const name = str(p.name);
  const locale = str(p.locale);
  if (id) out.id = id;
  if (email && email.includes('@')) out.email = email;
  if (name) out.name = name;
  if (locale) out.locale = locale;
  return out;
}

/** Heard's channel for a helpdesk's own word for it (`Web form`, `voice`, `whatsapp`, …). */
export function channelOf(v: unknown): Channel {
  const s = (str(v) ?? '').toLowerCase();
  if (/mail/.test(s)) return 'email';
  if (/phone|voice|call/.test(s)) return 'phone';
  if (/chat|messenger|^conversation$/.test(s)) return 'chat';
  if (/twitter|facebook|instagram|social|x_dm/.test(s)) return 'social';
  if (/sms|whatsapp|line|wechat|telegram|viber|messaging|apple/.test(s)) return 'messaging';
  return 'other';
}

/** Builds one JSON call to a helpdesk API below the connection's base URL. */
export function apiCall(method: ApiCall['method'], base: string | null, path: string, headers: Record<string, string>, body?: unknown): ApiCall {
  return {
    method,
    url: `${base ?? ''}${path}`,
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

export const seg = encodeURIComponent;

/** Basic auth credentials as base64 of their UTF-8 bytes (btoa alone throws beyond Latin-1). */
export const basic = (userAndPassword: string) => toBase64(new TextEncoder().encode(userAndPassword));
