// The part of the overview (and of an agent's page) that changes with the filters: tiles, trend,
// distribution and comments. It is the whole answer to an htmx filter change.
import type { Child } from 'hono/jsx';
import { isoDate, type Bucket } from '../../../src/domain/period';
import { rangeLabel } from '../../../src/domain/periodLabels';
import { carried, dashUrl, rangeUrl, type DashParams } from '../../../src/domain/dashParams';
import type { Overview } from '../../../src/services/dashboard/overview';
import type { SurveyDetailsSummary } from '../../../src/services/dashboard/details';
import { FcrTile, ReasonsChart } from './SurveyDetailsCards';
import type { ThemeReport } from '../../../src/services/insight/themes';
import { DistributionChart, TrendChart } from './Charts';
import { int, percentText } from './format';
import { ResponseList } from './ResponseList';
import { ThemesPanel } from './ThemesPanel';
import { CountTile, ScoreTile } from './Tiles';
import { DASH_ID } from './SwapLink';

export interface OverviewBodyProps {
  /** survey design: FCR and reasons come with the overview when the page has them. */
  o: Overview & { details?: SurveyDetailsSummary };
  /** The page the body belongs to (for its own links). */
  path: string;
  params: DashParams;
  today: number;
  tz: string;
  minSample: number;
  agentHref: (agentId: string) => string | null;
  /** insight: the themes panel under the charts; `manageHref` for admins. */
  themes?: { report: ThemeReport; manageHref: string | null };
  /** Below the charts: the latest comments by default. */
  children?: Child;
}

export function OverviewBody(p: OverviewBodyProps) {
  const { o } = p;
  const keep = carried(p.params);
  const against = rangeLabel(o.previous, p.today);
  const responses = (extra: Partial<DashParams>) => dashUrl('/responses', { ...keep, ...extra });
  const bucketLink = (b: Bucket) => dashUrl(p.path, { ...keep, bucket: b });
  return (
    <section id={DASH_ID} class="dash" aria-label="Results">
      <p class="dash-range">
        <strong>{rangeLabel(o.range, p.today)}</strong> <span class="muted">compared with {against}</span>
      </p>
      <div class="tiles">
        {o.scores.map((s) => (
          <ScoreTile s={s} href={responses({ survey: s.kind })} against={against} minSample={p.minSample} />
        ))}
        <CountTile
          name="responses"
          label="Responses"
          value={int(o.responses.now)}
          note={`${int(o.responses.before)} in the previous period`}
          change={o.responses.change}
          unit="%"
          against={against}
          href={responses({})}
        />
        <CountTile
          name="rate"
          label="Response rate"
          value={percentText(o.rate.now)}
          note={o.rate.sent ? `${int(o.rate.direct)} of ${int(o.rate.sent)} surveys sent` : 'No surveys sent in this period'}
          change={o.rate.change}
          unit="pts"
          against={against}
        />
        {o.details && <FcrTile d={o.details} href={responses({ resolved: 'no' })} />}
      </div>
      <div class="dash-charts">
        <TrendChart
          kind={o.chartKind}
          bucket={o.bucket}
          points={o.trend}
          link={rangeUrl('/responses', { ...keep, survey: o.chartKind })}
          bucketLink={bucketLink}
        />
        <DistributionChart
          kind={o.chartKind}
          bars={o.distribution}
          link={(score) => responses({ preset: null, from: isoDate(o.range.from), to: isoDate(o.range.to), survey: o.chartKind, score })}
        />
      </div>
      {o.details && <ReasonsChart d={o.details} link={(reason) => responses({ reason })} />}

      {p.themes && <ThemesPanel report={p.themes.report} params={p.params} manageHref={p.themes.manageHref} />}
      {p.children ?? (
        <section class="card" aria-labelledby="latest-title">
          <div class="chart-head">
            <h2 id="latest-title">Latest comments</h2>
            <a href={responses({ comments: true })}>All comments</a>
          </div>
          <ResponseList rows={o.comments} tz={p.tz} agentHref={p.agentHref} empty="No comments in this period." />
        </section>
      )}
    </section>
  );
}
