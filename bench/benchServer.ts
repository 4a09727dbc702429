// Starts bench/server.ts in its own process and talks to it: its URL, what it seeded, its CPU time.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Server {
  url: string;
  info: { key?: string; tokens?: string[] };
  /** The server process's CPU time so far, in µs. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

export function startBenchServer(args: string[], env: Record<string, string> = {}): Promise<Server> {
  const script = fileURLToPath(new URL('./server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = /READY (\S+) (.*)\n/.exec(buffer);
      if (!m) return;
      resolve({
        url: m[1]!,
        info: JSON.parse(m[2]!) as Server['info'],
        cpu: () => new Promise((answer) => (child.once('message', (us) => answer(Number(us))), child.send('cpu'))),
        stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
      });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}
