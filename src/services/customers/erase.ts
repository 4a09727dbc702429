// Erasing a customer on request: everything Heard holds about them is deleted, and their address
// stays suppressed as a keyed hash only. The work runs in bounded atomic steps (D1 has no
// interactive transactions and a customer may have thousands of rows); each step subtracts the
// rollup cells of exactly the rows it deletes, so the dashboards equal a rebuild after every step.
// The first write records the erasure; whatever a crash leaves undone, runDueWork finishes.
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Deps, RawWrite } from '../../deps';
import { apiKeys, customerErasures, customers, followups, hashedSuppressions, importChunks, interactions, outbox, suppressions, surveyRequests, webhookDeliveries } from '../../db/schema';
import { err, ok, type Result } from '../../domain/result';
import { auditStatement } from '../audit';
import { addressHash, hashPrefix, normaliseAddress } from './addressHash';
import { deleteInteractions, deleteTasks } from './removal';

/** Rows per step: a few hundred statements' worth of work, far inside a Worker invocation's limits. */
const TASKS_PER_STEP = 50;
const INTERACTIONS_PER_STEP = 50;
const COPIES_PER_STEP = 200;
const CLAIM_TTL = 2 * 60_000;
/** Steps one request runs before leaving the rest to runDueWork (about 5,000 interactions). */
const INLINE_STEPS = 100;

export type ErasureOutcome = 'erased' | 'continuing' | 'already-erased';

/** Who asked: a signed-in admin, or an API key. */
export type ErasureActor = { userId: string } | { apiKeyId: string };

/** The audit entry's actor and how the detail names who asked. */
async function whoAsked(deps: Pick<Deps, 'db'>, actor: ErasureActor): Promise<{ userId: string | null; label: string }> {
  if ('userId' in actor) return { userId: actor.userId, label: 'an administrator' };
  const [key] = await deps.db.select({ name: apiKeys.name, prefix: apiKeys.prefix }).from(apiKeys).where(eq(apiKeys.id, actor.apiKeyId));
  return { userId: null, label: key ? `API key ${key.name} (${key.prefix}…)` : 'an API key' };
}

export type CustomerRef = { email: string } | { id: string };

/**
 * Erases a customer (by address or id) and answers when done, or 'continuing' when a very large
 * customer needs more steps than one request runs (runDueWork finishes them). Erasing again, or an
 * address erased before, answers 'already-erased'; an address Heard never held, 'not-found'.
 */
export async function eraseCustomer(deps: Deps, ref: CustomerRef, asker: ErasureActor): Promise<Result<ErasureOutcome, 'not-found'>> {
  const now = deps.clock();
  const actor = await whoAsked(deps, asker);
  const [customer] = await deps.db
    .select({ id: customers.id, email: customers.email })
    .from(customers)
    .where('email' in ref ? eq(customers.email, normaliseAddress(ref.email)) : eq(customers.id, ref.id));
  const email = customer?.email ?? ('email' in ref ? normaliseAddress(ref.email) : null);
  if (!email) return err('not-found');
  const hash = await addressHash(deps.config.appSecret, email);

  if (!customer) {
    // Only a suppression may be left of an address (a bounce from someone never surveyed): hash it.
    const [suppressed] = await deps.db.select({ reason: suppressions.reason }).from(suppressions).where(eq(suppressions.email, email));
    if (suppressed) {
      await deps.atomic([...suppressionToHash(deps, email, hash), auditStatement(deps, erasedEntry(actor, `address ${hashPrefix(hash)}`, hash))]);
      return ok('erased');
    }
    const [erased] = await deps.db.select({ hash: hashedSuppressions.hash }).from(hashedSuppressions).where(eq(hashedSuppressions.hash, hash));
    return erased ? ok('already-erased') : err('not-found');
  }

  await deps.atomic([
    ...suppressionToHash(deps, email, hash),
    // Audited once, when the erasure is first recorded: asking again while it runs adds nothing.
    {
      sql: `INSERT INTO audit_log (id, at, actor_id, action, target, detail)
        SELECT ?, ?, ?, 'customer.erased', ?, ? WHERE NOT EXISTS (SELECT 1 FROM customer_erasures WHERE customer_id = ?)`,
      params: [deps.newId(), now, actor.userId, `customer ${customer.id}`, erasedDetail(actor, hash), customer.id],
    },
    deps.db
      .insert(customerErasures)
      .values({ customerId: customer.id, email, requestedAt: now, claimedUntil: now + CLAIM_TTL })
      .onConflictDoUpdate({ target: customerErasures.customerId, set: { claimedUntil: now + CLAIM_TTL } }),
  ]);
  for (let i = 0; i < (deps.erasureSteps ?? INLINE_STEPS); i++) {
    if (await eraseStep(deps, { customerId: customer.id, email })) return ok('erased');
  }
  // Released, so the next runDueWork goes on at once rather than when the claim runs out.
  await deps.db.update(customerErasures).set({ claimedUntil: null }).where(eq(customerErasures.customerId, customer.id));
  return ok('continuing');
}

type Asker = Awaited<ReturnType<typeof whoAsked>>;
const erasedDetail = (actor: Asker, hash: string) => `by ${actor.label}; address hash ${hashPrefix(hash)}…`;
const erasedEntry = (actor: Asker, target: string, hash: string) => ({
  actorId: actor.userId,
  action: 'customer.erased' as const,
  target,
  detail: erasedDetail(actor, hash),
});

/** The address's suppression (if any) becomes a hashed one, which also suppresses it when there was none. */
function suppressionToHash(deps: Pick<Deps, 'db' | 'clock'>, email: string, hash: string): RawWrite[] {
  return [
    {
      sql: `INSERT INTO hashed_suppressions (hash, reason, created_at)
        VALUES (?, coalesce((SELECT reason FROM suppressions WHERE email = ?), 'erased'), ?) ON CONFLICT DO NOTHING`,
      params: [hash, email, deps.clock()],
    },
    { sql: 'DELETE FROM suppressions WHERE email = ?', params: [email] },
  ];
}

interface Job {
  customerId: string;
  email: string;
}

/**
 * One bounded atomic write of an erasure; true when nothing is left. Tasks go first (they point at
 * answers), then interactions with their surveys and answers, then copies that only name the
 * address, and last the customer and the erasure record itself.
 */
export async function eraseStep(deps: Deps, job: Job): Promise<boolean> {
  const { db } = deps;
  const tasks = await db.select({ id: followups.id }).from(followups).where(eq(followups.customerId, job.customerId)).limit(TASKS_PER_STEP);
  if (tasks.length > 0) {
    await deps.atomic(deleteTasks(tasks.map((t) => t.id)));
    return false;
  }

  const ints = await db.select({ id: interactions.id }).from(interactions).where(eq(interactions.customerId, job.customerId)).limit(INTERACTIONS_PER_STEP);
  if (ints.length > 0) {
    const intIds = ints.map((i) => i.id);
    const reqs = await db
      .select({ id: surveyRequests.id })
      .from(surveyRequests)
      .where(sql`${surveyRequests.interactionId} IN (SELECT value FROM json_each(${JSON.stringify(intIds)}))`);
    await deps.atomic(deleteInteractions(deps, intIds, reqs.map((r) => r.id)));
    return false;
  }

  const a = job.email;
  const emails = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(or(eq(outbox.to, a), sql`instr(lower(${outbox.text}), ${a}) > 0`, sql`instr(lower(${outbox.html}), ${a}) > 0`))
    .limit(COPIES_PER_STEP);
  if (emails.length > 0) {
    await deps.atomic([{ sql: 'DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(emails.map((e) => e.id))] }]);
    return false;
  }
  const events = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(sql`instr(lower(${webhookDeliveries.payload}), ${a}) > 0`)
    .limit(COPIES_PER_STEP);
  if (events.length > 0) {
    await deps.atomic([{ sql: 'DELETE FROM webhook_deliveries WHERE id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(events.map((e) => e.id))] }]);
    return false;
  }
  // An upload not yet fully written keeps its records as chunks: drop theirs, keep everyone else's.
  const chunks = await db
    .select()
    .from(importChunks)
    .where(sql`instr(lower(${importChunks.records}), ${a}) > 0`)
    .limit(5);
  if (chunks.length > 0) {
    await deps.atomic(
      chunks.map((c) => {
        const kept = (JSON.parse(c.records) as unknown[]).filter((r) => !JSON.stringify(r).toLowerCase().includes(a));
        return db.update(importChunks).set({ records: JSON.stringify(kept) }).where(and(eq(importChunks.jobId, c.jobId), eq(importChunks.seq, c.seq)));
      }),
    );
    return false;
  }

  // Last: the customer, unless something arrived for them meanwhile (the next step takes it), and the record of the erasure.
  await deps.atomic([
    // Their churn events and the customers list's summary of them go with them.
    { sql: 'DELETE FROM customer_events WHERE customer_id = ?', params: [job.customerId] },
    { sql: 'DELETE FROM customer_teams WHERE customer_id = ?', params: [job.customerId] },
    { sql: 'DELETE FROM customer_summaries WHERE customer_id = ?', params: [job.customerId] },
    {
      sql: `DELETE FROM customers WHERE id = ?
        AND NOT EXISTS (SELECT 1 FROM interactions WHERE customer_id = ?) AND NOT EXISTS (SELECT 1 FROM followups WHERE customer_id = ?)
        AND NOT EXISTS (SELECT 1 FROM survey_requests WHERE customer_id = ?) AND NOT EXISTS (SELECT 1 FROM responses WHERE customer_id = ?)`,
      params: new Array(5).fill(job.customerId),
    },
    { sql: 'DELETE FROM customer_erasures WHERE customer_id = ? AND NOT EXISTS (SELECT 1 FROM customers WHERE id = ?)', params: [job.customerId, job.customerId] },
  ]);
  const [left] = await db.select({ id: customerErasures.customerId }).from(customerErasures).where(eq(customerErasures.customerId, job.customerId));
  return !left;
}

/** The runDueWork step: erasures a crash or a very large customer left unfinished, each claimed first. */
export async function resumeErasures(deps: Deps, now: number, maxSteps = 200): Promise<{ steps: number; finished: number }> {
  const report = { steps: 0, finished: 0 };
  while (report.steps < maxSteps) {
    const due = or(isNull(customerErasures.claimedUntil), lte(customerErasures.claimedUntil, now));
    const [job] = await deps.db
      .update(customerErasures)
      .set({ claimedUntil: now + CLAIM_TTL })
      .where(and(eq(customerErasures.customerId, sql`(SELECT customer_id FROM customer_erasures WHERE ${due} LIMIT 1)`), due))
      .returning({ customerId: customerErasures.customerId, email: customerErasures.email });
    if (!job) break;
    let done = false;
    while (!done && report.steps < maxSteps) {
      done = await eraseStep(deps, job);
      report.steps++;
    }
    if (done) report.finished++;
  }
  return report;
}

/**
 * Lets Heard survey an erased address again, when its owner asks: the hash of the address typed
 * is removed. False when the address was not suppressed by hash.
 */
export async function liftErasedSuppression(deps: Pick<Deps, 'db' | 'atomic' | 'clock' | 'newId' | 'config'>, actorId: string, email: string): Promise<boolean> {
  const hash = await addressHash(deps.config.appSecret, email);
  const [row] = await deps.db.select({ hash: hashedSuppressions.hash }).from(hashedSuppressions).where(eq(hashedSuppressions.hash, hash));
  if (!row) return false;
  await deps.atomic([
    deps.db.delete(hashedSuppressions).where(eq(hashedSuppressions.hash, hash)),
    auditStatement(deps, { actorId, action: 'suppression.lifted', target: `address ${hashPrefix(hash)}…`, detail: 'surveys may go to this address again' }),
  ]);
  return true;
}

/** An admin's erasure from the customer's page: only when the address they typed is the customer's. */
export async function eraseConfirmed(deps: Deps, id: string, typed: string, actor: ErasureActor): Promise<Result<ErasureOutcome, 'not-found' | 'mismatch'>> {
  const [row] = await deps.db.select({ email: customers.email }).from(customers).where(eq(customers.id, id));
  if (!row) return err('not-found');
  if (normaliseAddress(typed) !== row.email) return err('mismatch');
  return eraseCustomer(deps, { id }, actor);
}
