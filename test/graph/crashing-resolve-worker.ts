/** A resolution worker for the tests: dies on the first groups it is sent, as an out-of-memory would. */
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', () => process.exit(7));
