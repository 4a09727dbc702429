// The survey email: one click on a score answers it. Built for mail clients, not browsers:
// tables for layout, inline styles only, no scripts, and a plain-text twin.
// The score row is one table row of equal cells, so it never wraps: at a 320 px screen each of
// NPS's eleven targets is at least 24 px wide and 40 px tall (the frame's compact padding leaves
// 290 px for the row).
import type { Brand } from '../../domain/surveyDesign';
import type { SurveyKind } from '../../domain/surveys';
import { messages, type Locale } from '../../i18n';
import { designWords, type SurveyTexts } from '../../i18n/surveyText';
import { describeScale, ownScale } from '../../i18n/scale';
import { EMAIL_COLOR, emailFont, LayoutTable, renderEmailFrame, type RenderedEmail } from './EmailFrame';

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
  /** survey design: the team's wording and brand; `logoUrl` is absolute, for mail clients. */
  own?: { texts: SurveyTexts; brand: Brand; logoUrl: string | null } | undefined;
  /** Reminders say so in the subject. */
  reminder?: boolean;
}

const styles = (FONT: string, accent: string) => ({
  h1: `margin:0 0 16px 0;font-size:24px;line-height:1.25;font-weight:700;color:${EMAIL_COLOR.text};`,
  p: 'margin:0 0 16px 0;',
  question: `margin:8px 0 12px 0;font-size:18px;line-height:1.35;font-weight:600;color:${EMAIL_COLOR.text};`,
  row: 'max-width:480px;table-layout:fixed;margin:0 auto;',
  cell: 'padding:0 1px;',
  // display:block makes the whole cell the target; the height holds it at 40 px.
  button:
    `display:block;height:40px;line-height:40px;border:1px solid ${accent};border-radius:6px;` +
    `background-color:#ffffff;color:${accent};font-family:${FONT};font-size:15px;` +
    'font-weight:700;text-align:center;text-decoration:none;mso-line-height-rule:exactly;',
  end: `padding:6px 0 0 0;font-family:${FONT};font-size:13px;line-height:1.3;color:${EMAIL_COLOR.muted};`,
  hint: `margin:20px 0 16px 0;color:${EMAIL_COLOR.muted};font-size:15px;`,
  link: `color:${accent};text-decoration:underline;`,
  logo: 'display:block;margin:0 0 16px 0;max-height:40px;max-width:180px;height:40px;width:auto;border:0;',
});

export async function renderSurveyEmail(p: SurveyEmailProps): Promise<RenderedEmail> {
  const m = messages(p.locale);
  const own = p.purpose === 'recovery' ? undefined : p.own;
  const S = styles(emailFont(p.locale), p.own?.brand.accentColor ?? EMAIL_COLOR.accent);
  const base = describeScale(m, p.survey);
  const scale = own ? ownScale(base, own.texts) : base;
  const brand = p.own?.texts.company ?? p.brand ?? null;
  const recovery = p.purpose === 'recovery';
  const firstSubject = recovery ? m.recovery.subject(p.agentName) : (own?.texts.subject ?? m.email.subject(p.agentName));
  const subject = p.reminder ? designWords(p.locale).reminderSubject(firstSubject) : firstSubject;
  const heading = recovery ? m.recovery.heading : m.survey.heading(p.agentName);
  const intro = recovery ? m.recovery.intro(p.agentName) : (own?.texts.intro ?? m.email.intro(p.agentName));
  const question = scale.question(p.agentName);
  const footer = p.own?.brand;
  const width = `${Math.floor(100 / scale.points.length)}%`;

  const html = await renderEmailFrame({
    lang: m.lang,
    dir: m.dir,
    title: subject,
    locale: p.locale,
    compact: true,
    preheader: recovery ? m.recovery.preheader : m.email.preheader,
    footer: (
      <>
        {footer?.footerAddress ? (
          <>
            {footer.footerAddress}
            <br />
          </>
        ) : null}
        {m.email.why}
        <br />
        <a href={p.unsubscribeUrl} style={S.link}>
          {m.survey.unsubscribe}
        </a>
        {footer?.privacyUrl ? (
          <>
            {' · '}
            <a href={footer.privacyUrl} style={S.link}>
              {designWords(p.locale).privacy}
            </a>
          </>
        ) : null}
      </>
    ),
    children: (
      <>
        {p.own?.logoUrl ? <img src={p.own.logoUrl} alt={brand ?? ''} height="40" style={S.logo} /> : null}
        <h1 style={S.h1}>{heading}</h1>
        <p style={S.p}>{m.email.greeting(p.customerName)}</p>
        <p style={S.p}>{intro}</p>
        <p style={S.question}>{question}</p>
        <LayoutTable style={S.row}>
          <tr>
            {scale.points.map((pt) => (
              <td width={width} align="center" style={S.cell}>
                <a href={p.scoreUrl(pt.score)} title={pt.word} style={S.button}>
                  {pt.score}
                </a>
              </td>
            ))}
          </tr>
        </LayoutTable>
        <LayoutTable style="max-width:480px;margin:0 auto;">
          <tr>
            <td align="left" valign="top" width="50%" style={S.end}>
              {scale.points[0]!.score} = {scale.low}
            </td>
            <td align="right" valign="top" width="50%" style={S.end}>
              {scale.max} = {scale.high}
            </td>
          </tr>
        </LayoutTable>
        <p style={S.hint}>{m.email.pick}</p>
        <p style="margin:0;">
          {m.email.thanks}
          <br />
          {m.email.team(brand)}
        </p>
      </>
    ),
  });

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
    ...(footer?.footerAddress ? [footer.footerAddress] : []),
    m.email.why,
    `${m.survey.unsubscribe}: ${p.unsubscribeUrl}`,
    ...(footer?.privacyUrl ? [`${designWords(p.locale).privacy}: ${footer.privacyUrl}`] : []),
    '',
  ].join('\n');

  return { subject, html, text };
}
