// vitest globalSetup: the Neo4j test server that a test run starts (test/support/neo4j.ts starts it
// on first need) is stopped when the run ends, so `npm test` leaves no java process behind. A server
// that was running before the run is left alone; NEO4J_TEST_KEEP=1 keeps the one this run started.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function serverSh(root: string, cmd: 'status' | 'stop'): Promise<boolean> {
  return new Promise((resolve) => execFile('bash', [path.join(root, 'scripts', 'neo4j', 'server.sh'), cmd], { cwd: root, timeout: 60_000 }, (err) => resolve(!err)));
}

/** Whether to stop, at the end, a server found running then, given whether it ran at the start. */
export function shouldStop(runningBefore: boolean, runningAfter: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NEO4J_TEST_URI?.trim()) return false; // not ours to stop
  if (env.NEO4J_TEST_KEEP === '1' || env.NEO4J_TEST_KEEP === 'true') return false;
  return !runningBefore && runningAfter;
}

/** Notes whether the server of `root` runs now; the returned teardown stops it if it was started since (true when it did). */
export async function watchTestServer(root = ROOT, env: NodeJS.ProcessEnv = process.env): Promise<() => Promise<boolean>> {
  const before = await serverSh(root, 'status');
  return async () => {
    if (!shouldStop(before, await serverSh(root, 'status'), env)) return false;
    await serverSh(root, 'stop');
    return true;
  };
}

export default async function setup(): Promise<() => Promise<void>> {
  const teardown = await watchTestServer();
  return async () => {
    if (await teardown()) console.log('[neo4j] stopped the test server this run started (NEO4J_TEST_KEEP=1 keeps it)');
  };
}
