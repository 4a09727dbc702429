// Mail security scanners open every link in an email, some running the page's JavaScript.
// A person picks one score; a scanner "clicks" many different ones within moments. So when
// different scores of one email are opened close together, those visits are treated as a scanner's.
// The rule looks at the email, not the visitor's address: scanners spread their requests over
// many addresses, and only one person received the email.

export const SCANNER_WINDOW_MS = 2 * 60_000;
export const SCANNER_MIN_DISTINCT_SCORES = 2;

export interface Click {
  score: number;
  at: number;
}

/** Whether the clicks around `at` (within the window either side) look like a scanner. */
export function isScannerBurst(clicks: readonly Click[], at: number): boolean {
  const near = new Set<number>();
  for (const c of clicks) {
    if (Math.abs(c.at - at) <= SCANNER_WINDOW_MS) near.add(c.score);
  }
  return near.size >= SCANNER_MIN_DISTINCT_SCORES;
}
