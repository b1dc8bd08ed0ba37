// Real `npm run ingest` processes for tests: generated reports written to a folder, and
// graph/cli-ingest.ts run as a child process in a process group of its own, so it can be killed
// (SIGKILL, the whole group: tsx runs node as a child) at the moment a chosen progress line shows.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorld, generateReport, reportPath } from '../../scripts/generate-corpus.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Reports from..to-1 of the seed's generated corpus, written flat into dir under their generated names. */
export function writeReports(dir: string, from: number, to: number, seed = 1): void {
  mkdirSync(dir, { recursive: true });
  const world = buildWorld(seed);
  for (let i = from; i < to; i++) writeFileSync(join(dir, basename(reportPath(i))), generateReport(world, i).text);
}

export interface IngestRun {
  /** Exit code, null when killed. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether the `killOn` line showed and the process group was killed then. */
  killed: boolean;
  /** stdout and stderr, line by line, in arrival order. */
  lines: string[];
}

export interface RunOptions {
  /** Kill the process group with SIGKILL as soon as a line of its output matches. */
  killOn?: RegExp;
  /** The whole run is killed and the promise rejected after this long (default 300 s). */
  timeoutMs?: number;
}

// Settings of the caller's shell that would point the child elsewhere than the test says.
const INHERITED = /^(NEO4J_|KUZU_PATH$|INGEST_GROUP$|RESOLVE_|JUDGEMENTS_FILE$)/;

const running = new Set<ChildProcess>();

/** Kills what is still running (a test that failed half-way): call it in afterAll. */
export function killAll(): void {
  for (const c of running) killGroup(c);
}

function killGroup(c: ChildProcess): void {
  try {
    process.kill(-c.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** `tsx graph/cli-ingest.ts ...args` with exactly `env` on top of the caller's environment minus store settings. */
export function runIngest(args: string[], env: Record<string, string>, opts: RunOptions = {}): Promise<IngestRun> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !INHERITED.test(k)));
  const child = spawn(TSX, ['graph/cli-ingest.ts', ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // No judgements file unless the test names one (data/judgements.json is the user's).
    env: { ...base, JUDGEMENTS_FILE: join(ROOT, '.no-judgements.json'), ...env },
  });
  running.add(child);
  const lines: string[] = [];
  let killed = false;
  const onLine = (line: string): void => {
    lines.push(line);
    if (!killed && opts.killOn?.test(line)) {
      killed = true;
      killGroup(child);
    }
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop()!;
      parts.forEach(onLine);
    });
    stream.on('end', () => rest && onLine(rest));
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`ingest ${args.join(' ')} still running after ${opts.timeoutMs ?? 300_000} ms; last lines:\n${lines.slice(-10).join('\n')}`));
    }, opts.timeoutMs ?? 300_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      running.delete(child);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, signal, killed, lines });
    });
  });
}
