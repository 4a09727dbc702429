// Copies the browser libraries Heard serves itself (no CDN) from node_modules into public/vendor,
// each under a name carrying a hash of its content (`htmx.<hash>.min.js`), so browsers may keep it
// for a year and a new version is a new URL. The names are written to views/vendor.ts for the pages.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}public/vendor`;
const files = {
  htmx: ['htmx.org/dist/htmx.min.js', 'htmx', '.min.js'],
  chart: ['chart.js/dist/chart.umd.min.js', 'chart.umd', '.min.js'],
};

mkdirSync(out, { recursive: true });
const urls = {};
for (const [key, [path, stem, ext]] of Object.entries(files)) {
  const body = readFileSync(`${root}node_modules/${path}`);
  const name = `${stem}.${createHash('sha256').update(body).digest('hex').slice(0, 10)}${ext}`;
  writeFileSync(`${out}/${name}`, body);
  urls[key] = `/vendor/${name}`;
}
// Earlier versions' files would be served forever otherwise.
const current = new Set(Object.values(urls).map((u) => u.slice('/vendor/'.length)));
for (const name of readdirSync(out)) if (!current.has(name)) rmSync(`${out}/${name}`);

const module = `// Written by scripts/vendor.mjs (npm install): the vendored files' URLs, named by content hash.
export const VENDOR = {
${Object.entries(urls).map(([k, u]) => `  ${k}: '${u}',`).join('\n')}
} as const;
`;
const target = `${root}views/vendor.ts`;
let before = '';
try {
  before = readFileSync(target, 'utf8');
} catch {}
if (before !== module) writeFileSync(target, module);
