// Bulk writers' ids (UUIDv7): the time first, so ids made one after another sort in the order made.
import { expect, it } from 'vitest';
import { timeOrderedIds } from '../../src/services/import';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

it('puts the millisecond time in the first 48 bits, also past 2^32 ms and at the largest time', () => {
  for (const ms of [0, 1, 2 ** 32 - 1, 2 ** 32, 1_765_000_000_123, 2 ** 48 - 1]) {
    const id = timeOrderedIds(() => ms)();
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(ms);
  }
});

it('sorts ids in the order they were made, within a millisecond and across them', () => {
  let now = 1_765_000_000_000;
  const next = timeOrderedIds(() => now);
  const ids: string[] = [];
  for (let i = 0; i < 3000; i++) {
    if (i % 1000 === 999) now++;
    ids.push(next());
  }
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
});
