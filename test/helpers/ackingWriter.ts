// A child process for the group-commit crash test: writes teams through the real atomic write as
// fast as it can, many at once, and prints "ack <name>" only after each write's promise resolved.
import { openSqlite } from '../../src/db/sqlite';
import { teams } from '../../src/db/schema';

const handle = openSqlite(process.argv[2]!);
let n = 0;
async function writer(lane: number) {
  for (;;) {
    const name = `team-${lane}-${n++}`;
    await handle.atomic([handle.db.insert(teams).values({ id: crypto.randomUUID(), name, createdAt: Date.now() })]);
    process.stdout.write(`ack ${name}\n`);
  }
}
await Promise.all(Array.from({ length: 16 }, (_, lane) => writer(lane)));
