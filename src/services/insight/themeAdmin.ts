// Admins shaping themes: rename, merge or hide what Heard found, pin their own by keywords.
// A theme nobody touched is a phrase key (`k:` ref); the first change gives it a row (`t:` ref).
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { themes } from '../../db/schema';
import { parseKeywords } from '../../domain/followups';
import { err, ok, type Result } from '../../domain/result';
import { auditStatement } from '../audit';
import { matchOf } from './themes';

type AdminDeps = Pick<Deps, 'db' | 'atomic' | 'clock' | 'newId'>;

export const ZThemeName = z.string().trim().min(1, 'a name is needed').max(80, 'at most 80 characters');
const ZRef = z.string().regex(/^(k:.{1,200}|t:[\w-]{1,64})$/, 'not a theme');

type ThemeRow = typeof themes.$inferSelect;

/** The row behind a ref, and whether it still has to be inserted (a phrase nobody touched yet). */
async function rowFor(deps: AdminDeps, ref: string, name: string): Promise<{ row: ThemeRow; isNew: boolean } | null> {
  if (ref.startsWith('t:')) {
    const [row] = await deps.db.select().from(themes).where(eq(themes.id, ref.slice(2)));
    return row ? { row, isNew: false } : null;
  }
  const now = deps.clock();
  return { row: { id: deps.newId(), name, keys: JSON.stringify([ref.slice(2)]), keywords: '[]', pinned: false, hidden: false, createdAt: now, updatedAt: now }, isNew: true };
}

/**
 * Writes one change to a theme with its audit entry, atomically. The entry names the theme and the
 * fields changed, never the comments behind it.
 */
async function change(deps: AdminDeps, actorId: string | null, ref: string, name: string, set: Partial<Pick<ThemeRow, 'name' | 'hidden'>>): Promise<Result<string, string>> {
  const found = await rowFor(deps, ref, name);
  if (!found) return err('not a theme');
  const { row, isNew } = found;
  const changed = { ...row, ...set, updatedAt: deps.clock() };
  await deps.atomic([
    isNew ? deps.db.insert(themes).values(changed) : deps.db.update(themes).set({ ...set, updatedAt: changed.updatedAt }).where(eq(themes.id, row.id)),
    auditStatement(deps, { actorId, action: 'theme.changed', target: changed.name, detail: Object.keys(set).join(', ') }),
  ]);
  return ok(`t:${row.id}`);
}

export async function renameTheme(deps: AdminDeps, actorId: string | null, ref: string, name: string): Promise<Result<string, string>> {
  const n = ZThemeName.safeParse(name);
  if (!n.success || !ZRef.safeParse(ref).success) return err(n.success ? 'not a theme' : n.error.issues[0]!.message);
  return change(deps, actorId, ref, n.data, { name: n.data });
}

export async function setThemeHidden(deps: AdminDeps, actorId: string | null, ref: string, name: string, hidden: boolean): Promise<Result<string, string>> {
  if (!ZRef.safeParse(ref).success) return err('not a theme');
  return change(deps, actorId, ref, ZThemeName.catch('Theme').parse(name), { hidden });
}

/** One theme gathering the phrases and keywords of all of them, under `name`. */
export async function mergeThemes(deps: AdminDeps, actorId: string | null, refs: readonly string[], name: string): Promise<Result<string, string>> {
  const n = ZThemeName.safeParse(name);
  if (!n.success) return err(n.error.issues[0]!.message);
  const valid = [...new Set(refs)].filter((r) => ZRef.safeParse(r).success).slice(0, 50);
  if (valid.length < 2) return err('choose at least two themes');
  const ids = valid.filter((r) => r.startsWith('t:')).map((r) => r.slice(2));
  const rows = ids.length ? await deps.db.select().from(themes).where(inArray(themes.id, ids)) : [];
  const keys = new Set([...valid.filter((r) => r.startsWith('k:')).map((r) => r.slice(2)), ...rows.flatMap((r) => matchOf(r).keys)]);
  const keywords = [...new Set(rows.flatMap((r) => JSON.parse(r.keywords) as string[]))];
  const now = deps.clock();
  const id = deps.newId();
  await deps.atomic([
    ...(ids.length ? [deps.db.delete(themes).where(inArray(themes.id, ids))] : []),
    deps.db.insert(themes).values({
      id,
      name: n.data,
      keys: JSON.stringify([...keys]),
      keywords: JSON.stringify(keywords),
      pinned: rows.some((r) => r.pinned),
      hidden: false,
      createdAt: now,
      updatedAt: now,
    }),
    auditStatement(deps, { actorId, action: 'theme.merged', target: n.data, detail: `${valid.length} themes` }),
  ]);
  return ok(`t:${id}`);
}

/** An admin's own theme: comments containing any of the keywords, in any language, always shown. */
export async function pinTheme(deps: AdminDeps, actorId: string | null, input: { name: string; keywords: string }): Promise<Result<string, string>> {
  const n = ZThemeName.safeParse(input.name);
  if (!n.success) return err(n.error.issues[0]!.message);
  const keywords = parseKeywords(input.keywords).slice(0, 20).map((k) => k.slice(0, 50));
  if (keywords.length === 0) return err('type at least one keyword');
  const now = deps.clock();
  const id = deps.newId();
  await deps.atomic([
    deps.db.insert(themes).values({ id, name: n.data, keys: '[]', keywords: JSON.stringify(keywords), pinned: true, hidden: false, createdAt: now, updatedAt: now }),
    auditStatement(deps, { actorId, action: 'theme.pinned', target: n.data, detail: `${keywords.length} keywords` }),
  ]);
  return ok(`t:${id}`);
}

/** Removes an admin's theme: its phrases go back to being found on their own. */
export async function deleteTheme(deps: AdminDeps, actorId: string | null, ref: string): Promise<void> {
  if (!ref.startsWith('t:')) return;
  const [row] = await deps.db.select({ name: themes.name }).from(themes).where(eq(themes.id, ref.slice(2)));
  if (!row) return;
  await deps.atomic([deps.db.delete(themes).where(eq(themes.id, ref.slice(2))), auditStatement(deps, { actorId, action: 'theme.deleted', target: row.name })]);
}

export const listAdminThemes = (deps: Pick<Deps, 'db'>) => deps.db.select().from(themes).orderBy(themes.name);
