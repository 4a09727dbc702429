import { describe, expect, it } from 'vitest';
import { scaleOf, SURVEY_KINDS } from '../../src/domain/surveys';
import { LOCALES, messages, pickLocale, scaleText } from '../../src/i18n';

describe('pickLocale', () => {
  it.each([
    ['es-MX', 'es'],
    ['ES', 'es'],
    ['zh-Hans', 'zh'],
    ['zh_CN', 'zh'],
    ['zh-TW', 'zh'],
    ['en-GB', 'en'],
  ])('reads the stored locale %s as %s', (stored, expected) => {
    expect(pickLocale(stored)).toBe(expected);
  });

  it('prefers the stored locale over the browser', () => {
    expect(pickLocale('es', 'zh-CN,zh;q=0.9')).toBe('es');
  });

  it('falls back to Accept-Language when the stored locale is missing or unsupported', () => {
    expect(pickLocale(null, 'es-ES,es;q=0.9,en;q=0.8')).toBe('es');
    expect(pickLocale(undefined, 'zh-CN')).toBe('zh');
    expect(pickLocale('fr-FR', 'zh-CN,fr;q=0.5')).toBe('zh');
    expect(pickLocale('', 'es')).toBe('es');
  });

  it('orders Accept-Language by q-value, skipping unsupported and refused languages', () => {
    expect(pickLocale(null, 'fr;q=1, en;q=0.2, es;q=0.8')).toBe('es');
    expect(pickLocale(null, 'de, zh-Hans;q=0.7, en;q=0.7')).toBe('zh');
    expect(pickLocale(null, 'es;q=0, en;q=0.1')).toBe('en');
    expect(pickLocale(null, 'es;q=0, zh;q=0.3, *;q=0.5')).toBe('zh');
  });

  it('uses English when nothing matches', () => {
    expect(pickLocale(null, null)).toBe('en');
    expect(pickLocale(null, '')).toBe('en');
    expect(pickLocale('pt-BR', 'fr-FR, de;q=0.9')).toBe('en');
    expect(pickLocale(null, 'garbage;;;,,q=')).toBe('en');
  });
});

/** Every leaf of a dictionary as [path, value]; functions are called with and without names. */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (typeof value === 'function') {
    // Phrases take a name (or null) first; the rating takes (score, max, word).
    const [named, unnamed] = path.endsWith('rating') ? [[4, 5, 'Good'], [9, 10, null]] : [['Ana'], [null]];
    return [
      [`${path}(name)`, value(...named)],
      [`${path}(null)`, value(...unnamed)],
    ];
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [[path, value]];
}

const keysOf = (value: unknown) => leaves(value).map(([path]) => path).sort();

describe('dictionaries', () => {
  it.each(LOCALES)('%s has exactly the keys English has', (locale) => {
    expect(keysOf(messages(locale))).toEqual(keysOf(messages('en')));
  });

  it.each(LOCALES)('%s has no empty text', (locale) => {
    for (const [path, text] of leaves(messages(locale))) {
      expect(typeof text, path).toBe('string');
      expect((text as string).trim(), path).not.toBe('');
    }
  });

  it.each(LOCALES)('%s words every CSAT and CES score and both NPS ends', (locale) => {
    for (const survey of SURVEY_KINDS) {
      const labels = scaleText(messages(locale), survey).labels;
      const scores = scaleOf(survey);
      const expected = survey === 'nps' ? [scores[0], scores[scores.length - 1]] : scores;
      expect(Object.keys(labels).map(Number), `${locale} ${survey}`).toEqual(expected);
    }
  });

  it.each(LOCALES)('%s names the agent when there is one and not otherwise', (locale) => {
    const m = messages(locale);
    for (const phrase of [m.email.subject, m.email.intro, m.survey.heading, m.scales.csat.question]) {
      expect(phrase('Ana')).toContain('Ana');
      expect(phrase(null)).not.toContain('null');
    }
  });

  it('writes Chinese in Simplified characters', () => {
    const text = leaves(messages('zh'))
      .map(([, v]) => v)
      .join(' ');
    // Traditional forms of characters the dictionary uses (們 說 務 過 這 對 請 問 題 還 見 饋 調 查 鏈 接 滿 意).
    expect(text).not.toMatch(/[們說務過這對請問題還見饋調鏈滿]/);
    expect(text).toMatch(/[们务过这对请问题还见馈调链满]/);
  });

  it('spaces Latin names inside Chinese text but not Chinese names', () => {
    expect(messages('zh').email.subject('Ana')).toContain('与 Ana 的');
    expect(messages('zh').email.subject('王芳')).toContain('与王芳的');
  });
});
