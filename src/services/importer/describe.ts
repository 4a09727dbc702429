// An import's plan and report as plain lines, for the CLI (the page renders the same facts).
import { IMPORT_FIELDS, type FieldSource } from '../../domain/import/fields';
import type { ImportReport, Plan } from './run';

const int = (n: number) => n.toLocaleString('en-US');
export const sourceText = (s: FieldSource | undefined) => (!s ? '—' : 'column' in s ? `column “${s.column}”` : `always “${s.value}”`);

export function describePlan(plan: Plan): string {
  const lines = [`Preset: ${plan.preset.label}. Scores: ${plan.preset.scaleNote}`];
  for (const f of IMPORT_FIELDS) if (plan.mapping[f]) lines.push(`  ${f.padEnd(15)} ← ${sourceText(plan.mapping[f])}`);
  return lines.join('\n');
}

export function progressBar(fraction: number, width = 30): string {
  const f = Math.max(0, Math.min(1, fraction));
  const full = Math.round(f * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${String(Math.floor(f * 100)).padStart(3)}%`;
}

export function reportLines(r: ImportReport, opts: { dryRun?: boolean; maxSkips: number }): string[] {
  const lines = [
    opts.dryRun
      ? `Dry run: ${int(r.imported)} of ${int(r.rows)} rows would be imported, ${int(r.skipped)} skipped. Nothing was written.`
      : `Imported ${int(r.imported)} of ${int(r.rows)} rows, ${int(r.duplicates)} already there, ${int(r.skipped)} skipped.`,
  ];
  if (r.unassigned) lines.push(`${int(r.unassigned)} rows had no agent and went to ${r.unassignedAgent}.`);
  const unknown = Object.entries(r.unknownChannels);
  if (unknown.length) lines.push(`${int(unknown.reduce((n, [, c]) => n + c, 0))} rows with an unknown channel counted as other: ${unknown.map(([c, n]) => `${c} (${int(n)})`).join(', ')}.`);
  if (r.erased) lines.push(`${int(r.erased)} of the skipped rows are of erased customers: Heard does not bring them back.`);
  if (r.derivedIds) lines.push(`${int(r.derivedIds)} rows had no external_id and got one derived from the row (the same on every import).`);
  for (const s of r.skips.slice(0, opts.maxSkips)) lines.push(`  line ${s.line}: ${s.reasons.join('; ')}`);
  if (r.skipped > Math.min(opts.maxSkips, r.skips.length)) lines.push(`  … and ${int(r.skipped - Math.min(opts.maxSkips, r.skips.length))} more skipped rows`);
  return lines;
}
