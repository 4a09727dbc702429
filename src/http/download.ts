// A JSON document produced piece by piece, sent as a download: each piece is read only when the
// client is ready for it (pull), so a large export never sits whole in memory.
import type { Context } from 'hono';

export function jsonStream(c: Context, chunks: AsyncGenerator<string>, filename: string) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return c.body(body, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
  });
}
