// `npm run dev:workers`: the Worker on local workerd with a local D1, like `npm start` for Node.
// Development values go in .dev.vars (wrangler reads it and lets it override [vars]); the secret
// is made once so survey links in emails keep working across restarts.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';

const port = Number(process.env.PORT ?? 8787);
const vars = new URL('../.dev.vars', import.meta.url);
if (!existsSync(vars)) {
  const secret = randomBytes(36).toString('base64url');
  const lines = ['NODE_ENV=development', `PUBLIC_URL=http://localhost:${port}`, `APP_SECRET=${secret}`];
  writeFileSync(vars, lines.join('\n') + '\n', { mode: 0o600 });
  console.log('Wrote .dev.vars (development settings and a fresh APP_SECRET).');
}

const wrangler = (...args) =>
  new Promise((resolve) => spawn('npx', ['wrangler', ...args], { stdio: 'inherit' }).on('exit', (code) => resolve(code ?? 1)));

// Ctrl-C reaches wrangler too (same process group); wait for it to shut workerd down cleanly.
process.on('SIGINT', () => {});
const migrated = await wrangler('d1', 'migrations', 'apply', 'heard', '--local');
if (migrated !== 0) process.exit(migrated);

// Local dev does not fire cron triggers. Fire the scheduled handler every minute as the cron in
// wrangler.toml would, through --test-scheduled's /__scheduled route (the /cdn-cgi/handler route
// fails when static assets are configured, in wrangler 4.86).
const cron = setInterval(() => {
  fetch(`http://127.0.0.1:${port}/__scheduled?cron=*+*+*+*+*`).catch(() => {}); // not listening yet
}, 60_000);
const code = await wrangler('dev', '--test-scheduled', '--ip', '127.0.0.1', '--port', String(port), ...process.argv.slice(2));
clearInterval(cron);
process.exit(code);
