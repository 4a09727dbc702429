// The overview page: filters, then the body that htmx swaps when they change.
import type { Child } from 'hono/jsx';
import type { SessionUser } from '../../../src/domain/access';
import type { ResolvedRange } from '../../../src/domain/period';
import type { DashParams } from '../../../src/http/dashboardParams';
import { AppShell } from '../../AppShell';
import type { Section } from '../../nav';
import { VENDOR } from '../../vendor';
import { Filters, type FilterOptions, type FilterNames } from '../../partials/dashboard/Filters';

/** Chart.js first (vendored), then the script that draws our canvases with it. */
export const CHART_SCRIPTS = [VENDOR.chart, '/charts.js'];

export interface DashPageProps {
  user: SessionUser;
  csrf: string;
  title: string;
  active: Section;
  path: string;
  params: DashParams;
  range: ResolvedRange;
  rangeError: string | null;
  names: FilterNames;
  today: number;
  options: FilterOptions;
  /** Above the filters, beside the title. */
  actions?: Child;
  intro?: Child;
  children: Child;
}

export function DashPage(p: DashPageProps) {
  return (
    <AppShell user={p.user} csrf={p.csrf} title={p.title} active={p.active} scripts={CHART_SCRIPTS}>
      <div class="page-header">
        <h1>{p.title}</h1>
        {p.actions}
      </div>
      {p.intro}
      <Filters action={p.path} params={p.params} range={p.range} names={p.names} today={p.today} options={p.options} error={p.rangeError} />
      {p.children}
    </AppShell>
  );
}
