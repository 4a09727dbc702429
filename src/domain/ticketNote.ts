// What Heard writes into a helpdesk ticket: an internal note and tags, built from an answer or a
// closed follow-up. Pure: the write-back job stores the result and sends it later.
import { isLowScore } from './followups';
import { SCALES, scaleOf, type SurveyKind } from './surveys';

export interface TicketNoteContent {
  text: string;
  html: string;
  tags: string[];
  removeTags: string[];
}

const LABEL: Record<SurveyKind, string> = { csat: 'CSAT', nps: 'NPS', ces: 'CES' };

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function note(lines: string[], link: { href: string; label: string }, tags: string[], removeTags: string[]): TicketNoteContent {
  return {
    text: [...lines, `${link.label}: ${link.href}`].join('\n'),
    html: [...lines.map((l) => `<p>${escape(l)}</p>`), `<p><a href="${escape(link.href)}">${escape(link.label)}</a></p>`].join(''),
    tags,
    removeTags,
  };
}

/** `heard_csat_2`, plus `heard_detractor` for a low score; a changed score removes the tags of the others. */
export function answerTags(survey: SurveyKind, score: number): { tags: string[]; removeTags: string[] } {
  const own = `heard_${survey}_${score}`;
  const low = isLowScore(survey, score);
  return {
    tags: low ? [own, 'heard_detractor'] : [own],
    removeTags: [...scaleOf(survey).filter((s) => s !== score).map((s) => `heard_${survey}_${s}`), ...(low ? [] : ['heard_detractor'])],
  };
}

export interface AnswerFacts {
  survey: SurveyKind;
  score: number;
  comment: string | null;
  question: string;
  /** Where the answer can be seen in Heard. */
  link: string;
  /** True when the customer changed an answer Heard already reported. */
  changed: boolean;
}

export function answerNote(a: AnswerFacts): TicketNoteContent {
  const { max } = SCALES[a.survey];
  const lines = [
    `${a.changed ? 'Changed survey answer' : 'Survey answer'} (Heard): ${LABEL[a.survey]} ${a.score} of ${max}`,
    `Question: ${a.question}`,
    a.comment ? `Comment: “${a.comment}”` : 'No comment.',
  ];
  const t = answerTags(a.survey, a.score);
  return note(lines, { href: a.link, label: 'See it in Heard' }, t.tags, t.removeTags);
}

export interface FollowupFacts {
  status: string;
  outcome: string;
  closedBy: string;
  link: string;
}

export function followupNote(f: FollowupFacts): TicketNoteContent {
  const lines = [`Follow-up closed in Heard: ${f.status}, by ${f.closedBy}`, `Outcome: ${f.outcome}`];
  return note(lines, { href: f.link, label: 'Open the follow-up in Heard' }, ['heard_followup_closed'], []);
}
