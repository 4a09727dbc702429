// The team's brand assets for customer pages and emails. Both URLs name their content (a hash, a
// colour), so they are cached for a year; a logo is served so it can never act as a page.
import { Hono } from 'hono';
import type { Deps } from '../deps';
import { isHexColor } from '../domain/surveyText';
import { getLogo } from '../services/surveyDesign';

const FOREVER = 'public, max-age=31536000, immutable';

export function brandRoutes(deps: Deps) {
  const app = new Hono();

  app.get('/logo/:hash', async (c) => {
    const logo = await getLogo(deps, c.req.param('hash'));
    if (!logo) return c.body('Not found', 404, { 'Content-Type': 'text/plain; charset=utf-8' });
    return c.body(logo.bytes, 200, {
      'Content-Type': logo.mime,
      'Cache-Control': FOREVER,
      'X-Content-Type-Options': 'nosniff',
      // An SVG opened on its own is a document: give it no scripts, no origin and nothing to load.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'Content-Disposition': 'inline; filename="logo"',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
  });

  app.get('/accent/:hex', (c) => {
    const hex = `#${c.req.param('hex')}`;
    if (!isHexColor(hex)) return c.body('Not found', 404, { 'Content-Type': 'text/plain; charset=utf-8' });
    // Light scheme only: the dark scheme keeps colours made for it.
    const css = `@media not (prefers-color-scheme: dark){:root{--accent:${hex};--focus:${hex};--accent-hover:${hex};--accent-soft:color-mix(in srgb,${hex} 10%,#fff)}}\n`;
    return c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': FOREVER });
  });

  return app;
}
