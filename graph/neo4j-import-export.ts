import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EDGES, EDGE_TYPES, NODES, NODE_LABELS, neo4jDDL, type KuzuType, type NodeLabel, type PropDef } from './schema.js';
import { kuzuEdgeList } from './kuzu-edge-lists.js';
import type { GraphStore } from './store.js';

/**
 * The embedded store as CSV files for `neo4j-admin database import full`: the fast first load of
 * a very large archive into an empty Neo4j database (no transactions, no MERGE). One header file
 * and one data file per node label and per edge type and endpoint pair, all laid out from the
 * model (graph/schema.ts). Kùzu writes each data file itself with `COPY (MATCH …) TO`, its
 * streaming export, so nothing passes through this process whatever the store's size.
 *
 * What the import tool cannot say, the files that go with the CSVs say: `constraints.cypher`
 * (the Neo4j store's constraints and indexes; Community's import cannot build them) and
 * `empty-lists.cypher` (the tool reads an empty array field as no property, where the stores keep
 * `[]`). Both run once on the started database.
 */

/** Between the items of a list property: a control character, which no stored text holds (ids.ts `clean`, the Kùzu store's list joining). */
export const ARRAY_DELIMITER = '\u001f';
/** How the import tool is told the delimiter. */
export const ARRAY_DELIMITER_OPTION = 'U+001F';

const NEO4J_TYPE: Record<KuzuType, string> = { STRING: 'string', INT64: 'long', DOUBLE: 'double', BOOLEAN: 'boolean', 'STRING[]': 'string[]' };

/** One file pair the import reads: its header line, and how Kùzu selects its rows. */
export interface ImportTable {
  kind: 'nodes' | 'relationships';
  /** The node label, or the edge type. */
  name: string;
  /** File base name, relative to the export folder, without '.csv' ('nodes/Person', 'relationships/AWARDED-Person-Conference'). */
  base: string;
  header: string[];
  /** The MATCH pattern binding `n` (nodes) or `a`, `r`, `b` (relationships). */
  pattern: string;
  /** One Cypher expression per header column, in order. */
  columns: string[];
  /** The list properties (for empty-lists.cypher). */
  lists: string[];
}

/**
 * A property's expression in a data file: lists joined by ARRAY_DELIMITER; booleans lower-cased
 * (Kùzu writes True/False, the import tool reads only 'true' as true). Not with a CASE: in Kùzu
 * 0.11.3 `CASE WHEN r.flag …` (a boolean property as the condition) over a relationship pattern
 * returns wrong end nodes for some rows.
 */
/** A list property as a list in Kùzu's Cypher: an edge's is kept encoded (graph/kuzu-edge-lists.ts). */
const listOf = (v: string, edge: boolean): string => (edge ? kuzuEdgeList(v) : v);

function valueExpr(v: string, t: KuzuType, edge: boolean): string {
  if (t === 'STRING[]') return `list_to_string('${ARRAY_DELIMITER}', ${listOf(v, edge)})`;
  if (t === 'BOOLEAN') return `lower(CAST(${v} AS STRING))`;
  return v;
}

function propColumns(v: string, props: Record<string, PropDef>, edge: boolean): { header: string[]; columns: string[]; lists: string[] } {
  const entries = Object.entries(props);
  return {
    header: entries.map(([k, p]) => `${k}:${NEO4J_TYPE[p.kuzu]}`),
    columns: entries.map(([k, p]) => valueExpr(`${v}.${k}`, p.kuzu, edge)),
    lists: entries.filter(([, p]) => p.kuzu === 'STRING[]').map(([k]) => k),
  };
}

/**
 * Every file pair of the export, from the model. Node ids are in one id space per label
 * (`id:ID(Person)`), so the files hold no assumption that ids are unique across labels; the
 * relationships name the spaces of their ends.
 */
export function importTables(): ImportTable[] {
  const out: ImportTable[] = [];
  for (const l of NODE_LABELS) {
    const p = propColumns('n', NODES[l], false);
    out.push({ kind: 'nodes', name: l, base: `nodes/${l}`, header: [`id:ID(${l})`, ':LABEL', ...p.header], pattern: `(n:${l})`, columns: ['n.id', `'${l}'`, ...p.columns], lists: p.lists });
  }
  for (const t of EDGE_TYPES) {
    const def = EDGES[t] as { pairs: ReadonlyArray<readonly [NodeLabel, NodeLabel]>; props: Record<string, PropDef> };
    const p = propColumns('r', def.props, true);
    for (const [from, to] of def.pairs) {
      out.push({
        kind: 'relationships',
        name: t,
        base: `relationships/${t}-${from}-${to}`,
        header: [`:START_ID(${from})`, `:END_ID(${to})`, ':TYPE', ...p.header],
        pattern: `(a:${from})-[r:${t}]->(b:${to})`,
        columns: ['a.id', 'b.id', `'${t}'`, ...p.columns],
        lists: p.lists,
      });
    }
  }
  return out;
}

/** A Kùzu string literal. */
const literal = (s: string): string => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** The statement with which Kùzu writes a table's data file (no header: that is a file of its own). */
export function copyStatement(t: ImportTable, file: string): string {
  return `COPY (MATCH ${t.pattern} RETURN ${t.columns.map((c, i) => `${c} AS c${i}`).join(', ')}) TO ${literal(file)} (HEADER=false)`;
}

/** A header line: the names are the model's (letters, digits, '_', ':', '(', ')', '[', ']'), never in need of quotes. */
const headerLine = (t: ImportTable): string => `${t.header.join(',')}\n`;

/** constraints.cypher: the Neo4j store's own DDL (schema.ts neo4jDDL), then a wait until the indexes are online. */
export function constraintsCypher(): string {
  return [
    '// Run once on the imported database, before anything writes to it (the import tool of Community cannot build them).',
    ...neo4jDDL().map((s) => `${s};`),
    'CALL db.awaitIndexes(3600);',
    '',
  ].join('\n');
}

/** Of each node label or edge type, the list properties some of its rows hold empty. */
export type EmptyLists = Map<string, Set<string>>;

/**
 * empty-lists.cypher: the import tool reads an empty array field as no property, where both stores
 * hold `[]`; this sets them, in batches, one pass per label or edge type that has any.
 */
export function emptyListsCypher(empty: EmptyLists, tables: ImportTable[] = importTables()): string {
  const lines = ['// Run once on the imported database: the import tool leaves an empty list property unset; the stores keep [].'];
  const seen = new Set<string>();
  for (const t of tables) {
    const props = t.lists.filter((k) => empty.get(t.name)?.has(k));
    if (seen.has(t.name) || props.length === 0) continue; // one statement per edge type covers all its endpoint pairs
    seen.add(t.name);
    const match = t.kind === 'nodes' ? `MATCH (x:${t.name})` : `MATCH ()-[x:${t.name}]->()`;
    const where = props.map((k) => `x.${k} IS NULL`).join(' OR ');
    const set = props.map((k) => `x.${k} = coalesce(x.${k}, [])`).join(', ');
    lines.push(`${match} WHERE ${where} CALL { WITH x SET ${set} } IN TRANSACTIONS OF 10000 ROWS;`);
  }
  lines.push('');
  return lines.join('\n');
}

/** Cypher statements of one of the .cypher files above, one per entry (comments dropped). */
export function cypherStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('//'))
    .map((l) => l.replace(/;\s*$/, ''));
}

export interface WrittenTable {
  table: ImportTable;
  headerFile: string;
  dataFile: string;
  rows: number;
  /** A field holds a line break: the import must be told (`--multiline-fields`). */
  multiline: boolean;
}

/** The arguments after `neo4j-admin` for the files written. The database comes before the file lists, which take every word after them. */
export function importArgs(written: WrittenTable[], database = 'neo4j', reportFile?: string): string[] {
  const args = ['database', 'import', 'full', database, `--array-delimiter=${ARRAY_DELIMITER_OPTION}`];
  // The tool's report of bad entries goes beside the files, not into whatever folder it is run from.
  if (reportFile) args.push(`--report-file=${reportFile}`);
  if (written.some((w) => w.multiline)) args.push('--multiline-fields=true');
  for (const w of written) args.push(`--${w.table.kind}=${w.headerFile},${w.dataFile}`);
  return args;
}

/** A word as a POSIX shell reads it back unchanged. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}

/** The command line to print: one option per line. */
export function importCommand(args: string[], program = 'neo4j-admin'): string {
  const head = [program, ...args.slice(0, 4)].map(shellQuote).join(' ');
  return [head, ...args.slice(4).map((a) => `  ${shellQuote(a)}`)].join(' \\\n');
}

export interface ExportResult {
  dir: string;
  tables: WrittenTable[];
  nodes: number;
  relationships: number;
  /** Arguments after `neo4j-admin`. */
  args: string[];
  /** The command line, as printed. */
  command: string;
  constraintsFile: string;
  emptyListsFile: string;
  seconds: number;
}

export interface ExportOptions {
  database?: string;
  onTable?: (w: WrittenTable) => void;
}

/**
 * Writes the import files of the embedded store into `dir` (created; files of the same names are
 * replaced). The store must be the Kùzu one: its COPY TO writes the data files.
 */
export async function exportForNeo4jImport(store: GraphStore, dir: string, opts: ExportOptions = {}): Promise<ExportResult> {
  if (store.kind !== 'kuzu') throw new Error(`the import files are written from the embedded store, not from ${store.kind} (${store.location}): unset NEO4J_URI`);
  const t0 = performance.now();
  const out = resolve(dir);
  mkdirSync(join(out, 'nodes'), { recursive: true });
  mkdirSync(join(out, 'relationships'), { recursive: true });
  const tables: WrittenTable[] = [];
  const empty: EmptyLists = new Map();
  for (const table of importTables()) {
    const headerFile = join(out, `${table.base}.header.csv`);
    const dataFile = join(out, `${table.base}.csv`);
    writeFileSync(headerFile, headerLine(table));
    await store.query(copyStatement(table, dataFile));
    const rows = Number((await store.query(`MATCH ${table.pattern} RETURN count(*) AS c`)).rows[0]?.c ?? 0);
    const breaks = await lineBreaks(dataFile);
    if (breaks < rows) throw new Error(`${dataFile}: ${breaks} lines for ${rows} rows (the export was cut short)`);
    for (const k of table.lists) {
      const v = table.kind === 'nodes' ? `n.${k}` : `r.${k}`;
      const n = Number((await store.query(`MATCH ${table.pattern} WHERE ${v} IS NULL OR size(${listOf(v, table.kind === 'relationships')}) = 0 RETURN count(*) AS c`)).rows[0]?.c ?? 0);
      if (n > 0) empty.set(table.name, (empty.get(table.name) ?? new Set()).add(k));
    }
    const w: WrittenTable = { table, headerFile, dataFile, rows, multiline: breaks > rows };
    tables.push(w);
    opts.onTable?.(w);
  }
  const constraintsFile = join(out, 'constraints.cypher');
  const emptyListsFile = join(out, 'empty-lists.cypher');
  writeFileSync(constraintsFile, constraintsCypher());
  writeFileSync(emptyListsFile, emptyListsCypher(empty));
  const args = importArgs(tables, opts.database, join(out, 'import.report'));
  const command = importCommand(args);
  writeFileSync(join(out, 'import.sh'), `#!/bin/sh\n# The import of these files (NEO4J_ADMIN: another neo4j-admin than the one on PATH).\nexec "\${NEO4J_ADMIN:-neo4j-admin}" ${args.map(shellQuote).join(' ')}\n`, { mode: 0o755 });
  const sum = (k: ImportTable['kind']) => tables.filter((w) => w.table.kind === k).reduce((n, w) => n + w.rows, 0);
  return { dir: out, tables, nodes: sum('nodes'), relationships: sum('relationships'), args, command, constraintsFile, emptyListsFile, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Line breaks (\n and \r) in a file, counted as it streams by. Kùzu ends each row with one \n, so
 * more breaks than rows means a field spans lines.
 */
async function lineBreaks(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
    for (let i = chunk.indexOf(13); i !== -1; i = chunk.indexOf(13, i + 1)) n++;
  }
  return n;
}

