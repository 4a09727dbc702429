// The survey email: one click on a score answers it. Built for mail clients, not browsers:
// tables for layout, inline styles only, no scripts or images, and a plain-text twin.
import type { SurveyKind } from '../../src/domain/surveys';
import { messages, type Locale } from '../i18n';
import { describeScale, halves } from '../partials/scale';
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
}

const styles = (FONT: string) => ({
  h1: `margin:0 0 16px 0;font-size:24px;line-height:1.25;font-weight:700;color:${EMAIL_COLOR.text};`,
  p: 'margin:0 0 16px 0;',
  question: `margin:8px 0 12px 0;font-size:18px;line-height:1.35;font-weight:600;color:${EMAIL_COLOR.text};`,
  half: 'display:inline-block;white-space:nowrap;',
  button:
    `display:inline-block;width:38px;height:38px;line-height:38px;margin:3px 2px;border:2px solid ${EMAIL_COLOR.accent};` +
    `border-radius:8px;background-color:#ffffff;color:${EMAIL_COLOR.accent};font-family:${FONT};font-size:17px;` +
    'font-weight:700;text-align:center;text-decoration:none;',
  end: `padding:4px 0 0 0;font-family:${FONT};font-size:13px;line-height:1.3;color:${EMAIL_COLOR.muted};`,
  hint: `margin:20px 0 16px 0;color:${EMAIL_COLOR.muted};font-size:15px;`,
  link: `color:${EMAIL_COLOR.accent};text-decoration:underline;`,
});

export async function renderSurveyEmail(p: SurveyEmailProps): Promise<RenderedEmail> {
  const m = messages(p.locale);
  const S = styles(emailFont(p.locale));
  const scale = describeScale(m, p.survey);
  const brand = p.brand ?? null;
  const recovery = p.purpose === 'recovery';
  const subject = recovery ? m.recovery.subject(p.agentName) : m.email.subject(p.agentName);
  const heading = recovery ? m.recovery.heading : m.survey.heading(p.agentName);
  const intro = recovery ? m.recovery.intro(p.agentName) : m.email.intro(p.agentName);
  const question = scale.question(p.agentName);

  const html = await renderEmailFrame({
    lang: m.lang,
    dir: m.dir,
    title: subject,
    locale: p.locale,
    preheader: recovery ? m.recovery.preheader : m.email.preheader,
    footer: (
      <>
        {m.email.why}
        <br />
        <a href={p.unsubscribeUrl} style={S.link}>
          {m.survey.unsubscribe}
        </a>
      </>
    ),
    children: (
      <>
        <h1 style={S.h1}>{heading}</h1>
        <p style={S.p}>{m.email.greeting(p.customerName)}</p>
        <p style={S.p}>{intro}</p>
        <p style={S.question}>{question}</p>
        <LayoutTable>
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
        </LayoutTable>
        <LayoutTable>
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
    m.email.why,
    `${m.survey.unsubscribe}: ${p.unsubscribeUrl}`,
    '',
  ].join('\n');

  return { subject, html, text };
}
