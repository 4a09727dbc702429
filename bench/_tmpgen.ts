import { rmSync } from 'node:fs';
import { benchDatabase } from './dashboardData';
rmSync('/tmp/bench1', { recursive: true, force: true });
const now = Date.parse('2026-11-24T08:00:00Z');
const t = performance.now();
const r = await benchDatabase('/tmp/bench1/b.db', now, true);
console.log('built', r.seconds.toFixed(1), ((performance.now() - t)/1000).toFixed(1));
r.handle.close();
