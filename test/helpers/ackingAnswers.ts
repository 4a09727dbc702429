// A child process for the crash test of the rollups: answers every survey of the database once,
// sixteen at a time through the real group-committed writes, and prints "ack <request id>" only
// after the answer's save resolved.
import { openSqlite } from '../../src/db/sqlite';
import { testDepsOver } from '../shared/testDeps';
import { answer } from './answers';

const [path, timeZone] = process.argv.slice(2) as [string, string];
// As the server opens it: checkpoints in a worker thread, which the kill may catch mid-copy.
const handle = openSqlite(path, { backgroundCheckpoints: true });
const deps = testDepsOver({ db: handle.db, atomic: handle.atomic, dir: '', close: () => handle.close() }, { env: { TIME_ZONE: timeZone } });
const ids = (handle.sqlite.prepare('SELECT id FROM survey_requests ORDER BY id').all() as { id: string }[]).map((r) => r.id);
let next = 0;
async function lane() {
  while (next < ids.length) {
    const i = next++;
    await answer(deps, ids[i]!, i, i % 3 ? 'auto' : 'explicit');
    process.stdout.write(`ack ${ids[i]}\n`);
  }
}
await Promise.all(Array.from({ length: 16 }, lane));
// Keeps going until killed: the parent kills it mid-stream.
for (;;) await answer(deps, ids[next++ % ids.length]!, next, 'auto');
