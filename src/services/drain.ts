// The loop of every outgoing job (webhooks, helpdesk write-backs): claim a batch of due rows,
// handle them together, count the outcomes, until nothing is due or one run has done enough.
export async function drain<C, O extends string>(
  claim: () => Promise<C[]>,
  handle: (c: C) => Promise<O>,
  report: Record<O, number>,
  maxPerRun: number,
): Promise<Record<O, number>> {
  for (let handled = 0; handled < maxPerRun; ) {
    const claimed = await claim();
    if (claimed.length === 0) break;
    handled += claimed.length;
    for (const outcome of await Promise.all(claimed.map(handle))) report[outcome]++;
  }
  return report;
}
