// A local stand-in for Resend's HTTP API (POST /emails), so tests drive the real SDK over real
// HTTP on either runtime. Tests read what was accepted from GET /_test/emails?to=<address>, and can
// make the next sends fail with POST /_test/failures [{ status } | { hangUp: true }, …] (consumed in order).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReceivedEmail } from './resendInbox';

export interface ResendServer {
  /** Base URL for the SDK's `baseUrl` (RESEND_BASE_URL). */
  url: string;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

export async function startResendServer(): Promise<ResendServer> {
  const emails: ReceivedEmail[] = [];
  const failures: { status?: number; hangUp?: boolean }[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && url.pathname === '/emails') {
      if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) {
        return reply(401, { statusCode: 401, name: 'missing_api_key', message: 'Missing API key' });
      }
      const body = await readJson(req);
      const failure = failures.shift();
      if (failure?.hangUp) return req.socket.destroy();
      if (failure?.status) {
        return reply(failure.status, { statusCode: failure.status, name: 'test_failure', message: `failing with ${failure.status}` });
      }
      const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
      // Like the real API: the same idempotency key answers the first email instead of sending again.
      const earlier = idempotencyKey ? emails.find((e) => e.idempotencyKey === idempotencyKey) : undefined;
      if (earlier) return reply(200, { id: earlier.id });
      const email: ReceivedEmail = {
        id: crypto.randomUUID(),
        from: String(body.from),
        to: ([] as unknown[]).concat(body.to).map(String),
        subject: String(body.subject),
        html: String(body.html ?? ''),
        text: String(body.text ?? ''),
        headers: (body.headers ?? {}) as Record<string, string>,
        replyTo: ([] as unknown[]).concat(body.reply_to ?? []).map(String),
        idempotencyKey,
        attachments: ((body.attachments ?? []) as ReceivedEmail['attachments']).map((a) => ({
          filename: a.filename,
          content: a.content,
          content_type: a.content_type,
          content_id: a.content_id,
        })),
      };
      emails.push(email);
      return reply(200, { id: email.id });
    }
    if (req.method === 'POST' && url.pathname === '/_test/failures') {
      failures.push(...((await readJson(req)) as unknown as typeof failures));
      return reply(200, { queued: failures.length });
    }
    if (req.method === 'GET' && url.pathname === '/_test/emails') {
      const to = url.searchParams.get('to');
      return reply(200, emails.filter((e) => to === null || e.to.includes(to)));
    }
    reply(404, { statusCode: 404, name: 'not_found', message: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
