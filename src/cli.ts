// Operator commands: `npm run heard -- <command> [options]`.
import { parseArgs } from 'node:util';
import { openSqlite } from './db/sqlite';
import { ConfigError, loadConfig } from './entry/node';
import { createApiKey } from './services/apiKeys';

const USAGE = `Usage: npm run heard -- <command>

Commands:
  api-key create --name NAME   Create an API key for a helpdesk integration (printed once, last line)`;

type Command = (args: string[]) => Promise<void>;

function withDb<T>(fn: (h: ReturnType<typeof openSqlite>) => Promise<T>): Promise<T> {
  const h = openSqlite(loadConfig(process.env).databasePath);
  return fn(h).finally(() => h.close());
}

const commands: Record<string, Command> = {
  'api-key create': async (args) => {
    const { values } = parseArgs({ args, options: { name: { type: 'string' } } });
    const name = values.name?.trim();
    if (!name) throw new UsageError('api-key create needs --name NAME');
    const created = await withDb((h) =>
      createApiKey({ db: h.db, clock: Date.now, newId: () => crypto.randomUUID() }, name),
    );
    console.log(`Created API key "${created.name}" (${created.prefix}…). It is shown only now; store it safely:`);
    console.log(created.key);
  },
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
