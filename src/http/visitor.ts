// Who is asking, as far as a survey link needs to know: the address (hashed before storage) and agent.
import type { Context } from 'hono';
import type { Visitor } from '../services/respond';
import { clientIp } from './clientIp';

export function visitorOf(c: Context): Visitor {
  return { userAgent: c.req.header('User-Agent') ?? null, ip: clientIp(c) };
}
