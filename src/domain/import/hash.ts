// A fast, stable, non-cryptographic 128-bit hash (four interleaved 32-bit multiply-xor lanes,
// after MurmurHash3's mixing): ids for rows that have none must not need async Web Crypto per row.

export function hash128(text: string): string {
  let h1 = 0x9e3779b9;
  let h2 = 0x85ebca6b;
  let h3 = 0xc2b2ae35;
  let h4 = 0x27d4eb2f;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ k, 0xcc9e2d51);
    h2 = Math.imul(h2 ^ k, 0x1b873593);
    h3 = Math.imul(h3 ^ k, 0x85ebca77);
    h4 = Math.imul(h4 ^ k, 0xc2b2ae3d);
    h1 = (h1 << 13) | (h1 >>> 19);
    h2 = (h2 << 17) | (h2 >>> 15);
    h3 = (h3 << 11) | (h3 >>> 21);
    h4 = (h4 << 19) | (h4 >>> 13);
    h1 = (h1 + h2) | 0;
    h2 = (h2 + h3) | 0;
    h3 = (h3 + h4) | 0;
    h4 = (h4 + h1) | 0;
  }
  const fmix = (h: number) => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  return [h1 ^ text.length, h2, h3, h4].map((h) => fmix(h).toString(16).padStart(8, '0')).join('');
}
