// Operator commands: `npm run heard -- <command> [options]`.
import { parseArgs } from 'node:util';
import { openSqlite } from './db/sqlite';
import { ConfigError, loadConfig } from './entry/node';
import { randomToken } from './security/crypto';
import { readFile, access } from 'node:fs/promises';
import { CONNECTORS, connectorFor } from './connectors';
import { PROVIDERS } from './db/schema';
import { createApiKey } from './services/apiKeys';
import { createConnection, listConnections, webhookUrl } from './services/connections';
import { rebuildRollups } from './services/dashboard/rollups';
import { SQLITE_MAX_PARAMS, timeOrderedIds } from './services/import';
import { importFile } from './entry/importFile';
import { describePlan, progressBar, reportLines } from './services/importer/describe';
import { SQLITE_BATCH } from './services/importer/run';
import { teamNames } from './services/teams';
import { createUser, resetPassword, ZAccess, ZEmail } from './services/users';

const USAGE = `Usage: npm run heard -- <command>

Commands:
  api-key create --name NAME   Create an API key for a helpdesk integration (printed once, last line)
  user create --email EMAIL --role admin|manager|agent [--name NAME] [--team TEAM]... [--all-teams] [--password P]
                               Create an account; without --password a strong one is generated and printed
  user reset-password --email EMAIL [--password P]
                               Set a new password (generated when not given) and sign the user out everywhere

  import FILE [--preset NAME] [--map field=Column]... [--set field=value]... [--dry-run]
                               Import past survey answers from a CSV with a header or Delighted's JSON.
                               The preset is detected unless given: heard, delighted, nicereply-2,
                               nicereply-3, nicereply-10, zendesk, helpscout. --map points a field at a
                               column, --set gives it one value for every row. --dry-run checks every
                               row and prints the report without writing. Rows already imported are
                               left alone, so running it twice changes nothing
  rollups rebuild              Recompute the dashboards' rollups (done by itself after TIME_ZONE changes)

  helpdesk add zendesk|freshdesk|intercom|helpscout|front --name NAME [--secret S] [--api-url URL]
               [--api-token T] [--api-user U] [--team TEAM] [--ticket-url URL-WITH-{id}]
                               Connect a helpdesk; prints its setup steps and, last, its webhook URL
                               (and the secret Heard generated when --secret is not given)
  helpdesk list                The connected helpdesks and their webhook URLs

Passwords given with --password end up in your shell history; prefer the generated ones.`;

type Command = (args: string[]) => Promise<void>;

type Handle = ReturnType<typeof openSqlite>;

function withDb<T>(fn: (h: Handle) => Promise<T>): Promise<T> {
  const h = openSqlite(loadConfig(process.env).databasePath);
  return fn(h).finally(() => h.close());
}

const cliDeps = (h: Handle) => ({ db: h.db, atomic: h.atomic, clock: Date.now, newId: () => crypto.randomUUID() });

/** 20 characters from a 64-letter alphabet: 120 bits, well past what guessing can reach. */
const generatePassword = () => randomToken(15);

function parseEmail(raw: string | undefined, command: string): string {
  const email = ZEmail.safeParse(raw ?? '');
  if (!email.success) throw new UsageError(`${command} needs --email EMAIL`);
  return email.data;
}

const commands: Record<string, Command> = {
  'api-key create': async (args) => {
    const { values } = parseArgs({ args, options: { name: { type: 'string' } } });
    const name = values.name?.trim();
    if (!name) throw new UsageError('api-key create needs --name NAME');
    const created = await withDb((h) => createApiKey(cliDeps(h), name));
    console.log(`Created API key "${created.name}" (${created.prefix}…). It is shown only now; store it safely:`);
    console.log(created.key);
  },

  'user create': async (args) => {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        team: { type: 'string', multiple: true },
        'all-teams': { type: 'boolean' },
        password: { type: 'string' },
      },
    });
    const email = parseEmail(values.email, 'user create');
    const password = values.password ?? generatePassword();
    await withDb(async (h) => {
      const names = await teamNames(h);
      const byName = new Map([...names].map(([id, n]) => [n.toLowerCase(), id]));
      const teamIds = (values.team ?? []).map((t) => {
        const id = byName.get(t.trim().toLowerCase());
        if (!id) throw new UsageError(`no team named "${t}" (known: ${[...names.values()].join(', ') || 'none yet'})`);
        return id;
      });
      const access = ZAccess.safeParse({ role: values.role, teamIds, allTeams: values['all-teams'] ?? false });
      if (!access.success) {
        const issue = access.error.issues[0]!;
        throw new UsageError(issue.path[0] === 'role' ? 'user create needs --role admin|manager|agent' : `${issue.message} (--team TEAM or --all-teams)`);
      }
      const created = await createUser(
        cliDeps(h),
        { email, name: values.name?.trim() || null, password, ...access.data },
        { actorId: null, action: 'user.created' },
      );
      if (!created.ok) {
        const e = created.error;
        throw new UsageError(typeof e === 'object' ? `password: ${e.password}` : e === 'email-taken' ? `${email} already has an account` : 'unknown team');
      }
    });
    console.log(`Created ${values.role} ${email}.`);
    if (!values.password) console.log(`Password (shown only now): ${password}`);
  },

  'user reset-password': async (args) => {
    const { values } = parseArgs({ args, options: { email: { type: 'string' }, password: { type: 'string' } } });
    const email = parseEmail(values.email, 'user reset-password');
    const password = values.password ?? generatePassword();
    const reset = await withDb((h) => resetPassword(cliDeps(h), email, password));
    if (!reset.ok) throw new UsageError(reset.error === 'not-found' ? `no account for ${email}` : `password: ${reset.error.password}`);
    console.log(`New password set for ${email}; their sessions were ended.`);
    if (!values.password) console.log(`Password (shown only now): ${password}`);
  },
};

// ---- dashboards: history import and rollups ----

const MAX_SKIPS_SHOWN = 50;

commands['import'] = async (args) => {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { preset: { type: 'string' }, map: { type: 'string', multiple: true }, set: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('import needs one file: npm run heard -- import FILE [--preset NAME] [--map field=Column]... [--set field=value]...');
  await access(file).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  const config = loadConfig(process.env);
  const dryRun = values['dry-run'] ?? false;
  const started = performance.now();
  // Ctrl-C stops after the batch being written, so a bulk import makes its indexes again before
  // exiting; a second Ctrl-C ends the process at once (they are made again later, see README).
  const stop = new AbortController();
  const onInterrupt = () => {
    process.stderr.write('\nStopping after the current batch…');
    stop.abort(new UsageError('stopped; the rows written so far stay, and importing the same file again adds the rest'));
  };
  process.once('SIGINT', onInterrupt);
  const result = await withDb((h) => {
    // A bigger page cache for a long run of writes.
    h.sqlite.pragma('cache_size = -262144');
    return importFile({ ...cliDeps(h), config, newId: timeOrderedIds() }, file, { preset: values.preset, map: values.map, set: values.set }, {
      batchSize: SQLITE_BATCH,
      maxParams: SQLITE_MAX_PARAMS,
      now: Date.now(),
      dryRun,
      onPlan: (plan) => console.log(describePlan(plan)),
      onProgress: (fraction, report) => process.stderr.write(`\r${progressBar(fraction)} ${report.rows.toLocaleString('en-US')} rows`),
      bulk: { sqlite: h.sqlite, onRollups: () => process.stderr.write(`\nUpdating the dashboards…`), onIndexes: (n) => process.stderr.write(`\nMaking ${n} indexes again…`) },
      signal: stop.signal,
    });
  }).finally(() => process.off('SIGINT', onInterrupt));
  process.stderr.write('\n');
  if (!result.ok) throw new UsageError(`${file}: ${result.error}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(reportLines(result.value, { dryRun, maxSkips: MAX_SKIPS_SHOWN }).join('\n'));
  console.log(`(${seconds}s)`);
};

commands['rollups rebuild'] = async () => {
  const config = loadConfig(process.env);
  const started = performance.now();
  await withDb((h) => rebuildRollups({ ...cliDeps(h), config }));
  console.log(`Rollups rebuilt for time zone ${config.timeZone} in ${((performance.now() - started) / 1000).toFixed(1)}s.`);
};

// ---- helpdesks ----

commands['helpdesk add'] = async (args) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      secret: { type: 'string' },
      'api-url': { type: 'string' },
      'api-token': { type: 'string' },
      'api-user': { type: 'string' },
      team: { type: 'string' },
      'ticket-url': { type: 'string' },
    },
  });
  const connector = connectorFor(positionals[0] ?? '');
  if (!connector || positionals.length > 1) throw new UsageError(`helpdesk add needs one of: ${PROVIDERS.join(', ')}`);
  const name = values.name?.trim();
  if (!name) throw new UsageError('helpdesk add needs --name NAME');
  const apiToken = values['api-token']?.trim() || null;
  const apiUrl = values['api-url']?.trim() || (apiToken ? connector.defaultApiUrl : undefined) || null;
  if (apiToken && !apiUrl) throw new UsageError(`${connector.label} needs --api-url with --api-token (your account's address, e.g. https://acme.${connector.provider}.com)`);
  if (apiUrl && !/^https?:\/\/[^\s/]+/.test(apiUrl)) throw new UsageError('--api-url must be an http(s) address');
  if (apiToken && connector.apiUser && !values['api-user']?.trim()) throw new UsageError(`${connector.label} needs --api-user: ${connector.apiUser}`);
  const ticketUrl = values['ticket-url']?.trim() || connector.ticketUrl?.(apiUrl?.replace(/\/+$/, '') ?? null) || null;
  if (ticketUrl && !ticketUrl.includes('{id}')) throw new UsageError('--ticket-url must contain {id}, e.g. https://acme.zendesk.com/agent/tickets/{id}');
  const config = loadConfig(process.env);
  const created = await withDb((h) =>
    createConnection(cliDeps(h), null, {
      provider: connector.provider,
      name,
      secret: values.secret?.trim() || null,
      apiUrl,
      apiUser: values['api-user']?.trim() || null,
      apiToken,
      team: values.team?.trim() || null,
      ticketUrl,
    }),
  );
  console.log(`Connected ${connector.label} "${created.name}" (${created.id}).`);
  if (!values.secret?.trim()) console.log(`Secret (generated, shown only now; give it to ${connector.label}): ${created.secret}`);
  console.log('\nSetup:');
  connector.setup.steps.forEach((step, i) => console.log(`  ${i + 1}. ${step}`));
  if (connector.setup.body) console.log(`\nJSON body to paste:\n${connector.setup.body}`);
  console.log('\nWebhook URL:');
  console.log(webhookUrl(config.publicUrl, created));
};

commands['helpdesk list'] = async () => {
  const config = loadConfig(process.env);
  const all = await withDb((h) => listConnections(h));
  if (all.length === 0) console.log('No helpdesk connected yet: npm run heard -- helpdesk add PROVIDER --name NAME');
  for (const c of all) {
    const notes = [c.team ? `team ${c.team}` : null, c.apiToken ? 'writes back' : 'receives only', c.attention ? `NEEDS ATTENTION: ${c.attention}` : null];
    console.log(`${c.id}  ${CONNECTORS[c.provider].label}  "${c.name}"  ${notes.filter(Boolean).join(', ')}`);
    console.log(`  ${webhookUrl(config.publicUrl, c)}`);
  }
};

class UsageError extends Error {}

async function main(argv: string[]) {
  const name = Object.keys(commands).find((c) => argv.slice(0, c.split(' ').length).join(' ') === c);
  if (!name) {
    console.error(USAGE);
    return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  try {
    await commands[name]!(argv.slice(name.split(' ').length));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`heard: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
