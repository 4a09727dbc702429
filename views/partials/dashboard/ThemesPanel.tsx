// What customers write about: the period's top themes with their share of comments, how many read
// negative, how many came with a low score, and the trend against the previous period. Each theme
// opens the responses behind it.
import { carried, dashUrl, type DashParams } from '../../../src/http/dashboardParams';
import type { ThemeReport } from '../../../src/services/insight/themes';
import { int } from './format';

const ARROW = { up: '↑', down: '↓', flat: '→', new: '★' } as const;
const TREND_WORD = { up: 'trending up', down: 'trending down', flat: 'steady', new: 'new this period' } as const;
const pct = (v: number) => `${Math.round(v * 100)}%`;

export function ThemesPanel(p: { report: ThemeReport; params: DashParams; manageHref: string | null }) {
  const { report } = p;
  const keep = carried(p.params);
  // Bars compare themes with each other: the most talked-about one fills its bar.
  const top = Math.max(...report.themes.map((t) => t.share), 0.0001);
  return (
    <section class="card themes" aria-labelledby="themes-title" data-panel="themes">
      <div class="chart-head">
        <h2 id="themes-title">Themes</h2>
        <span class="muted small">
          {int(report.comments.now)} comments · {pct(report.comments.negativeShare)} negative
          {p.manageHref && (
            <>
              {' · '}
              <a href={p.manageHref}>Manage</a>
            </>
          )}
        </span>
      </div>
      {report.themes.length === 0 ? (
        <p class="empty muted">Not enough comments in this period to find themes.</p>
      ) : (
        <div class="table-wrap">
        <table class="table themes-table">
          <thead>
            <tr>
              <th scope="col">Theme</th>
              <th scope="col" class="num">Comments</th>
              <th scope="col" class="num">Negative</th>
              <th scope="col" class="num">Low score</th>
              <th scope="col" class="num">Trend</th>
            </tr>
          </thead>
          <tbody>
            {report.themes.map((t) => (
              <tr data-theme={t.ref}>
                <th scope="row">
                  <a href={dashUrl('/responses', { ...keep, theme: t.ref, comments: true })}>{t.name}</a>
                  {t.pinned && <span class="badge">pinned</span>}
                  <span class="theme-bar" aria-hidden="true">
                    <span style={`width:${Math.max(2, Math.round((t.share / top) * 100))}%`} />
                  </span>
                </th>
                <td class="num">
                  {int(t.responses)} <span class="muted small">({pct(t.share)})</span>
                </td>
                <td class={`num${t.negativeShare >= 0.5 ? ' theme-bad' : ''}`}>{pct(t.negativeShare)}</td>
                <td class="num">{pct(t.lowShare)}</td>
                <td class={`num theme-trend theme-trend-${t.trend}${t.negativeShare >= 0.5 ? " theme-trend-bad" : ""}`} title={`${TREND_WORD[t.trend]}: ${t.previous} comments in the previous period`}>
                  <span aria-hidden="true">{ARROW[t.trend]}</span>
                  <span class="visually-hidden">{TREND_WORD[t.trend]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
