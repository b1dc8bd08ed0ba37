// Starts a TypeScript worker module: Node 20 does not hand tsx's loader on to worker threads, so
// the worker registers tsx itself, then imports the module named in workerData.url.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.url);
