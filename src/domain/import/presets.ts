// Where other tools put each field, and how their rating scales land on Heard's. A scale is
// translated only where the translation keeps what Heard reports exact (see README "Scales");
// anything else is refused with the reason.
import { err, ok, type Result } from '../result';
import { parseScore, SURVEY_KINDS, type SurveyKind } from '../surveys';
import { normalName, ownColumns, type ImportField, type Mapping } from './fields';

export type Scored = { survey: SurveyKind; score: number };
/** A raw score (and the survey text the row or mapping gives) on Heard's scale, or why not. */
export type ScaleRule = (raw: string, survey: string) => Result<Scored, string>;

export interface Preset {
  name: string;
  label: string;
  /** Candidate columns per field, in normalName form, best first. */
  columns: Partial<Record<ImportField, readonly string[]>>;
  /** Fixed values the preset sets when the file has no column for them. */
  fixed?: Partial<Record<ImportField, string>>;
  scale: ScaleRule;
  /** One line for the README and the page: how scores are read. */
  scaleNote: string;
}

const kindOf = (survey: string) => SURVEY_KINDS.find((k) => k === survey.trim().toLowerCase());

/** Heard's own scales: the survey names the kind, the score is on its scale. */
const nativeScale: ScaleRule = (raw, survey) => {
  const kind = kindOf(survey);
  if (!kind) return err(`survey: must be one of ${SURVEY_KINDS.join(', ')}`);
  const score = parseScore(kind, raw);
  return score === null ? err(`score: “${raw}” is not a whole number on the ${kind} scale`) : ok({ survey: kind, score });
};

/** Words (lower case, spaces squeezed) onto CSAT scores. */
function wordScale(words: Record<string, number | string>): ScaleRule {
  return (raw) => {
    const word = raw.trim().toLowerCase().replace(/[\s_]+/g, ' ');
    const v = words[word];
    if (v === undefined) return err(`score: “${raw}” is not one of ${Object.keys(words).filter((w) => typeof words[w] === 'number').join(', ')}`);
    return typeof v === 'string' ? err(v) : ok({ survey: 'csat', score: v });
  };
}

// Delighted's survey types: three are Heard's own; the rest measure something else or on a scale
// with no exact place in Heard's.
const DELIGHTED_REFUSED: Record<string, string> = {
  enps: 'survey: eNPS asks employees, not customers; Heard does not import it',
  pmf: 'survey: product/market fit answers have no CSAT, NPS or CES equivalent',
  thumbs: 'survey: a thumbs up/down answer has no exact CSAT score; import it with the Zendesk preset’s good/bad rule',
};
const DELIGHTED_AS_CSAT = new Set(['5star', 'five_star', 'smileys']);
const delightedScale: ScaleRule = (raw, survey) => {
  const type = survey.trim().toLowerCase();
  if (DELIGHTED_REFUSED[type]) return err(DELIGHTED_REFUSED[type]);
  return nativeScale(raw, DELIGHTED_AS_CSAT.has(type) ? 'csat' : type);
};

/** Nicereply rates on 2, 3 or 10 points; the file's score is read on the preset's scale. */
function nicereplyScale(points: 2 | 3 | 10): ScaleRule {
  return (raw, survey) => {
    const kind = kindOf(survey);
    const n = /^\d{1,2}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (points === 10) {
      if (kind !== 'nps') return err(`survey: a 10-point score has no exact place on the ${kind ?? survey} scale; import it as nps`);
      return n >= 0 && n <= 10 ? ok({ survey: 'nps', score: n }) : err(`score: “${raw}” is not between 0 and 10`);
    }
    if (kind !== 'csat') return err(`survey: a ${points}-point rating has no exact place on the ${kind ?? survey} scale; import it as csat`);
    const to = points === 2 ? [1, 5] : [1, 3, 5];
    return n >= 1 && n <= points ? ok({ survey: 'csat', score: to[n - 1]! }) : err(`score: “${raw}” is not between 1 and ${points}`);
  };
}

const NOT_ANSWERED = 'score: the survey was offered but not answered';

export const PRESETS: readonly Preset[] = [
  {
    name: 'heard',
    label: 'Heard columns',
    columns: {},
    scale: nativeScale,
    scaleNote: 'survey is csat (1–5), nps (0–10) or ces (1–7); the score is taken as it is.',
  },
  {
    name: 'delighted',
    label: 'Delighted (CSV or JSON)',
    columns: {
      external_id: ['response_id', 'id'],
      responded_at: ['created_at', 'response_date', 'date', 'responded_at'],
      closed_at: ['person_properties_closed_at', 'closed_at'],
      survey: ['survey_type', 'survey'],
      score: ['score'],
      comment: ['comment'],
      customer_email: ['person_email', 'email', 'customer_email'],
      customer_name: ['person_name', 'name', 'customer_name'],
      agent_email: ['person_properties_agent_email', 'agent_email'],
      agent_name: ['person_properties_agent', 'person_properties_agent_name', 'agent_name', 'agent'],
      team: ['person_properties_team', 'team'],
      channel: ['person_properties_channel', 'channel'],
      tags: ['tags'],
      churned_at: ['person_properties_churned_at', 'churned_at'],
    },
    scale: delightedScale,
    scaleNote:
      'nps 0–10, csat 1–5 and ces 1–7 are taken as they are; 5-star and smileys (1–5) count as csat; eNPS, product/market fit and thumbs are refused.',
  },
  ...([2, 3, 10] as const).map(
    (points): Preset => ({
      name: `nicereply-${points}`,
      label: `Nicereply, ${points}-point scale`,
      columns: {
        external_id: ['ticket', 'ticket_id', 'rating_id', 'id'],
        responded_at: ['created', 'created_at', 'date', 'rated_at'],
        score: ['score', 'rating'],
        comment: ['comment'],
        customer_email: ['customer_email', 'email', 'from'],
        customer_name: ['customer_name', 'customer', 'name'],
        agent_email: ['agent_email', 'user_email'],
        agent_name: ['agent', 'agent_name', 'user'],
        team: ['team', 'group'],
      },
      fixed: { survey: points === 10 ? 'nps' : 'csat' },
      scale: nicereplyScale(points),
      scaleNote:
        points === 2
          ? '2-point: 1 (bad) → CSAT 1, 2 (good) → CSAT 5. NPS and CES are refused.'
          : points === 3
            ? '3-point: 1 → CSAT 1, 2 → CSAT 3, 3 → CSAT 5. NPS and CES are refused.'
            : '10-point: 0–10 → NPS, the same number. CSAT and CES are refused.',
    }),
  ),
  {
    name: 'zendesk',
    label: 'Zendesk satisfaction ratings',
    columns: {
      external_id: ['ticket_id', 'id'],
      responded_at: ['created_at', 'updated_at'],
      score: ['score', 'satisfaction', 'rating'],
      comment: ['comment'],
      reasons: ['reason'],
      customer_email: ['requester_email', 'requester'],
      customer_name: ['requester_name'],
      agent_email: ['assignee_email'],
      agent_name: ['assignee_name', 'assignee'],
      team: ['group_name', 'group'],
    },
    fixed: { survey: 'csat' },
    scale: wordScale({ good: 5, bad: 1, 'good with comment': 5, 'bad with comment': 1, offered: NOT_ANSWERED, unoffered: NOT_ANSWERED }),
    scaleNote: 'good → CSAT 5, bad → CSAT 1 (Heard’s CSAT share equals Zendesk’s satisfaction score); offered/unoffered rows are skipped.',
  },
  {
    name: 'helpscout',
    label: 'Help Scout ratings',
    columns: {
      external_id: ['conversation_number', 'conversation_id', 'ticket_id', 'id'],
      responded_at: ['rating_date', 'rated_at', 'created_at', 'date'],
      score: ['rating'],
      comment: ['comments', 'comment'],
      customer_email: ['customer_email', 'customer'],
      customer_name: ['customer_name'],
      agent_email: ['user_email', 'agent_email'],
      agent_name: ['user', 'user_name', 'agent'],
      team: ['mailbox', 'team'],
    },
    fixed: { survey: 'csat' },
    scale: wordScale({ great: 5, okay: 3, 'not good': 1, bad: 1 }),
    scaleNote: 'great → CSAT 5, okay → CSAT 3, not good → CSAT 1 (the CSAT share is Help Scout’s share of great ratings).',
  },
];

export const presetNamed = (name: string) => PRESETS.find((p) => p.name === name);

/** The preset's mapping for a file's columns: each field to its first candidate present, else its fixed value. */
export function presetMapping(preset: Preset, columns: readonly string[]): Mapping {
  if (preset.name === 'heard') return ownColumns(columns);
  const byNormal = new Map<string, string>();
  for (const c of columns) if (!byNormal.has(normalName(c))) byNormal.set(normalName(c), c);
  const mapping: Mapping = {};
  for (const [field, candidates] of Object.entries(preset.columns) as Array<[ImportField, readonly string[]]>) {
    const column = candidates.map((c) => byNormal.get(c)).find((c) => c !== undefined);
    if (column) mapping[field] = { column };
  }
  for (const [field, value] of Object.entries(preset.fixed ?? {}) as Array<[ImportField, string]>) {
    if (!mapping[field]) mapping[field] = { value };
  }
  return mapping;
}

/** A file-level refusal: the mapping asks a scale rule for a survey it cannot represent. */
export function checkScale(preset: Preset, mapping: Mapping): Result<true, string> {
  const survey = mapping.survey;
  if (!survey || !('value' in survey)) return ok(true);
  const probe = preset.name.startsWith('nicereply-') ? '1' : preset.name === 'zendesk' ? 'good' : preset.name === 'helpscout' ? 'great' : null;
  if (probe === null) return kindOf(survey.value) || preset.name === 'delighted' ? ok(true) : err(`survey: must be one of ${SURVEY_KINDS.join(', ')}`);
  const tried = preset.scale(probe, survey.value);
  return tried.ok || !tried.error.startsWith('survey:') ? ok(true) : err(tried.error);
}

/**
 * The preset that fits a file best: JSON is Delighted's; a CSV is judged by its columns and a
 * sample of its score values.
 */
export function detectPreset(format: 'csv' | 'json', columns: readonly string[], sample: ReadonlyArray<Record<string, string>>): Preset {
  if (format === 'json') return presetNamed('delighted')!;
  const names = new Set(columns.map(normalName));
  const own = ownColumns(columns);
  if (own.external_id && own.score && (own.survey || own.customer_email)) return presetNamed('heard')!;
  const scoreColumn = columns.find((c) => ['score', 'rating', 'satisfaction'].includes(normalName(c)));
  const values = new Set(sample.map((r) => (scoreColumn ? (r[scoreColumn] ?? '').trim().toLowerCase() : '')).filter(Boolean));
  const some = (words: string[]) => words.some((w) => values.has(w));
  if (some(['great', 'okay', 'not good'])) return presetNamed('helpscout')!;
  if (some(['good', 'bad', 'offered', 'unoffered'])) return presetNamed('zendesk')!;
  if (names.has('survey_type') || names.has('person_email')) return presetNamed('delighted')!;
  const numbers = [...values].map(Number).filter((n) => Number.isInteger(n));
  if (numbers.length > 0 && (names.has('ticket') || names.has('agent') || names.has('rating_id'))) {
    const max = Math.max(...numbers);
    return presetNamed(max <= 2 ? 'nicereply-2' : max <= 3 ? 'nicereply-3' : 'nicereply-10')!;
  }
  return presetNamed('heard')!;
}
