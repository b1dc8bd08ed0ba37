// A real Neo4j 5.26 Community server for tests (see scripts/neo4j/server.sh).
//
// Order: NEO4J_TEST_URI env → a running server recorded in .neo4j/uri → start one with
// `bash scripts/neo4j/server.sh start` (needs java + mvn) → skip. Under CI=true it never skips:
// it throws with the reason instead.
//
// The local server has auth disabled, so user/password are accepted but ignored.
// For an external server set NEO4J_TEST_URI plus NEO4J_TEST_USER / NEO4J_TEST_PASSWORD /
// NEO4J_TEST_DATABASE as needed.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Neo4jTestServer = { uri: string; user: string; password: string; database?: string };
export type Neo4jTestSkip = { skip: string };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const URI_FILE = path.join(ROOT, '.neo4j', 'uri');
const SERVER_SH = path.join(ROOT, 'scripts', 'neo4j', 'server.sh');
/** Cold start = Maven download (~150 MB) + build + boot; be generous. */
const START_TIMEOUT_MS = 15 * 60 * 1000;

let cached: Promise<Neo4jTestServer | Neo4jTestSkip> | undefined;

export function neo4jForTests(): Promise<Neo4jTestServer | Neo4jTestSkip> {
  cached ??= resolveServer().then((r) => {
    if ('skip' in r && process.env.CI === 'true') {
      throw new Error(`Neo4j test server unavailable under CI=true: ${r.skip.replace(/^Neo4j tests skipped: /, '')}`);
    }
    return r;
  });
  return cached;
}

function credentials(uri: string): Neo4jTestServer {
  const database = process.env.NEO4J_TEST_DATABASE;
  return {
    uri,
    user: process.env.NEO4J_TEST_USER ?? 'neo4j',
    password: process.env.NEO4J_TEST_PASSWORD ?? 'neo4j-test',
    ...(database ? { database } : {}),
  };
}

async function resolveServer(): Promise<Neo4jTestServer | Neo4jTestSkip> {
  const envUri = process.env.NEO4J_TEST_URI?.trim();
  if (envUri) return credentials(envUri);

  const recorded = readRecordedUri();
  if (recorded && (await uriAnswers(recorded))) return credentials(recorded);

  if (!onPath('java') || !onPath('mvn')) {
    return {
      skip: 'Neo4j tests skipped: java or mvn not found (install openjdk-17 and maven, or set NEO4J_TEST_URI)',
    };
  }
  const uri = await startServer();
  return credentials(uri);
}

function readRecordedUri(): string | undefined {
  if (!existsSync(URI_FILE)) return undefined;
  const uri = readFileSync(URI_FILE, 'utf8').trim();
  return uri || undefined;
}

function onPath(cmd: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

function uriAnswers(uri: string, timeoutMs = 2000): Promise<boolean> {
  let host: string;
  let port: number;
  try {
    const u = new URL(uri);
    host = u.hostname.replace(/^\[|\]$/g, '');
    port = u.port ? Number(u.port) : 7687;
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function startServer(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [SERVER_SH, 'start'],
      { cwd: ROOT, timeout: START_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const uri = stdout
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => /^bolt:\/\//.test(l))
          .pop();
        if (err || !uri) {
          const reason =
            stderr
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean)
              .pop() ?? err?.message ?? 'no bolt URI printed';
          reject(new Error(`could not start the Neo4j test server (scripts/neo4j/server.sh start): ${reason}`));
          return;
        }
        resolve(uri);
      },
    );
  });
}
