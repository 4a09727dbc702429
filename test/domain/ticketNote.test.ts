import { describe, expect, it } from 'vitest';
import { answerNote, answerTags, followupNote } from '../../src/domain/ticketNote';

describe('answerTags', () => {
  it('tags the score, marks low scores as detractors, and removes the tags of every other score', () => {
    expect(answerTags('csat', 2)).toEqual({ tags: ['heard_csat_2', 'heard_detractor'], removeTags: ['heard_csat_1', 'heard_csat_3', 'heard_csat_4', 'heard_csat_5'] });
    expect(answerTags('nps', 9).tags).toEqual(['heard_nps_9']);
    expect(answerTags('nps', 9).removeTags).toContain('heard_detractor');
    expect(answerTags('nps', 6).tags).toEqual(['heard_nps_6', 'heard_detractor']);
    expect(answerTags('ces', 3).tags).toEqual(['heard_ces_3', 'heard_detractor']);
  });
});

describe('answerNote', () => {
  const facts = { survey: 'nps' as const, score: 10, comment: 'Great <b>help</b>', question: 'How likely…?', link: 'https://heard.test/agents/a1', changed: false };

  it('says the score on its scale, the question, the comment and where to see it', () => {
    const n = answerNote(facts);
    expect(n.text).toBe('Survey answer (Heard): NPS 10 of 10\nQuestion: How likely…?\nComment: “Great <b>help</b>”\nSee it in Heard: https://heard.test/agents/a1');
    expect(n.html).toContain('<p>Comment: “Great &lt;b&gt;help&lt;/b&gt;”</p>');
    expect(n.html).toContain('<a href="https://heard.test/agents/a1">See it in Heard</a>');
  });

  it('says when the answer changed, and when there is no comment', () => {
    const n = answerNote({ ...facts, comment: null, changed: true });
    expect(n.text.split('\n').slice(0, 3)).toEqual(['Changed survey answer (Heard): NPS 10 of 10', 'Question: How likely…?', 'No comment.']);
  });
});

it('followupNote names the outcome, who closed it and the task', () => {
  const n = followupNote({ status: 'Resolved', outcome: 'Refunded.', closedBy: 'Mia', link: 'https://heard.test/follow-ups/f1' });
  expect(n.text).toBe('Follow-up closed in Heard: Resolved, by Mia\nOutcome: Refunded.\nOpen the follow-up in Heard: https://heard.test/follow-ups/f1');
  expect(n.tags).toEqual(['heard_followup_closed']);
});
