// Which uploaded logos Heard accepts. PNG and JPEG are recognised by their first bytes, not their
// name; an SVG is refused if it holds anything active (scripts, event handlers, foreign content,
// links out), so what is stored can only draw. It is also served sandboxed (src/http/brand.ts).
import { err, ok, type Result } from './result';

export const MAX_LOGO_BYTES = 200 * 1024;
export type LogoMime = 'image/png' | 'image/jpeg' | 'image/svg+xml';

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

const ACTIVE_SVG: readonly [RegExp, string][] = [
  [/<\s*script/i, 'a script'],
  [/<\s*foreignObject/i, 'foreign content'],
  [/<\s*(iframe|embed|object|audio|video|animate|set)\b/i, 'embedded or animated content'],
  [/\son[a-z]+\s*=/i, 'an event handler'],
  [/<!ENTITY|<!DOCTYPE/i, 'a document type or entity'],
  [/(?:href|src)\s*=\s*["']?\s*(?!#|data:image\/(?:png|jpeg);)/i, 'a link to another resource'],
  [/url\(\s*["']?\s*(?!#)/i, 'a reference to another resource'],
  [/javascript:/i, 'a script link'],
  [/<\?xml-stylesheet/i, 'a style sheet'],
];

/** The logo's type, or why it cannot be a logo. */
export function checkLogo(bytes: Uint8Array): Result<LogoMime, string> {
  if (bytes.length === 0) return err('Choose an image file.');
  if (bytes.length > MAX_LOGO_BYTES) return err(`The logo is ${Math.ceil(bytes.length / 1024)} KB; the limit is 200 KB.`);
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ok('image/png');
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return ok('image/jpeg');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return err('The logo must be a PNG, JPEG or SVG image.');
  }
  if (!/<svg[\s>]/i.test(text)) return err('The logo must be a PNG, JPEG or SVG image.');
  const active = ACTIVE_SVG.find(([pattern]) => pattern.test(text));
  if (active) return err(`The SVG holds ${active[1]}; Heard only accepts SVGs that just draw. Remove it or upload a PNG.`);
  return ok('image/svg+xml');
}
