// The HTML page around every screen. Scripts come only from our own origin as files (the CSP allows
// 'self' and nothing inline), and each page names the scripts it needs.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { messages, type Locale } from '../src/i18n';

export interface LayoutProps {
  title: string;
  locale: Locale;
  children: Child;
  /** Script URLs, loaded with defer in this order (htmx first when a page uses it). */
  scripts?: string[];
  /** Wider content column for staff pages with tables and charts. */
  wide?: boolean;
  /**
   * Customer pages take the small survey sheet, so the staff app's styles stay off their phones;
   * everything else the staff sheet. Both follow base.css.
   */
  sheet?: 'survey' | 'app';
  /** Extra stylesheets after the page's sheet (a brand's accent colour). */
  styles?: string[];
}

export function Layout(p: LayoutProps) {
  const m = messages(p.locale);
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={m.lang} dir={m.dir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <title>{p.title}</title>
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/base.css" />
          <link rel="stylesheet" href={p.sheet === 'survey' ? '/survey.css' : '/app.css'} />
          {(p.styles ?? []).map((href) => (
            <link rel="stylesheet" href={href} />
          ))}
          {(p.scripts ?? []).map((src) => (
            <script src={src} defer></script>
          ))}
        </head>
        <body>
          <main id="main" class={p.wide ? 'page page-wide' : 'page'}>
            {p.children}
          </main>
        </body>
      </html>
    </>
  );
}
