/** A worker thread of the resolution pool (graph/resolve-pool.ts): resolves the groups it is sent. */
import { serveResolution } from './resolve-pool.js';

serveResolution();
