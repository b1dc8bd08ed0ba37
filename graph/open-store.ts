import { KuzuStore } from './kuzu-store.js';
import { Neo4jStore, neo4jConfigFromEnv } from './neo4j-store.js';
import type { GraphStore } from './store.js';

/**
 * The store the environment asks for: Neo4j when NEO4J_URI is set (with NEO4J_USER,
 * NEO4J_PASSWORD, NEO4J_DATABASE), else the embedded Kùzu at KUZU_PATH (default data/graph/kuzu).
 * The store is initialised (tables or constraints) unless opened read-only.
 */
export interface OpenOptions {
  /** Serve-only: Kùzu opens its file read-only (another process may write it); no DDL is run. */
  readOnly?: boolean;
  /** Override KUZU_PATH. */
  kuzuPath?: string;
  env?: NodeJS.ProcessEnv;
}

export async function openStore(opts: OpenOptions = {}): Promise<GraphStore> {
  const env = opts.env ?? process.env;
  const neo = neo4jConfigFromEnv(env);
  const store: GraphStore = neo
    ? new Neo4jStore(neo)
    : new KuzuStore({ path: opts.kuzuPath ?? env.KUZU_PATH, readOnly: opts.readOnly });
  if (!opts.readOnly) {
    try {
      await store.init();
    } catch (e) {
      await store.close().catch(() => undefined);
      throw e;
    }
  }
  return store;
}
