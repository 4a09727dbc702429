// The words of the team's own survey in each language: Heard's defaults for the reasons and the
// "resolved" question, and how an admin's wording (Settings → Survey) replaces the default texts.
import type { SurveyKind } from '../domain/surveys';
import { fillPlaceholders, type PlaceholderValues, type ReasonOption, type ReasonSide } from '../domain/surveyText';
import type { SurveyDesign, SurveyWording } from '../domain/surveyDesign';
import { messages, scaleText, type Locale } from './index';

interface DesignWords {
  ask: Record<ReasonSide, string>;
  reasonsHint: string;
  reasons: Record<ReasonSide, readonly ReasonOption[]>;
  resolved: string;
  yes: string;
  no: string;
  yourReasons: string;
  resolvedAnswer: (resolved: boolean) => string;
  /** What fills a placeholder whose value is unknown. */
  fallback: PlaceholderValues;
  reminderSubject: (subject: string) => string;
  privacy: string;
}

const WORDS: Record<Locale, DesignWords> = {
  en: {
    ask: { low: 'What went wrong?', high: 'What went well?' },
    reasonsHint: 'Tick any that apply.',
    reasons: {
      low: [
        { key: 'slow_response', label: 'Slow response' },
        { key: 'not_resolved', label: 'Issue not resolved' },
        { key: 'agent_knowledge', label: 'Agent knowledge' },
        { key: 'repeat_myself', label: 'Had to repeat myself' },
        { key: 'unfriendly', label: 'Unfriendly' },
      ],
      high: [
        { key: 'fast', label: 'Fast' },
        { key: 'friendly', label: 'Friendly' },
        { key: 'knowledgeable', label: 'Knowledgeable' },
        { key: 'first_time', label: 'Solved the first time' },
        { key: 'clear', label: 'Clear explanation' },
      ],
    },
    resolved: 'Was your issue resolved?',
    yes: 'Yes',
    no: 'No',
    yourReasons: 'What you told us',
    resolvedAnswer: (r) => (r ? 'Your issue was resolved' : 'Your issue was not resolved'),
    fallback: { agent_name: 'our team', company: 'us', customer_name: 'there' },
    reminderSubject: (s) => `Reminder: ${s}`,
    privacy: 'Privacy',
  },
  es: {
    ask: { low: '¿Qué salió mal?', high: '¿Qué salió bien?' },
    reasonsHint: 'Marca todas las que correspondan.',
    reasons: {
      low: [
        { key: 'slow_response', label: 'Respuesta lenta' },
        { key: 'not_resolved', label: 'No se resolvió' },
        { key: 'agent_knowledge', label: 'Conocimiento del agente' },
        { key: 'repeat_myself', label: 'Tuve que repetirme' },
        { key: 'unfriendly', label: 'Trato poco amable' },
      ],
      high: [
        { key: 'fast', label: 'Rapidez' },
        { key: 'friendly', label: 'Amabilidad' },
        { key: 'knowledgeable', label: 'Buen conocimiento' },
        { key: 'first_time', label: 'Resuelto a la primera' },
        { key: 'clear', label: 'Explicación clara' },
      ],
    },
    resolved: '¿Se resolvió tu consulta?',
    yes: 'Sí',
    no: 'No',
    yourReasons: 'Lo que nos contaste',
    resolvedAnswer: (r) => (r ? 'Tu consulta se resolvió' : 'Tu consulta no se resolvió'),
    fallback: { agent_name: 'nuestro equipo', company: 'nosotros', customer_name: '' },
    reminderSubject: (s) => `Recordatorio: ${s}`,
    privacy: 'Privacidad',
  },
  zh: {
    ask: { low: '哪里做得不好？', high: '哪些地方做得好？' },
    reasonsHint: '可多选。',
    reasons: {
      low: [
        { key: 'slow_response', label: '回复太慢' },
        { key: 'not_resolved', label: '问题没有解决' },
        { key: 'agent_knowledge', label: '客服不够专业' },
        { key: 'repeat_myself', label: '需要反复说明' },
        { key: 'unfriendly', label: '态度不友好' },
      ],
      high: [
        { key: 'fast', label: '回复迅速' },
        { key: 'friendly', label: '态度友好' },
        { key: 'knowledgeable', label: '专业可靠' },
        { key: 'first_time', label: '一次就解决了' },
        { key: 'clear', label: '解释清楚' },
      ],
    },
    resolved: '您的问题解决了吗？',
    yes: '是',
    no: '否',
    yourReasons: '您的反馈',
    resolvedAnswer: (r) => (r ? '您的问题已解决' : '您的问题未解决'),
    fallback: { agent_name: '我们的团队', company: '我们', customer_name: '您' },
    reminderSubject: (s) => `提醒：${s}`,
    privacy: '隐私政策',
  },
};

export const designWords = (locale: Locale) => WORDS[locale];

/** Everything a customer reads in one survey kind and language, after the admin's wording. */
export interface SurveyTexts {
  subject: string;
  intro: string;
  question: string;
  /** Words at the scale's two ends; null keeps the scale's own words. */
  lowLabel: string | null;
  highLabel: string | null;
  thanks: string;
  reasons: Record<ReasonSide, readonly ReasonOption[]>;
  askResolved: boolean;
  company: string | null;
}

export interface TextFacts {
  agentName: string | null;
  customerName: string | null;
  /** BRAND_NAME, used when the admin has not named the company. */
  brandName?: string | null;
}

export function surveyTexts(design: SurveyDesign, survey: SurveyKind, locale: Locale, f: TextFacts): SurveyTexts {
  const m = messages(locale);
  const w = WORDS[locale];
  const own: SurveyWording = design.texts[`${survey}.${locale}`] ?? {};
  const company = design.brand.companyName ?? f.brandName ?? null;
  const values: PlaceholderValues = {
    agent_name: f.agentName ?? w.fallback.agent_name,
    company: company ?? w.fallback.company,
    customer_name: f.customerName ?? w.fallback.customer_name,
  };
  const fill = (text: string | null | undefined, fallback: string) => (text ? fillPlaceholders(text, values) : fallback);
  return {
    subject: fill(own.subject, m.email.subject(f.agentName)),
    intro: fill(own.intro, m.email.intro(f.agentName)),
    question: fill(own.question, scaleText(m, survey).question(f.agentName)),
    lowLabel: own.lowLabel ? fillPlaceholders(own.lowLabel, values) : null,
    highLabel: own.highLabel ? fillPlaceholders(own.highLabel, values) : null,
    thanks: fill(own.thanks, m.thanks.body),
    reasons: { low: own.reasonsLow ?? w.reasons.low, high: own.reasonsHigh ?? w.reasons.high },
    askResolved: design.askResolved.includes(survey),
    company,
  };
}

/** Heard's own texts with placeholders in place of names: what the settings form shows as defaults. */
export function defaultWording(survey: SurveyKind, locale: Locale): Required<{ [K in keyof SurveyWording]-?: string }> {
  const m = messages(locale);
  const scale = scaleText(m, survey);
  const ends = Object.keys(scale.labels).map(Number);
  return {
    subject: m.email.subject('{{agent_name}}'),
    intro: m.email.intro('{{agent_name}}'),
    question: scale.question('{{agent_name}}'),
    lowLabel: scale.labels[Math.min(...ends)] ?? '',
    highLabel: scale.labels[Math.max(...ends)] ?? '',
    thanks: m.thanks.body,
    reasonsLow: WORDS[locale].reasons.low.map((r) => `${r.key}: ${r.label}`).join('\n'),
    reasonsHigh: WORDS[locale].reasons.high.map((r) => `${r.key}: ${r.label}`).join('\n'),
  };
}

/** English names of every reason key in use (the admin's wording first), for staff pages. */
export function reasonLabels(design: SurveyDesign): Record<string, string> {
  const labels: Record<string, string> = {};
  const add = (list: readonly ReasonOption[] | null | undefined) => list?.forEach((r) => (labels[r.key] ??= r.label));
  for (const kind of ['csat', 'nps', 'ces'] as const) {
    add(design.texts[`${kind}.en`]?.reasonsLow);
    add(design.texts[`${kind}.en`]?.reasonsHigh);
  }
  add(WORDS.en.reasons.low);
  add(WORDS.en.reasons.high);
  return labels;
}
