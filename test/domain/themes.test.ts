// Which counted phrases become themes, and under which name.
import { describe, expect, it } from 'vitest';
import { pickThemes, type PhraseCount } from '../../src/domain/themes';

const count = (key: string, text: string, responses: number): PhraseCount => ({ key, text, responses, low: 0, negative: 0 });

describe('pickThemes', () => {
  it('names a phrase by a longer one most of its comments use, beside a broader theme', () => {
    const picked = pickThemes([count('servic', 'service', 638), count('custom', 'customer', 186), count('custom servic', 'customer service', 136)], 10);
    expect(picked.map((t) => t.text)).toEqual(['service', 'customer service']);
  });

  it('leaves out a phrase inside a chosen one, and a narrower one most comments do not use', () => {
    const picked = pickThemes([count('broadband', 'broadband', 305), count('faster broadband', 'faster broadband', 116), count('deliveri', 'delivery', 40), count('late deliveri', 'late delivery', 30)], 10);
    expect(picked.map((t) => t.text)).toEqual(['broadband', 'late delivery']);
  });

  it('needs three comments for a theme', () => {
    expect(pickThemes([count('refund', 'refund', 2)], 10)).toEqual([]);
  });
});
