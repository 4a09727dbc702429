// Every agent in scope with answers, scores and intervals, rank, a sparkline of the ranking score
// and open follow-ups. Headers sort (server side, so links can be shared); agents with too few
// answers are greyed and unranked.
import { rangeLabel, shortDate, type DayRange } from '../../../src/domain/period';
import type { SurveyKind } from '../../../src/domain/surveys';
import { carried, dashUrl, type DashParams } from '../../../src/http/dashboardParams';
import type { AgentLine, AgentSort, AgentsTable as Table } from '../../../src/services/dashboard/agents';
import { int, intervalText, scoreText, SURVEY_LABEL } from './format';
import { DASH_ID, SwapLink } from './SwapLink';

const SCALE: Record<SurveyKind, [number, number]> = { csat: [0, 100], nps: [-100, 100], ces: [0, 100] };

/** A small line of the weekly or monthly score; gaps where there were no answers. */
export function Sparkline(p: { kind: SurveyKind; values: Array<number | null>; label: string }) {
  const w = 96;
  const h = 24;
  const [lo, hi] = SCALE[p.kind];
  const x = (i: number) => (p.values.length === 1 ? w / 2 : (i * (w - 4)) / (p.values.length - 1) + 2);
  const y = (v: number) => h - 2 - ((v - lo) / (hi - lo)) * (h - 4);
  const runs: string[][] = [];
  let run: string[] = [];
  p.values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (run.length) runs.push(run);
  return (
    <svg class="spark" viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={p.label}>
      <line class="spark-base" x1="0" x2={w} y1={y(lo + (hi - lo) / 2)} y2={y(lo + (hi - lo) / 2)} />
      {runs.map((r) => (r.length === 1 ? <circle class="spark-dot" cx={r[0]!.split(',')[0]} cy={r[0]!.split(',')[1]} r="1.8" /> : <polyline class="spark-line" points={r.join(' ')} />))}
    </svg>
  );
}

function ScoreCell(p: { kind: SurveyKind; line: AgentLine }) {
  const r = p.line.scores[p.kind];
  if (r.n === 0) return <td class="num muted">–</td>;
  return (
    <td class={r.enough ? 'num' : 'num thin'}>
      <span class="cell-score">{scoreText(p.kind, r.score)}</span>
      <span class="cell-ci">{r.enough ? intervalText(p.kind, r.low, r.high) : `too few (${r.n})`}</span>
    </td>
  );
}

export function AgentsTable(p: { t: Table; params: DashParams; path: string; range: DayRange; today: number; minSample: number; kinds: SurveyKind[] }) {
  const keep = carried(p.params);
  const sort = p.params.sort ?? 'rank';
  const dir = p.params.dir ?? (sort === 'rank' || sort === 'name' ? 'asc' : 'desc');
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
  return (
    <section id={DASH_ID} class="dash" aria-label="Agents">
      <p class="dash-range">
        <strong>{rangeLabel(p.range, p.today)}</strong>{' '}
        <span class="muted">
          Ranked by the lower end of the {SURVEY_LABEL[p.t.rankKind]} 95% interval; fewer than {p.minSample} responses: not ranked.
        </span>
      </p>
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
              {p.t.lines.map((l) => (
                <tr data-agent={l.agent.id} class={l.rank === null ? 'unranked' : undefined}>
                  <td class="num">{l.rank ?? '–'}</td>
                  <td>
                    <a href={dashUrl(`/agents/${l.agent.id}`, { preset: keep.preset, from: keep.from, to: keep.to, channel: keep.channel, survey: keep.survey, tag: keep.tag })}>
                      {l.agent.name ?? l.agent.email}
                    </a>
                  </td>
                  <td>{l.agent.teamName ?? <span class="muted">–</span>}</td>
                  <td class="num">{int(l.n)}</td>
                  {p.kinds.map((k) => (
                    <ScoreCell kind={k} line={l} />
                  ))}
                  <td>
                    <Sparkline kind={p.t.rankKind} values={l.spark} label={`${spark} of ${l.agent.name ?? l.agent.email}`} />
                  </td>
                  <td class="num">{l.openFollowups ? <a href="/follow-ups">{l.openFollowups}</a> : '0'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
