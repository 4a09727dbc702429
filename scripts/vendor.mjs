// Copies the browser libraries Heard serves itself (no CDN) from node_modules into public/vendor.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}public/vendor`;
mkdirSync(out, { recursive: true });
const files = {
  'htmx.min.js': 'htmx.org/dist/htmx.min.js',
  'chart.umd.min.js': 'chart.js/dist/chart.umd.min.js',
};
for (const [name, path] of Object.entries(files)) copyFileSync(`${root}node_modules/${path}`, `${out}/${name}`);
