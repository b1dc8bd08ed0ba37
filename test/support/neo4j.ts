// A real Neo4j 5.26 Community server for tests (see scripts/neo4j/server.sh).
//
// Order: NEO4J_TEST_URI env → our running server (`bash scripts/neo4j/server.sh status`: the pid in
// .neo4j/pid is alive and runs our server class, and its URI answers) → start one with
// `bash scripts/neo4j/server.sh start` (needs java; to build it first, also mvn and javac) → skip.
// Under CI=true it never skips: it throws with the reason instead. The tests delete everything in
// the database they get, so a port that merely answers (a user's own Neo4j) is never reused.
//
// The local server has auth disabled, so user/password are accepted but ignored.
// For an external server set NEO4J_TEST_URI plus NEO4J_TEST_USER / NEO4J_TEST_PASSWORD /
// NEO4J_TEST_DATABASE as needed.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Neo4jTestServer = { uri: string; user: string; password: string; database?: string };
export type Neo4jTestSkip = { skip: string };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER_DIR = path.join(ROOT, 'scripts', 'neo4j');
const SERVER_SH = path.join(SERVER_DIR, 'server.sh');
/**
 * Cold start = waiting for another `start` (server.sh's flock waits up to 900 s) + Maven download
 * (~150 MB) + build + boot (up to 120 s): longer than the lock wait, so server.sh's own message
 * arrives rather than a kill.
 */
const START_TIMEOUT_MS = 25 * 60 * 1000;
const STATUS_TIMEOUT_MS = 30 * 1000;

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

  const ours = await runningServerUri();
  if (ours) return credentials(ours);

  const missing = missingTools(needsBuild());
  if (missing.length > 0) {
    return {
      skip: `Neo4j tests skipped: ${missing.join(', ')} not found (install openjdk-17-jdk-headless and maven, or set NEO4J_TEST_URI)`,
    };
  }
  const uri = await startServer();
  return credentials(uri);
}

/** The tools `server.sh start` needs: java to run the server; mvn and javac (a JDK, not a JRE) to build it first. */
export function missingTools(build: boolean, has: (cmd: string) => boolean = onPath): string[] {
  return (build ? ['java', 'javac', 'mvn'] : ['java']).filter((cmd) => !has(cmd));
}

/** Whether `server.sh start` would build first (mirrors its needs_build: no stamp, or sources newer). */
function needsBuild(): boolean {
  const stamp = path.join(SERVER_DIR, 'target', '.build-ok');
  if (!existsSync(stamp) || !existsSync(path.join(SERVER_DIR, 'target', 'lib'))) return true;
  const built = statSync(stamp).mtimeMs;
  const sources = [path.join(SERVER_DIR, 'pom.xml'), path.join(SERVER_DIR, 'src', 'main', 'java', 'testserver', 'TestServer.java')];
  return sources.some((f) => existsSync(f) && statSync(f).mtimeMs > built);
}

/** The URI of the server `server.sh start` launched, when `server.sh status` confirms it is ours and up. */
/** The bolt URI of the test server scripts/neo4j/server.sh runs, if it is running (also used by bench:ingest). */
export function runningServerUri(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('bash', [SERVER_SH, 'status'], { cwd: ROOT, timeout: STATUS_TIMEOUT_MS }, (err, stdout) => {
      const uri = err ? undefined : boltUri(stdout);
      resolve(uri);
    });
  });
}

function boltUri(stdout: string): string | undefined {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^bolt:\/\//.test(l))
    .pop();
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

function startServer(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [SERVER_SH, 'start'],
      { cwd: ROOT, timeout: START_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const uri = boltUri(stdout);
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

/**
 * Empties a test database a bounded number of nodes per transaction: one `DETACH DELETE` of a
 * large leftover graph (a benchmark's, say) passes the server's transaction memory limit.
 */
export async function emptyDatabase(store: { query(cypher: string): Promise<{ rows: Record<string, unknown>[] }> }): Promise<void> {
  while (Number((await store.query('MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS c')).rows[0]?.c ?? 0) > 0);
}
