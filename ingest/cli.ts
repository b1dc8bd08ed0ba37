#!/usr/bin/env tsx
/**
 * npm run extract -- <dir or files...> --out <dir>
 * One JSON per article (<base name>.json, validated), a progress line on long runs and a summary.
 * Exit code 1 only when nothing could be read (or on bad usage).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, parse } from 'node:path';
import { parseArgs } from 'node:util';
import { readSources } from './read.js';
import { extractArticle } from './extract.js';
import { Progress } from './progress.js';

const USAGE = 'usage: npm run extract -- <dir or files...> --out <dir> [--quiet]';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { out: { type: 'string', short: 'o' }, quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    console.error(`extract: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  const out = args.values.out;
  if (!out || args.positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }
  await mkdir(out, { recursive: true });
  const progress = new Progress('extract', !args.values.quiet);
  let read = 0, extracted = 0, people = 0, conferences = 0;
  const skipped: Array<{ file: string; reason: string }> = [];
  // Output files are named by base name: a second article with the same one would overwrite the first.
  const written = new Map<string, string>();
  for await (const src of readSources(args.positionals)) {
    if (!src.ok) {
      skipped.push(src);
      console.error(`skipped ${src.file}: ${src.reason}`);
      progress.tick(read + skipped.length);
      continue;
    }
    read++;
    if (src.warning) console.error(`warning ${src.file}: ${src.warning}`);
    const outName = `${parse(src.name).name}.json`;
    const first = written.get(outName);
    if (first) {
      const reason = `same output name ${outName} as ${first}; rename one of them`;
      skipped.push({ file: src.file, reason });
      console.error(`skipped ${src.file}: ${reason}`);
      progress.tick(read + skipped.length);
      continue;
    }
    try {
      const x = extractArticle(src.name, src.text);
      await writeFile(join(out, outName), JSON.stringify(x, null, 2) + '\n');
      written.set(outName, src.file);
      extracted++;
      people += x.people.length;
      if (x.conference.title || x.conference.organizers.length) conferences++;
    } catch (e) {
      const reason = `extraction failed: ${(e as Error).message.split('\n')[0]}`;
      skipped.push({ file: src.file, reason });
      console.error(`skipped ${src.file}: ${reason}`);
    }
    progress.tick(read + skipped.length);
  }
  progress.done();
  const reasons = new Map<string, number>();
  for (const s of skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  console.log(
    `files read: ${read}, extracted: ${extracted}, skipped: ${skipped.length}${skipped.length ? ` (${[...reasons].map(([r, n]) => `${n}× ${r}`).join('; ')})` : ''}, people: ${people}, conferences: ${conferences} → ${out}`,
  );
  return read === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`extract: ${(e as Error).message}`);
    process.exit(2);
  },
);
