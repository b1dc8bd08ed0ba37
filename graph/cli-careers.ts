import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { exportCareers } from './career-export.js';
import { openStore } from './open-store.js';
import { runNamedQuery } from './queries.js';

/**
 * `npm run careers -- [--out careers.csv] [--person name-or-id]`: the career table, one row per
 * spell, as CSV (stdout when no --out). A name may be typed without diacritics; namesakes all come.
 */
const { values } = parseArgs({ options: { out: { type: 'string' }, person: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log('usage: npm run careers -- [--out careers.csv] [--person <name or per_… id>]');
  process.exit(0);
}
const store = await openStore({ readOnly: true }).catch((e: Error) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
try {
  let only: string[] | undefined;
  if (values.person) {
    only = values.person.startsWith('per_') ? [values.person] : (await runNamedQuery(store, 'people', { name: values.person, limit: 1000 })).rows.map((r) => String(r.id));
    if (only.length === 0) throw new Error(`no person named '${values.person}'`);
  }
  // A reader that stops early (| head) ends the export quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  const n = await exportCareers(store, out, only);
  if (values.out) console.error(`${n} spells written to ${values.out}`);
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await store.close();
}
