// Written by scripts/vendor.mjs (npm install): the vendored files' URLs, named by content hash.
export const VENDOR = {
  htmx: '/vendor/htmx.a0abb04f2f.min.js',
  chart: '/vendor/chart.umd.87364cc2b2.min.js',
} as const;
