// Emails of the follow-up loop: what an agent writes to a customer (in the customer's language),
// and the escalation and daily digest emails to staff (English, like the staff app). Built for
// mail clients: one table column, inline styles, a plain-text twin.
import type { Child } from 'hono/jsx';
import { messages, type Locale } from '../../i18n';
import { EMAIL_COLOR, LayoutTable, renderEmailFrame, type RenderedEmail } from './EmailFrame';

export const S = {
  h1: 'margin:0 0 16px 0;font-size:20px;line-height:1.3;font-weight:700;',
  p: 'margin:0 0 14px 0;white-space:pre-line;',
  muted: `margin:16px 0 0 0;color:${EMAIL_COLOR.muted};font-size:14px;`,
  button: `display:inline-block;padding:10px 18px;border-radius:8px;background-color:${EMAIL_COLOR.accent};color:#ffffff;font-weight:600;text-decoration:none;`,
  cell: `padding:8px 6px;border-bottom:1px solid ${EMAIL_COLOR.border};font-size:14px;vertical-align:top;`,
  overdue: `color:${EMAIL_COLOR.danger};font-weight:600;`,
};

/** The staff emails' styles, shared with the alert email. */
export const STAFF_STYLE = S;

/** Staff emails are in English, like the staff app. */
export const staffEmail = (title: string, children: Child) => renderEmailFrame({ lang: 'en', dir: 'ltr', locale: 'en', title, children });

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

/** An agent's email to a customer: their own words, and where a reply goes. */
export async function renderCustomerEmail(p: { locale: Locale; subject: string; body: string; agentName: string | null }): Promise<RenderedEmail> {
  const m = messages(p.locale);
  const hint = m.followup.replyHint(p.agentName);
  const html = await renderEmailFrame({
    lang: m.lang,
    dir: m.dir,
    locale: p.locale,
    title: p.subject,
    children: (
      <>
        {paragraphs(p.body).map((para) => (
          <p style={S.p}>{para}</p>
        ))}
        <p style={S.muted}>{hint}</p>
      </>
    ),
  });
  return { subject: p.subject, html, text: `${p.body.trim()}\n\n--\n${hint}\n` };
}

export interface TaskLine {
  customer: string;
  score: string;
  assignee: string;
  due: string;
  overdue: boolean;
  url: string;
}

/** A task is overdue: level 1 tells the assignee, level 2 a manager. */
export async function renderEscalationEmail(p: { level: 1 | 2; task: TaskLine; overdueFor: string }): Promise<RenderedEmail> {
  const subject = p.level === 1 ? `Overdue follow-up: ${p.task.customer}` : `Escalated follow-up: ${p.task.customer} is still waiting`;
  const lead =
    p.level === 1
      ? `Your follow-up with ${p.task.customer} was due ${p.task.due} and is overdue by ${p.overdueFor}.`
      : `The follow-up with ${p.task.customer} (assigned to ${p.task.assignee}) was due ${p.task.due} and is overdue by ${p.overdueFor}. The assignee was told when it fell due.`;
  const html = await staffEmail(
    subject,
    <>
      <h1 style={S.h1}>{subject}</h1>
      <p style={S.p}>{lead}</p>
      <p style={S.p}>Their answer: {p.task.score}</p>
      <p style="margin:20px 0 0 0;">
        <a href={p.task.url} style={S.button}>
          Open the task
        </a>
      </p>
    </>,
  );
  return { subject, html, text: `${subject}\n\n${lead}\nTheir answer: ${p.task.score}\n\nOpen the task: ${p.task.url}\n` };
}

/** A manager's morning list of open and overdue tasks. */
export async function renderDigestEmail(p: { name: string | null; day: string; open: number; overdue: number; tasks: TaskLine[]; inboxUrl: string }): Promise<RenderedEmail> {
  const subject = `Follow-ups for ${p.day}: ${p.open} open, ${p.overdue} overdue`;
  const more = p.open > p.tasks.length ? `And ${p.open - p.tasks.length} more in the inbox.` : '';
  const html = await staffEmail(
    subject,
    <>
      <h1 style={S.h1}>{subject}</h1>
      <p style={S.p}>{p.name ? `Good morning, ${p.name}.` : 'Good morning.'} These follow-ups in your teams are waiting, soonest due first.</p>
      <LayoutTable>
        {p.tasks.map((t) => (
          <tr>
            <td style={S.cell}>
              <a href={t.url} style={`color:${EMAIL_COLOR.accent};`}>
                {t.customer}
              </a>
              <br />
              {t.score}
            </td>
            <td style={S.cell}>{t.assignee}</td>
            <td style={t.overdue ? `${S.cell}${S.overdue}` : S.cell}>{t.overdue ? `Overdue (${t.due})` : `Due ${t.due}`}</td>
          </tr>
        ))}
      </LayoutTable>
      {more ? <p style={S.muted}>{more}</p> : null}
      <p style="margin:20px 0 0 0;">
        <a href={p.inboxUrl} style={S.button}>
          Open the follow-up inbox
        </a>
      </p>
    </>,
  );
  const lines = p.tasks.map((t) => `- ${t.customer} · ${t.score} · ${t.assignee} · ${t.overdue ? `OVERDUE (${t.due})` : `due ${t.due}`}\n  ${t.url}`);
  return { subject, html, text: [subject, '', ...lines, more, '', `Inbox: ${p.inboxUrl}`, ''].join('\n') };
}
