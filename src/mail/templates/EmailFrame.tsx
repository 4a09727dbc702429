// What every Heard email is built in: a centred white card on a grey page, laid out with tables and
// inline styles because mail clients ignore most CSS, rendered to a complete HTML document.
import type { Child } from 'hono/jsx';
import type { Locale } from '../../i18n';

export const EMAIL_COLOR = { text: '#1d2733', muted: '#56616e', border: '#d5dbe2', page: '#f4f6f8', accent: '#1f5fae', danger: '#b42318' };

// Unquoted family names keep the style attributes free of escaped quotes. Chinese lists its own
// fonts first, or Latin fonts would lend it their narrow versions of ？ and ！.
const LATIN = 'system-ui,-apple-system,Segoe UI,Roboto,Helvetica Neue,Arial';
const CJK = 'PingFang SC,Hiragino Sans GB,Microsoft YaHei,Noto Sans CJK SC';
export const emailFont = (locale: Locale) => (locale === 'zh' ? `${CJK},${LATIN},sans-serif` : `${LATIN},${CJK},sans-serif`);

const S = {
  body: `margin:0;padding:0;background-color:${EMAIL_COLOR.page};`,
  card: `max-width:560px;background-color:#ffffff;border:1px solid ${EMAIL_COLOR.border};border-radius:10px;`,
  preheader: 'display:none;max-height:0;overflow:hidden;opacity:0;color:transparent;mso-hide:all;',
};

/** Pads the preheader so clients do not fill the inbox preview with the start of the body. */
const PREVIEW_FILL = '\u034f\u200c\u00a0'.repeat(60);

/** A table used for layout only, so screen readers do not announce it as data. */
export function LayoutTable(p: { style?: string; children: Child }) {
  return (
    <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border={0} style={p.style}>
      {p.children}
    </table>
  );
}

/** An email ready to send: its HTML and its plain-text twin. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface EmailFrameProps {
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  locale: Locale;
  /** The line inbox lists show after the subject. */
  preheader?: string;
  /** Small print under the card, such as the unsubscribe link. */
  footer?: Child;
  children: Child;
  /** Narrow margins, so a row of eleven score targets fits a 320 px screen (the survey email). */
  compact?: boolean;
}

export async function renderEmailFrame(p: EmailFrameProps): Promise<string> {
  const font = emailFont(p.locale);
  const html = (
    <html lang={p.lang} dir={p.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="x-apple-disable-message-reformatting" />
        <meta name="color-scheme" content="light" />
        <title>{p.title}</title>
      </head>
      <body style={S.body}>
        <div lang={p.lang} dir={p.dir}>
          {p.preheader ? (
            <div style={S.preheader}>
              {p.preheader}
              {PREVIEW_FILL}
            </div>
          ) : null}
          <LayoutTable style={S.body}>
            <tr>
              <td align="center" style={p.compact ? 'padding:16px 4px;' : 'padding:24px 8px;'}>
                <LayoutTable style={S.card}>
                  <tr>
                    <td style={`padding:${p.compact ? '24px 10px 20px 10px' : '28px 16px 24px 16px'};font-family:${font};color:${EMAIL_COLOR.text};font-size:16px;line-height:1.5;`}>{p.children}</td>
                  </tr>
                </LayoutTable>
                {p.footer ? (
                  <LayoutTable style="max-width:560px;">
                    <tr>
                      <td align="center" style={`padding:16px 16px 0 16px;font-family:${font};font-size:13px;line-height:1.5;color:${EMAIL_COLOR.muted};`}>
                        {p.footer}
                      </td>
                    </tr>
                  </LayoutTable>
                ) : null}
              </td>
            </tr>
          </LayoutTable>
        </div>
      </body>
    </html>
  );
  return `<!DOCTYPE html>${await html.toString()}`;
}
