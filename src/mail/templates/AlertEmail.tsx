// The email an alert rule sends to its list: the answer, who it came from, and a button into Heard.
// Staff email, so English; the comment is the customer's own words, quoted as written.
import { alertFacts, alertText, alertTitle, type AlertMessage } from '../../domain/alertMessages';
import { EMAIL_COLOR, LayoutTable, type RenderedEmail } from './EmailFrame';
import { STAFF_STYLE as S, staffEmail } from './FollowupEmails';

const QUOTE = `margin:0 0 16px 0;padding:10px 14px;border-left:4px solid ${EMAIL_COLOR.border};white-space:pre-line;`;

export async function renderAlertEmail(m: AlertMessage): Promise<RenderedEmail> {
  const subject = alertTitle(m);
  const html = await staffEmail(
    subject,
    <>
      <h1 style={S.h1}>{subject}</h1>
      {m.comment ? <p style={QUOTE}>{m.comment}</p> : null}
      <LayoutTable>
        {alertFacts(m).map(([k, v]) => (
          <tr>
            <td style={`${S.cell}color:${EMAIL_COLOR.muted};width:30%;`}>{k}</td>
            <td style={S.cell}>{v}</td>
          </tr>
        ))}
      </LayoutTable>
      <p style="margin:20px 0 0 0;">
        <a href={m.link} style={S.button}>
          {m.linkLabel}
        </a>
      </p>
    </>,
  );
  return { subject, html, text: alertText(m) };
}
