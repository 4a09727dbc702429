// Which preset and mapping an import uses: the one asked for, or the one the file looks like,
// with the person's overrides on top, and refused when it cannot work for any row.
import { err, ok, type Result } from '../result';
import { applyOverrides, type ImportField, type Mapping } from './fields';
import { checkScale, detectPreset, PRESETS, presetMapping, presetNamed, type Preset } from './presets';
import type { SourceFormat } from './sources';

export interface PlanRequest {
  preset?: string;
  map?: readonly string[];
  set?: readonly string[];
}

export interface Planned {
  preset: Preset;
  mapping: Mapping;
}

const REQUIRED: ImportField[] = ['customer_email', 'score'];

/** Fields a mapping lacks that every row needs, as a sentence, or null. */
export function missingFields(mapping: Mapping): string | null {
  const missing: string[] = REQUIRED.filter((f) => !mapping[f]);
  if (!mapping.closed_at && !mapping.responded_at) missing.push('responded_at or closed_at');
  return missing.length ? `nothing is mapped to ${missing.join(', ')}` : null;
}

export function planImport(
  req: PlanRequest,
  file: { format: SourceFormat; columns: readonly string[]; sample: ReadonlyArray<Record<string, string>> },
): Result<Planned, string> {
  let preset: Preset;
  if (req.preset) {
    const named = presetNamed(req.preset);
    if (!named) return err(`unknown preset "${req.preset}" (presets: ${PRESETS.map((p) => p.name).join(', ')})`);
    preset = named;
  } else preset = detectPreset(file.format, file.columns, file.sample);
  const mapping = applyOverrides(presetMapping(preset, file.columns), { map: req.map, set: req.set }, file.columns);
  if (!mapping.ok) return mapping;
  const scale = checkScale(preset, mapping.value);
  if (!scale.ok) return err(`${preset.label}: ${scale.error}`);
  const missing = missingFields(mapping.value);
  if (missing) return err(missing);
  return ok({ preset, mapping: mapping.value });
}
