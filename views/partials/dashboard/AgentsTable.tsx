// Every agent in scope with answers, scores and intervals, rank, a sparkline of the ranking score
// and open follow-ups. Headers sort (server side, so links can be shared); agents with too few
// answers are greyed and unranked. Long tables come in pages, ranked and sorted over everyone.
import { html } from 'hono/html';
import type { DayRange } from '../../../src/domain/period';
import { rangeLabel, shortDate } from '../../../src/domain/periodLabels';
import type { SurveyKind } from '../../../src/domain/surveys';
import { carried, dashUrl, type AgentSort, type DashParams } from '../../../src/domain/dashParams';
import type { AgentLine, AgentsTable as Table } from '../../../src/services/dashboard/agents';
import { int, intervalText, scoreText, SURVEY_LABEL } from './format';
import { DASH_ID, SwapLink } from './SwapLink';

const SCALE: Record<SurveyKind, [number, number]> = { csat: [0, 100], nps: [-100, 100], ces: [0, 100] };
const SORT_LABEL: Record<AgentSort, string> = { rank: 'Rank', name: 'Name', responses: 'Responses', csat: 'CSAT', nps: 'NPS', ces: 'CES', followups: 'Follow-ups' };

/** A small line of the weekly or monthly score; gaps where there were no answers. */
export function sparkline(kind: SurveyKind, values: Array<number | null>, label: string) {
  const w = 96;
  const h = 24;
  const [lo, hi] = SCALE[kind];
  const x = (i: number) => (values.length === 1 ? w / 2 : (i * (w - 4)) / (values.length - 1) + 2);
  const y = (v: number) => h - 2 - ((v - lo) / (hi - lo)) * (h - 4);
  const runs: Array<Array<[number, number]>> = [];
  let run: Array<[number, number]> = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push([x(i), y(v)]);
  });
  if (run.length) runs.push(run);
  const mid = y(lo + (hi - lo) / 2).toFixed(1);
  const marks = runs.map((r) =>
    r.length === 1
      ? html`<circle class="spark-dot" cx="${r[0]![0].toFixed(1)}" cy="${r[0]![1].toFixed(1)}" r="1.8"></circle>`
      : html`<polyline class="spark-line" points="${r.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' ')}"></polyline>`,
  );
  return html`<svg class="spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${label}"><line class="spark-base" x1="0" x2="${w}" y1="${mid}" y2="${mid}"></line>${marks}</svg>`;
}

function scoreCell(kind: SurveyKind, line: AgentLine) {
  const r = line.scores[kind];
  if (r.n === 0) return html`<td class="num muted c-score" data-label="${SURVEY_LABEL[kind]}">–</td>`;
  const ci = r.enough ? intervalText(kind, r.low, r.high) : `too few (${r.n})`;
  return html`<td class="${r.enough ? 'num c-score' : 'num c-score thin'}" data-label="${SURVEY_LABEL[kind]}"><span class="cell-score">${scoreText(kind, r.score)}</span><span class="cell-ci">${ci}</span></td>`;
}

/**
 * One agent's row. Written with the html template rather than JSX: a table of every agent can be
 * hundreds of rows, and this renders several times faster.
 */
function agentRow(l: AgentLine, kinds: SurveyKind[], rankKind: SurveyKind, sparkTitle: string, query: string) {
  const name = l.agent.name ?? l.agent.email;
  return html`<tr data-agent="${l.agent.id}"${l.rank === null ? html` class="unranked"` : ''}><td class="num c-rank">${l.rank ?? '–'}</td><td class="c-name"><a href="/agents/${l.agent.id}${query}">${name}</a></td><td class="c-team" data-label="Team">${l.agent.teamName ?? html`<span class="muted">–</span>`}</td><td class="num c-n" data-label="Responses">${int(l.n)}</td>${kinds.map((k) => scoreCell(k, l))}<td class="c-spark" data-label="${sparkTitle}">${sparkline(rankKind, l.spark, `${sparkTitle} of ${name}`)}</td><td class="num c-fu" data-label="Open follow-ups">${l.openFollowups ? html`<a href="/follow-ups">${l.openFollowups}</a>` : '0'}</td></tr>`;
}

export function AgentsTable(p: { t: Table; params: DashParams; path: string; range: DayRange; today: number; minSample: number; kinds: SurveyKind[] }) {
  const keep = carried(p.params);
  const sort = p.params.sort ?? 'rank';
  const dir = p.params.dir ?? (sort === 'rank' || sort === 'name' ? 'asc' : 'desc');
  // Another sort starts again at the first page; paging keeps the sort.
  const pageUrl = (page: number) => dashUrl(p.path, { ...keep, sort: p.params.sort, dir: p.params.dir, page: page > 1 ? page : null });
  const Head = (h: { sortKey: AgentSort; label: string; num?: boolean }) => {
    const active = sort === h.sortKey;
    const next = active ? (dir === 'asc' ? 'desc' : 'asc') : h.sortKey === "rank" || h.sortKey === "name" ? "asc" : "desc";
    return (
      <th scope="col" class={h.num ? 'num' : undefined} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <SwapLink href={dashUrl(p.path, { ...keep, sort: h.sortKey, dir: next })} class="sort" data={`sort-${h.sortKey}`}>
          {h.label}
          {active ? (dir === 'asc' ? ' ↑' : ' ↓') : ''}
        </SwapLink>
      </th>
    );
  };
  const spark = `${p.t.sparkBucket === 'week' ? 'Weekly' : 'Monthly'} ${SURVEY_LABEL[p.t.rankKind]}`;
  // An agent's page opens on the same range and facets.
  const agentQuery = dashUrl('', { preset: keep.preset, from: keep.from, to: keep.to, channel: keep.channel, survey: keep.survey, tag: keep.tag });
  return (
    <section id={DASH_ID} class="dash" aria-label="Agents">
      <p class="dash-range">
        <strong>{rangeLabel(p.range, p.today)}</strong>{' '}
        <span class="muted">
          Ranked by the lower end of the {SURVEY_LABEL[p.t.rankKind]} 95% interval; fewer than {p.minSample} responses: not ranked.
        </span>
      </p>
      <nav class="sort-menu" aria-label="Sort agents">
        <span class="muted small">Sort:</span>
        {(['rank', 'name', 'responses', ...p.kinds, 'followups'] as AgentSort[]).map((k) => (
          <SwapLink href={dashUrl(p.path, { ...keep, sort: k, dir: sort === k ? (dir === 'asc' ? 'desc' : 'asc') : k === 'rank' || k === 'name' ? 'asc' : 'desc' })} current={sort === k}>
            {SORT_LABEL[k]}
            {sort === k ? (dir === 'asc' ? ' ↑' : ' ↓') : ''}
          </SwapLink>
        ))}
      </nav>
      <div class="card table-card">
        <div class="table-wrap">
          <table class="table agents-table">
            <caption class="visually-hidden">Agents, {rangeLabel(p.range, p.today)}</caption>
            <thead>
              <tr>
                <Head sortKey="rank" label="Rank" num />
                <Head sortKey="name" label="Agent" />
                <th scope="col">Team</th>
                <Head sortKey="responses" label="Responses" num />
                {p.kinds.map((k) => (
                  <Head sortKey={k} label={SURVEY_LABEL[k]} num />
                ))}
                <th scope="col">
                  {spark}
                  {p.t.sparkStarts.length > 0 && <span class="muted small"> from {shortDate(p.t.sparkStarts[0]!)}</span>}
                </th>
                <Head sortKey="followups" label="Open follow-ups" num />
              </tr>
            </thead>
            <tbody>
              {p.t.lines.length === 0 && (
                <tr>
                  <td colspan={5 + p.kinds.length + 1} class="muted">
                    No agents here yet.
                  </td>
                </tr>
              )}
              {p.t.lines.map((l) => agentRow(l, p.kinds, p.t.rankKind, spark, agentQuery))}
            </tbody>
          </table>
        </div>
      </div>
      {p.t.pages > 1 && (
        <nav class="pager" aria-label="Pages of agents">
          {p.t.page > 1 && (
            <SwapLink href={pageUrl(p.t.page - 1)} data="page-previous">
              ← Previous
            </SwapLink>
          )}
          <span class="muted small">
            {int((p.t.page - 1) * p.t.pageSize + 1)}–{int((p.t.page - 1) * p.t.pageSize + p.t.lines.length)} of {int(p.t.agents)} agents
          </span>
          {p.t.page < p.t.pages && (
            <SwapLink href={pageUrl(p.t.page + 1)} data="page-next">
              Next →
            </SwapLink>
          )}
        </nav>
      )}
    </section>
  );
}
