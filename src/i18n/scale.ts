// One survey kind's scale in a language: its scores, their words, and the words at both ends.
import { scaleOf, type SurveyKind } from '../domain/surveys';
import { scaleText, type Messages } from './index';

export interface Scale {
  question: (agent: string | null) => string;
  points: { score: number; word: string | undefined }[];
  /** True when every score has its own word (CSAT, CES); NPS words only its ends. */
  worded: boolean;
  low: string;
  high: string;
  max: number;
}

export function describeScale(m: Messages, survey: SurveyKind): Scale {
  const text = scaleText(m, survey);
  const points = scaleOf(survey).map((score) => ({ score, word: text.labels[score] }));
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return {
    question: text.question,
    points,
    worded: points.every((p) => p.word !== undefined),
    low: first.word ?? String(first.score),
    high: last.word ?? String(last.score),
    max: last.score,
  };
}

/** The scale with an admin's question and end words (Settings → Survey) in place of Heard's. */
export function ownScale(scale: Scale, own: { question: string; lowLabel: string | null; highLabel: string | null }): Scale {
  const last = scale.points.length - 1;
  const points = scale.points.map((pt, i) => ({
    ...pt,
    word: i === 0 && own.lowLabel ? own.lowLabel : i === last && own.highLabel ? own.highLabel : pt.word,
  }));
  return { ...scale, question: () => own.question, points, low: own.lowLabel ?? scale.low, high: own.highLabel ?? scale.high };
}
