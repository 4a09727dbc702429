// The dashboard benchmark's views, as who asks and which path: shared by bench/dashboard.ts and
// bench/dashboardCompare.ts (whose other checkout runs them with its own code), so it imports nothing.
export type Viewer = 'admin' | 'manager' | 'api';

/** `today` is the local day the data ends on; `agentId` the agent whose page is read. */
export function dashboardViews(today: number, agentId: string, isoDate: (day: number) => string): Array<[name: string, viewer: Viewer, path: string]> {
  const lastMonth = `from=${isoDate(today - 60)}&to=${isoDate(today - 30)}`;
  return [
    ['Overview, all teams, 12 months', 'admin', '/?preset=12m'],
    ['Overview, 12 months by day', 'admin', '/?preset=12m&bucket=day'],
    ['Overview, manager of 3 teams, 12 months', 'manager', '/?preset=12m'],
    ['Overview, channel + tag, 12 months', 'admin', '/?preset=12m&channel=email&tag=billing'],
    ['Overview, custom 365 days, NPS', 'admin', `/?from=${isoDate(today - 364)}&to=${isoDate(today)}&survey=nps`],
    ['Agent page, 12 months', 'admin', `/agents/${agentId}?preset=12m`],
    ['Agents (500), 12 months', 'admin', '/agents?preset=12m'],
    ['Agents, 90 days, channel filter', 'admin', '/agents?preset=90d&channel=chat'],
    ['Agents, 12 months, tag + channel', 'admin', '/agents?preset=12m&channel=chat&tag=vip'],
    ['Agents, manager, 30 days', 'manager', '/agents?preset=30d'],
    ['Agents, 12 months, by NPS, page 4', 'admin', '/agents?preset=12m&sort=nps&dir=desc&page=4'],
    ['Responses, 12 months, page 1', 'admin', '/responses?preset=12m'],
    ['Responses, drill-down NPS detractors', 'admin', `/responses?${lastMonth}&survey=nps&score=detractors`],
    ['Responses, 12 months, rare tag + channel + CES', 'admin', '/responses?preset=12m&channel=social&tag=vip&survey=ces'],
    ['Metrics API, by month, 12 months', 'api', '/api/v1/metrics?survey=csat&preset=12m&groupBy=month'],
    ['Metrics API, by agent, 12 months', 'api', '/api/v1/metrics?survey=nps&preset=12m&groupBy=agent'],
    ['Metrics API, by team, 12 months', 'api', '/api/v1/metrics?survey=ces&preset=12m&groupBy=team'],
    // All time: every answer since the first (at 1M about 13 months, at 5M about five and a half years).
    ['Overview, all time', 'admin', '/?preset=all'],
    ['Agents, all time', 'admin', '/agents?preset=all'],
    ['Responses, all time, page 1', 'admin', '/responses?preset=all'],
    ['Metrics API, by month, all time', 'api', '/api/v1/metrics?survey=csat&preset=all&groupBy=month'],
    ['Metrics API, by agent, all time', 'api', '/api/v1/metrics?survey=nps&preset=all&groupBy=agent'],
    ['Metrics API, by team, all time', 'api', '/api/v1/metrics?survey=csat&preset=all&groupBy=team'],
  ];
}
