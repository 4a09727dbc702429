import { expect, it } from 'vitest';
import { isScannerBurst, SCANNER_WINDOW_MS } from '../../src/domain/scanner';

it('one score clicked, even many times, is a person', () => {
  expect(isScannerBurst([{ score: 4, at: 0 }, { score: 4, at: 1_000 }, { score: 4, at: 2_000 }], 2_000)).toBe(false);
});

it('different scores within the window are a scanner, whichever side of the moment they fall', () => {
  expect(isScannerBurst([{ score: 4, at: 0 }, { score: 5, at: 500 }], 0)).toBe(true);
  expect(isScannerBurst([{ score: 1, at: 10_000 }, { score: 2, at: 10_000 + SCANNER_WINDOW_MS }], 10_000 + SCANNER_WINDOW_MS)).toBe(true);
});

it('a person changing their mind later is not a scanner', () => {
  expect(isScannerBurst([{ score: 4, at: 0 }, { score: 5, at: SCANNER_WINDOW_MS + 1 }], SCANNER_WINDOW_MS + 1)).toBe(false);
});

it('no clicks is no burst', () => {
  expect(isScannerBurst([], 0)).toBe(false);
});
