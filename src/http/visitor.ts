// Who is asking, as far as a survey link needs to know: the address (hashed before storage) and agent.
import type { Context } from 'hono';
import type { Visitor } from '../services/respond';

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

export function visitorOf(c: Context): Visitor {
  const node = c.env as NodeBindings | undefined;
  return {
    userAgent: c.req.header('User-Agent') ?? null,
    // Workers put the client address in a header the platform sets; Node has the socket.
    ip: c.req.header('CF-Connecting-IP') ?? node?.incoming?.socket?.remoteAddress ?? null,
  };
}
