// The survey email: one click on a score answers it. Built for mail clients, not browsers:
// tables for layout, inline styles only, no scripts or images, and a plain-text twin.
import type { SurveyKind } from '../../src/domain/surveys';
import { messages, type Locale } from '../i18n';
import { describeScale, halves } from '../partials/scale';

export interface SurveyEmailProps {
  locale: Locale;
  survey: SurveyKind;
  agentName: string | null;
  customerName: string | null;
  scoreUrl: (score: number) => string;
  unsubscribeUrl: string;
  brand?: string;
  /** follow-ups: 'recovery' asks again after a follow-up ("Did we make it right?"); same scale and links. */
  purpose?: 'survey' | 'recovery';
}

// Unquoted family names keep the style attributes free of escaped quotes. Chinese lists its own
// fonts first, or Latin fonts would lend it their narrow versions of ？ and ！.
const LATIN = 'system-ui,-apple-system,Segoe UI,Roboto,Helvetica Neue,Arial';
const CJK = 'PingFang SC,Hiragino Sans GB,Microsoft YaHei,Noto Sans CJK SC';
const fontFor = (locale: Locale) => (locale === 'zh' ? `${CJK},${LATIN},sans-serif` : `${LATIN},${CJK},sans-serif`);
const COLOR = { text: '#1d2733', muted: '#56616e', border: '#d5dbe2', page: '#f4f6f8', accent: '#1f5fae' };

const styles = (FONT: string) => ({
  body: `margin:0;padding:0;background-color:${COLOR.page};`,
  outer: `background-color:${COLOR.page};`,
  card: `max-width:560px;background-color:#ffffff;border:1px solid ${COLOR.border};border-radius:10px;`,
  inner: `padding:28px 16px 24px 16px;font-family:${FONT};color:${COLOR.text};font-size:16px;line-height:1.5;`,
  h1: `margin:0 0 16px 0;font-size:24px;line-height:1.25;font-weight:700;color:${COLOR.text};`,
  p: 'margin:0 0 16px 0;',
  question: `margin:8px 0 12px 0;font-size:18px;line-height:1.35;font-weight:600;color:${COLOR.text};`,
  half: 'display:inline-block;white-space:nowrap;',
  button:
    `display:inline-block;width:38px;height:38px;line-height:38px;margin:3px 2px;border:2px solid ${COLOR.accent};` +
    `border-radius:8px;background-color:#ffffff;color:${COLOR.accent};font-family:${FONT};font-size:17px;` +
    'font-weight:700;text-align:center;text-decoration:none;',
  end: `padding:4px 0 0 0;font-family:${FONT};font-size:13px;line-height:1.3;color:${COLOR.muted};`,
  hint: `margin:20px 0 16px 0;color:${COLOR.muted};font-size:15px;`,
  footer: `padding:16px 16px 0 16px;font-family:${FONT};font-size:13px;line-height:1.5;color:${COLOR.muted};`,
  link: `color:${COLOR.accent};text-decoration:underline;`,
  preheader: 'display:none;max-height:0;overflow:hidden;opacity:0;color:transparent;mso-hide:all;',
});

/** Pads the preheader so clients do not fill the inbox preview with the start of the body. */
const PREVIEW_FILL = '\u034f\u200c\u00a0'.repeat(60);

export async function renderSurveyEmail(p: SurveyEmailProps): Promise<{ subject: string; html: string; text: string }> {
  const m = messages(p.locale);
  const S = styles(fontFor(p.locale));
  const scale = describeScale(m, p.survey);
  const brand = p.brand ?? null;
  const recovery = p.purpose === 'recovery';
  const subject = recovery ? m.recovery.subject(p.agentName) : m.email.subject(p.agentName);
  const heading = recovery ? m.recovery.heading : m.survey.heading(p.agentName);
  const intro = recovery ? m.recovery.intro(p.agentName) : m.email.intro(p.agentName);
  const question = scale.question(p.agentName);

  const page = (
    <html lang={m.lang} dir={m.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="x-apple-disable-message-reformatting" />
        <meta name="color-scheme" content="light" />
        <title>{subject}</title>
      </head>
      <body style={S.body}>
        <div lang={m.lang} dir={m.dir}>
          <div style={S.preheader}>
            {recovery ? m.recovery.preheader : m.email.preheader}
            {PREVIEW_FILL}
          </div>
          <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border={0} style={S.outer}>
            <tr>
              <td align="center" style="padding:24px 8px;">
                <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border={0} style={S.card}>
                  <tr>
                    <td style={S.inner}>
                      <h1 style={S.h1}>{heading}</h1>
                      <p style={S.p}>{m.email.greeting(p.customerName)}</p>
                      <p style={S.p}>{intro}</p>
                      <p style={S.question}>{question}</p>
                      <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border={0}>
                        <tr>
                          <td align="center">
                            {halves(scale.points).map((half) => (
                              <span style={S.half}>
                                {half.map((pt) => (
                                  <a href={p.scoreUrl(pt.score)} title={pt.word} style={S.button}>
                                    {pt.score}
                                  </a>
                                ))}
                              </span>
                            ))}
                          </td>
                        </tr>
                      </table>
                      <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border={0}>
                        <tr>
                          <td align="left" valign="top" width="50%" style={S.end}>
                            {scale.points[0]!.score} = {scale.low}
                          </td>
                          <td align="right" valign="top" width="50%" style={S.end}>
                            {scale.max} = {scale.high}
                          </td>
                        </tr>
                      </table>
                      <p style={S.hint}>{m.email.pick}</p>
                      <p style="margin:0;">
                        {m.email.thanks}
                        <br />
                        {m.email.team(brand)}
                      </p>
                    </td>
                  </tr>
                </table>
                <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border={0} style="max-width:560px;">
                  <tr>
                    <td align="center" style={S.footer}>
                      {m.email.why}
                      <br />
                      <a href={p.unsubscribeUrl} style={S.link}>
                        {m.survey.unsubscribe}
                      </a>
                    </td>
                  </tr>
                </table>
              </td>
            </tr>
          </table>
        </div>
      </body>
    </html>
  );

  const text = [
    heading,
    '',
    m.email.greeting(p.customerName),
    '',
    intro,
    '',
    question,
    m.email.textPick,
    '',
    ...scale.points.map((pt) => `${pt.word ? `${pt.score} (${pt.word})` : pt.score}: ${p.scoreUrl(pt.score)}`),
    '',
    m.email.thanks,
    m.email.team(brand),
    '',
    '--',
    m.email.why,
    `${m.survey.unsubscribe}: ${p.unsubscribeUrl}`,
    '',
  ].join('\n');

  return { subject, html: `<!DOCTYPE html>${await page.toString()}`, text };
}
