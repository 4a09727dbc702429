import { describe, expect, it } from 'vitest';
import { fcrOf, reasonsOf, type DetailCount } from '../../src/domain/surveyDetails';
import { checkAccent, contrastRatio, fillPlaceholders, parseReasons, sideOf, unknownPlaceholders } from '../../src/domain/surveyText';

const c = (survey: DetailCount['survey'], score: number, resolved: boolean | null, reasons: string[], count: number): DetailCount => ({ survey, score, resolved, reasons, count });

describe('first-contact resolution', () => {
  it('is the share resolved with its Wilson interval (8 of 10: 49.0–94.3%, worked by hand)', () => {
    const f = fcrOf([c('csat', 5, true, [], 8), c('csat', 2, false, [], 2), c('csat', 4, null, ['fast'], 5)]);
    expect(f.n).toBe(10);
    expect(f.score).toBe(80);
    expect(f.low).toBeCloseTo(49.02, 1);
    expect(f.high).toBeCloseTo(94.33, 1);
  });

  it('has no score without answers', () => {
    expect(fcrOf([c('nps', 9, null, ['fast'], 3)])).toEqual({ n: 0, resolved: 0, score: null, low: null, high: null });
  });
});

describe('reasons', () => {
  it('shares are of the answers on that side that gave reasons, most chosen first', () => {
    const r = reasonsOf([c('csat', 1, false, ['slow_response', 'repeat_myself'], 3), c('csat', 2, null, ['slow_response'], 1), c('nps', 10, true, ['fast'], 2), c('csat', 3, null, [], 9)]);
    expect(r.low).toEqual({ answers: 4, reasons: [{ key: 'slow_response', count: 4, share: 100 }, { key: 'repeat_myself', count: 3, share: 75 }] });
    expect(r.high).toEqual({ answers: 2, reasons: [{ key: 'fast', count: 2, share: 100 }] });
  });

  it('splits scores into low and high by the kind’s scale', () => {
    expect([sideOf('nps', 8), sideOf('nps', 9), sideOf('csat', 3), sideOf('csat', 4), sideOf('ces', 4), sideOf('ces', 5)]).toEqual(['low', 'high', 'low', 'high', 'low', 'high']);
  });

  it('reads `key: label` lines and says what is wrong', () => {
    expect(parseReasons('slow: Slow\n\nDidn’t listen')).toEqual({ ok: true, value: [{ key: 'slow', label: 'Slow' }, { key: 'didn_t_listen', label: 'Didn’t listen' }] });
    expect(parseReasons('a: x\na: y')).toEqual({ ok: false, error: 'The reason key “a” appears twice.' });
    expect(parseReasons('慢')).toMatchObject({ ok: false });
  });
});

describe('wording and brand checks', () => {
  it('finds unknown placeholders and fills known ones', () => {
    expect(unknownPlaceholders('{{agent_name}} {{ first }} {{first}}')).toEqual(['first']);
    expect(fillPlaceholders('Hi {{customer_name}}, {{ agent_name }} at {{company}}', { customer_name: 'Sam', agent_name: 'Alex', company: 'Acme' })).toBe('Hi Sam, Alex at Acme');
  });

  it('computes WCAG contrast and refuses accents below 4.5:1 on white', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(checkAccent('#767676')).toEqual({ ok: true, value: '#767676' });
    expect(checkAccent('#777777')).toMatchObject({ ok: false });
    expect(checkAccent('blue')).toMatchObject({ ok: false });
  });

});
