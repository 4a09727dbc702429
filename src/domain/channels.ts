// Where a support interaction happened; the dashboards filter by it and the schema stores it.
export const CHANNELS = ['email', 'chat', 'phone', 'social', 'messaging', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
