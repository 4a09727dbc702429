// The score digest: a manager's scores for a week or a day, in their language. Built for mail
// clients: one column of tables with inline styles, charts as inline PNGs whose labels sit in the
// HTML beside them (so it reads fully with images blocked), and a plain-text twin.
import type { Child } from 'hono/jsx';
import { messages, type Locale } from '../../i18n';
import { EMAIL_COLOR, LayoutTable, renderEmailFrame, type RenderedEmail } from './EmailFrame';

const S = {
  h1: 'margin:0 0 4px 0;font-size:22px;line-height:1.3;font-weight:700;',
  h2: 'margin:28px 0 8px 0;font-size:17px;line-height:1.3;font-weight:700;',
  p: 'margin:0 0 12px 0;',
  muted: `margin:0;color:${EMAIL_COLOR.muted};font-size:13px;line-height:1.45;`,
  th: `padding:6px 6px 6px 0;border-bottom:1px solid ${EMAIL_COLOR.border};font-size:12px;color:${EMAIL_COLOR.muted};font-weight:600;text-align:left;`,
  cell: `padding:8px 6px 8px 0;border-bottom:1px solid ${EMAIL_COLOR.border};font-size:14px;vertical-align:top;`,
  big: 'font-size:20px;font-weight:700;line-height:1.2;',
  small: `font-size:12px;color:${EMAIL_COLOR.muted};`,
  up: 'color:#16803d;font-weight:600;',
  down: `color:${EMAIL_COLOR.danger};font-weight:600;`,
  button: `display:inline-block;padding:10px 16px;border-radius:8px;background-color:${EMAIL_COLOR.accent};color:#ffffff;font-weight:600;text-decoration:none;font-size:15px;`,
  secondary: `display:inline-block;padding:9px 15px;border-radius:8px;border:1px solid ${EMAIL_COLOR.accent};color:${EMAIL_COLOR.accent};font-weight:600;text-decoration:none;font-size:15px;`,
  // The alt text of a blocked image takes the size and colour of small print, not of the body text.
  image: `display:block;width:100%;max-width:526px;height:auto;border:0;outline:none;font-size:13px;line-height:1.45;color:${EMAIL_COLOR.muted};`,
  axis: `padding:2px 6px 0 6px;font-size:12px;color:${EMAIL_COLOR.muted};`,
};

/** A change already put into words; `trend` picks its colour, never the only signal (the words say it). */
export interface ChangeWords {
  text: string;
  trend: 'up' | 'down' | 'none';
}

export interface DigestScoreRow {
  label: string;
  score: string;
  interval: string;
  change: ChangeWords;
  answers: string;
}

export interface DigestChart {
  title: string;
  cid: string;
  alt: string;
  /** CSS pixels the image is drawn for. */
  width: number;
  height: number;
  /** Labels under the image: the ends of a trend, or one per bar. */
  axis: string[];
  /** How the axis labels spread: both ends, or one per column. */
  spread: 'ends' | 'columns';
  note?: string;
}

export interface ScoreDigestView {
  locale: Locale;
  weekly: boolean;
  subject: string;
  preheader: string;
  teams: string;
  compared: string;
  scores: DigestScoreRow[];
  rate: { value: string; detail: string; change: ChangeWords } | null;
  fcr: { value: string; interval: string; answers: string } | null;
  charts: DigestChart[];
  themes: Array<{ name: string; line: string; trend: ChangeWords | null }>;
  movers: { note: string; rows: Array<{ name: string; before: string; now: string; change: ChangeWords; answers: string }> };
  followups: { line: string; overdue: boolean };
  links: { dashboard: string; inbox: string; account: string };
}

const changeStyle = (c: ChangeWords) => (c.trend === 'up' ? S.up : c.trend === 'down' ? S.down : `color:${EMAIL_COLOR.muted};`);

function Heading(p: { children: Child }) {
  return <h2 style={S.h2}>{p.children}</h2>;
}

function Chart(p: { c: DigestChart }) {
  const c = p.c;
  return (
    <>
      <p style="margin:20px 0 6px 0;font-size:14px;font-weight:600;">{c.title}</p>
      <img src={`cid:${c.cid}`} width={c.width} height={c.height} alt={c.alt} style={S.image} />
      <LayoutTable>
        <tr>
          {c.spread === 'ends' ? (
            <>
              <td style={S.axis}>{c.axis[0]}</td>
              <td style={`${S.axis}text-align:right;`}>{c.axis[c.axis.length - 1]}</td>
            </>
          ) : (
            c.axis.map((a) => (
              <td width={`${Math.floor(100 / c.axis.length)}%`} style={`${S.axis}padding:2px 0 0 0;text-align:center;`}>
                {a}
              </td>
            ))
          )}
        </tr>
      </LayoutTable>
      {c.note ? <p style={`${S.muted}margin-top:6px;`}>{c.note}</p> : null}
    </>
  );
}

export async function renderScoreDigestEmail(v: ScoreDigestView): Promise<RenderedEmail> {
  const m = messages(v.locale).digest;
  const html = await renderEmailFrame({
    lang: messages(v.locale).lang,
    dir: messages(v.locale).dir,
    locale: v.locale,
    title: v.subject,
    preheader: v.preheader,
    footer: (
      <>
        {m.why(v.weekly)}{' '}
        <a href={v.links.account} style={`color:${EMAIL_COLOR.muted};`}>
          {m.settings}
        </a>
      </>
    ),
    children: (
      <>
        <h1 style={S.h1}>{m.heading}</h1>
        <p style={`${S.muted}margin-bottom:4px;`}>{v.teams}</p>
        <p style={`${S.muted}margin-bottom:16px;`}>{v.compared}</p>

        <LayoutTable>
          <tr>
            <th style={S.th}>{m.scores}</th>
            <th style={S.th}>{m.score}</th>
            <th style={S.th}>{m.change}</th>
            <th style={`${S.th}text-align:right;padding-right:0;`}>{m.answers}</th>
          </tr>
          {v.scores.map((s) => (
            <tr>
              <td style={`${S.cell}font-weight:600;`}>{s.label}</td>
              <td style={S.cell}>
                <span style={S.big}>{s.score}</span>
                {s.interval ? (
                  <>
                    <br />
                    <span style={S.small}>
                      {m.interval}: {s.interval}
                    </span>
                  </>
                ) : null}
              </td>
              <td style={`${S.cell}white-space:nowrap;${changeStyle(s.change)}`}>{s.change.text}</td>
              <td style={`${S.cell}text-align:right;padding-right:0;`}>{s.answers}</td>
            </tr>
          ))}
          {v.rate ? (
            <tr>
              <td style={`${S.cell}font-weight:600;`}>{m.responseRate}</td>
              <td style={S.cell}>
                <span style={S.big}>{v.rate.value}</span>
                <br />
                <span style={S.small}>{v.rate.detail}</span>
              </td>
              <td style={`${S.cell}white-space:nowrap;${changeStyle(v.rate.change)}`}>{v.rate.change.text}</td>
              <td style={S.cell}></td>
            </tr>
          ) : null}
          {v.fcr ? (
            <tr>
              <td style={`${S.cell}font-weight:600;`}>{m.fcr}</td>
              <td style={S.cell}>
                <span style={S.big}>{v.fcr.value}</span>
                {v.fcr.interval ? (
                  <>
                    <br />
                    <span style={S.small}>
                      {m.interval}: {v.fcr.interval}
                    </span>
                  </>
                ) : null}
              </td>
              <td style={S.cell}></td>
              <td style={`${S.cell}text-align:right;padding-right:0;`}>{v.fcr.answers}</td>
            </tr>
          ) : null}
        </LayoutTable>

        {v.charts.map((c) => (
          <Chart c={c} />
        ))}

        <Heading>{m.followups}</Heading>
        <p style={v.followups.overdue ? `${S.p}color:${EMAIL_COLOR.danger};font-weight:600;` : S.p}>{v.followups.line}</p>

        <Heading>{m.themes}</Heading>
        {v.themes.length ? (
          <LayoutTable>
            {v.themes.map((t) => (
              <tr>
                <td style={S.cell}>
                  <strong>{t.name}</strong>
                  <br />
                  <span style={S.small}>{t.line}</span>
                </td>
                <td style={`${S.cell}text-align:right;padding-right:0;white-space:nowrap;${t.trend ? changeStyle(t.trend) : ''}`}>{t.trend?.text ?? ''}</td>
              </tr>
            ))}
          </LayoutTable>
        ) : (
          <p style={S.muted}>{m.noThemes}</p>
        )}

        <Heading>{m.movers}</Heading>
        {v.movers.rows.length ? (
          <LayoutTable>
            {v.movers.rows.map((a) => (
              <tr>
                <td style={S.cell}>
                  <strong>{a.name}</strong>
                  <br />
                  <span style={S.small}>
                    {a.before} → {a.now} · {a.answers}
                  </span>
                </td>
                <td style={`${S.cell}text-align:right;padding-right:0;white-space:nowrap;${changeStyle(a.change)}`}>{a.change.text}</td>
              </tr>
            ))}
          </LayoutTable>
        ) : null}
        <p style={`${S.muted}margin-top:6px;`}>{v.movers.rows.length ? v.movers.note : m.noMovers}</p>

        <table role="presentation" cellpadding="0" cellspacing="0" border={0} style="margin:28px 0 0 0;">
          <tr>
            <td style="padding:0 8px 8px 0;">
              <a href={v.links.dashboard} style={S.button}>
                {m.openDashboard}
              </a>
            </td>
          </tr>
          <tr>
            <td style="padding:0 8px 0 0;">
              <a href={v.links.inbox} style={S.secondary}>
                {m.openInbox}
              </a>
            </td>
          </tr>
        </table>
      </>
    ),
  });
  return { subject: v.subject, html, text: digestText(v) };
}

/** The plain-text twin: every number and link of the HTML, charts as their alt text. */
function digestText(v: ScoreDigestView): string {
  const m = messages(v.locale).digest;
  const lines = [m.heading, v.teams, v.compared, '', `${m.scores}:`];
  for (const s of v.scores) lines.push(`- ${s.label}: ${s.score}${s.interval ? ` (${m.interval}: ${s.interval})` : ''} · ${s.change.text} · ${m.answers}: ${s.answers}`);
  if (v.rate) lines.push(`- ${m.responseRate}: ${v.rate.value} (${v.rate.detail}) · ${v.rate.change.text}`);
  if (v.fcr) lines.push(`- ${m.fcr}: ${v.fcr.value}${v.fcr.interval ? ` (${m.interval}: ${v.fcr.interval})` : ''} · ${m.answers}: ${v.fcr.answers}`);
  for (const c of v.charts) lines.push('', `${c.title}:`, c.alt);
  lines.push('', `${m.followups}: ${v.followups.line}`, '', `${m.themes}:`);
  if (v.themes.length) for (const t of v.themes) lines.push(`- ${t.name}: ${t.line}${t.trend ? ` · ${t.trend.text}` : ''}`);
  else lines.push(m.noThemes);
  lines.push('', `${m.movers}:`);
  for (const a of v.movers.rows) lines.push(`- ${a.name}: ${a.before} → ${a.now} (${a.change.text}) · ${a.answers}`);
  lines.push(v.movers.rows.length ? v.movers.note : m.noMovers);
  lines.push('', `${m.openDashboard}: ${v.links.dashboard}`, `${m.openInbox}: ${v.links.inbox}`, '', '--', `${m.why(v.weekly)} ${m.settings}: ${v.links.account}`, '');
  return lines.join('\n');
}
