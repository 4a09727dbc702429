import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../src/db/cache';

describe('BoundedCache', () => {
  it('never holds more than its size, dropping the least recently used first', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // 'b' is now the least recently used
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('makes a value once per key while it stays cached', () => {
    const cache = new BoundedCache<number, string>(10);
    let made = 0;
    const make = (n: number) => (made++, `v${n}`);
    for (let i = 0; i < 5; i++) expect(cache.getOrMake(7, make)).toBe('v7');
    expect(made).toBe(1);
  });

  it('replaces a value set again without growing', () => {
    const cache = new BoundedCache<string, number>(3);
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBe(2);
  });

  it('refuses a size below one', () => {
    expect(() => new BoundedCache(0)).toThrow(RangeError);
  });
});
