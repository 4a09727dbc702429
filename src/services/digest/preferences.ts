// Each manager's and admin's own digest settings (Account page): how often, when, in which language.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { users } from '../../db/schema';
import type { SessionUser } from '../../domain/access';
import { DIGEST_FREQUENCIES, frequencyOf, type DigestFrequency } from '../../domain/digest';
import { err, ok, type Result } from '../../domain/result';
import { LOCALES, pickLocale, type Locale } from '../../i18n';

export interface DigestSettings {
  frequency: DigestFrequency;
  weekday: number;
  hour: number;
  locale: Locale;
}

const whole = (min: number, max: number, message: string) => z.coerce.number({ message }).int({ message }).min(min, { message }).max(max, { message });

export const ZDigestSettings = z.object({
  frequency: z.enum(DIGEST_FREQUENCIES, { message: 'Choose off, daily or weekly.' }),
  weekday: whole(0, 6, 'Choose a day of the week.'),
  hour: whole(0, 23, 'Choose an hour from 0 to 23.'),
  locale: z.enum(LOCALES, { message: 'Choose English, Spanish or Chinese.' }),
});

/** Whether the Account page offers a digest: managers and admins. */
export const hasDigest = (user: SessionUser) => user.role === 'manager' || user.role === 'admin';

export async function getDigestSettings(deps: Pick<Deps, 'db'>, user: SessionUser): Promise<DigestSettings> {
  const [row] = await deps.db
    .select({ digest: users.digest, weekday: users.digestWeekday, hour: users.digestHour, locale: users.locale })
    .from(users)
    .where(eq(users.id, user.id));
  return { frequency: frequencyOf(user.role, row?.digest ?? null), weekday: row?.weekday ?? 1, hour: row?.hour ?? 8, locale: pickLocale(row?.locale) };
}

/** Saves the form, or says which field is wrong (keyed by field name). */
export async function saveDigestSettings(
  deps: Pick<Deps, 'db'>,
  user: SessionUser,
  form: Record<string, unknown>,
): Promise<Result<DigestSettings, Partial<Record<keyof DigestSettings, string>>>> {
  const parsed = ZDigestSettings.safeParse(form);
  if (!parsed.success) {
    return err(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
  }
  const s = parsed.data;
  await deps.db.update(users).set({ digest: s.frequency, digestWeekday: s.weekday, digestHour: s.hour, locale: s.locale }).where(eq(users.id, user.id));
  return ok(s);
}
