import { QueryLimitExceeded, QueryRefused } from './query-errors.js';

/**
 * What a query is allowed to be before a store runs it. Three layers, cheapest first:
 *
 * 1. Text rules both stores share: one statement per call; Cypher's own comment and string rules
 *    (so a `//` comment ends where the database ends it, at `\n` or `\r`); for console queries a
 *    size and nesting limit (deep nesting crashes Kùzu's parser and burns Neo4j's planner).
 * 2. Per store, for console queries: Kùzu gets an allow-list of statement kinds (read queries, a few
 *    catalog table functions); Neo4j gets a budget on list iteration that its runtime cannot stop
 *    at the time limit (reduce() and comprehensions over huge or nested lists).
 * 3. The database's own answer: the plan of the query (EXPLAIN), accepted only when every operator
 *    is a read operator — on Neo4j also only a read query type and only allow-listed procedures.
 *
 * Everything here is pure; the stores run EXPLAIN and hand the plan in.
 */

// ---- layer 1: tokens ---------------------------------------------------------------------------

/** Cypher ends a `//` comment at a line feed or a carriage return (both stores; others do not end it). */
const COMMENT_END = /[\n\r]/g;

/**
 * The query text with every string literal ('…', "…", with backslash escapes), quoted name (`…`)
 * and comment (// to the end of the line, /* … *\/) replaced by spaces, in one left-to-right scan,
 * so a quote inside a comment or a comment marker inside a string cannot hide what follows. Offsets
 * and line breaks are kept. An unterminated literal or comment blanks the rest (the store refuses it
 * as a syntax error anyway).
 */
export function blankLiterals(cypher: string): string {
  const out: string[] = [];
  let i = 0;
  const n = cypher.length;
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k++) {
      const c = cypher[k]!;
      out.push(c === '\n' || c === '\r' ? c : ' ');
    }
  };
  while (i < n) {
    const ch = cypher[i]!;
    const next = cypher[i + 1];
    if (ch === '/' && next === '/') {
      COMMENT_END.lastIndex = i + 2;
      const end = COMMENT_END.exec(cypher);
      const to = end ? end.index : n;
      blank(i, to);
      i = to;
    } else if (ch === '/' && next === '*') {
      const end = cypher.indexOf('*/', i + 2);
      const to = end < 0 ? n : end + 2;
      blank(i, to);
      i = to;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < n && cypher[j] !== ch) j += ch !== '`' && cypher[j] === '\\' ? 2 : 1;
      const to = Math.min(j + 1, n);
      blank(i, to);
      i = to;
    } else {
      out.push(ch);
      i++;
    }
  }
  return out.join('');
}

/** True when the text holds more than one statement: a `;` (outside literals and comments) with anything but whitespace after it. */
export function hasSeveralStatements(cypher: string): boolean {
  const text = blankLiterals(cypher);
  const semi = text.indexOf(';');
  return semi >= 0 && text.slice(semi + 1).trim() !== '';
}

/** Refuses text with more than one statement (both stores run one statement per call). */
export function assertOneStatement(cypher: string): void {
  if (hasSeveralStatements(cypher)) throw new QueryRefused('one statement at a time');
}

/**
 * Clauses that write, change the schema, read files or manage transactions and databases; used to
 * refuse them in read-only mode (the application's own queries; console queries get the stricter
 * checks below as well). Procedure calls are refused except known read-only ones; subqueries
 * (CALL { }) are judged by their clauses. A property or parameter with such a name (`n.set`,
 * `$create`) is not a clause.
 */
const WRITE_CLAUSE =
  /(?<![.$])\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|ALTER|COPY|LOAD|INSTALL|UNINSTALL|UPDATE|ATTACH|IMPORT|EXPORT|CHECKPOINT|FOREACH|BEGIN|COMMIT|ROLLBACK|USE|COMMENT|TERMINATE)\b|(?<![.$])\bnextval\s*\(|(?<![.$])\bCALL\b(?!\s*(?:show_|table_info|current_setting|db\.(?:labels|relationshipTypes|propertyKeys|schema\.)|\{|\())/i;

/** True when the text (comments, string literals and quoted names ignored) contains a writing clause. */
export function looksLikeWrite(cypher: string): boolean {
  return WRITE_CLAUSE.test(blankLiterals(cypher));
}

// ---- layer 1: size and nesting of console queries -------------------------------------------------

export interface ShapeLimits {
  /** Characters of query text. */
  maxChars: number;
  /** Nesting of brackets of every kind and CASE … END together. */
  maxDepth: number;
  /** Nesting of CASE … END alone (Kùzu's parser takes exponential time in it: 16 deep ≈ 0.5 s, 50 deep > 30 s). */
  maxCaseDepth: number;
  /** Operators (arithmetic, comparison, boolean); a 9,990-term sum crashes Kùzu and 2,000 take Neo4j 3 s to plan. */
  maxOperators: number;
}

/** Far above any query an analyst types (the catalog's longest is about 700 characters, 6 deep). */
export const CONSOLE_SHAPE: ShapeLimits = { maxChars: 16_384, maxDepth: 24, maxCaseDepth: 8, maxOperators: 256 };

export interface Shape {
  chars: number;
  depth: number;
  caseDepth: number;
  operators: number;
}

const OPERATOR = /<>|<=|>=|=~|[-+*/%^<>=]|\b(?:AND|OR|XOR|NOT|IN|CONTAINS|STARTS|ENDS|IS)\b/gi;

/** How long, deep and operator-heavy the query is (literals and comments do not count). */
export function measureShape(cypher: string): Shape {
  const text = blankLiterals(cypher);
  let depth = 0;
  let maxDepth = 0;
  let caseDepth = 0;
  let maxCase = 0;
  // Brackets one by one, CASE and END as words: both open and close a level.
  const token = /[([{]|[)\]}]|\bCASE\b|\bEND\b/gi;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    const t = m[0].toUpperCase();
    if (t === 'CASE') {
      caseDepth++;
      depth++;
    } else if (t === 'END') {
      if (caseDepth > 0) caseDepth--;
      depth = Math.max(0, depth - 1);
    } else if ('([{'.includes(t)) depth++;
    else depth = Math.max(0, depth - 1);
    maxDepth = Math.max(maxDepth, depth);
    maxCase = Math.max(maxCase, caseDepth);
  }
  return { chars: cypher.length, depth: maxDepth, caseDepth: maxCase, operators: text.match(OPERATOR)?.length ?? 0 };
}

/** Refuses a console query over the size or nesting limits, with the figure and the limit. */
export function assertConsoleShape(cypher: string, limits: ShapeLimits = CONSOLE_SHAPE): void {
  const s = measureShape(cypher);
  if (s.caseDepth > limits.maxCaseDepth) throw new QueryLimitExceeded(`query too deeply nested: CASE inside CASE ${s.caseDepth} deep (at most ${limits.maxCaseDepth})`);
  if (s.depth > limits.maxDepth) throw new QueryLimitExceeded(`query too deeply nested: ${s.depth} levels of brackets or CASE (at most ${limits.maxDepth})`);
  if (s.operators > limits.maxOperators) throw new QueryLimitExceeded(`query too complex: ${s.operators} operators (at most ${limits.maxOperators})`);
  if (cypher.length > limits.maxChars) throw new QueryLimitExceeded(`query too long: ${cypher.length} characters (the console takes at most ${limits.maxChars})`);
}

// ---- layer 2: Kùzu statement kinds ------------------------------------------------------------

/** A console query on Kùzu starts with one of these (read queries only). */
const KUZU_FIRST_WORDS = new Set(['MATCH', 'OPTIONAL', 'UNWIND', 'WITH', 'RETURN', 'CALL']);

/** Words that make a statement something other than a read query, with the reason given. */
const KUZU_REFUSED: Record<string, string> = {
  CREATE: 'it writes',
  MERGE: 'it writes',
  SET: 'it writes',
  DELETE: 'it writes',
  DETACH: 'it writes or detaches a database',
  REMOVE: 'it writes',
  DROP: 'it changes the schema',
  ALTER: 'it changes the schema',
  COMMENT: 'COMMENT changes the schema',
  FOREACH: 'it writes',
  COPY: 'it reads or writes files',
  LOAD: 'it reads files or loads an extension',
  IMPORT: 'it reads files',
  EXPORT: 'it writes files',
  INSTALL: 'extension statements are not read queries',
  UNINSTALL: 'extension statements are not read queries',
  UPDATE: 'extension statements are not read queries',
  ATTACH: 'it attaches a database',
  USE: 'it switches databases',
  CHECKPOINT: 'transaction statements are not read queries',
  BEGIN: 'transaction statements are not read queries',
  COMMIT: 'transaction statements are not read queries',
  ROLLBACK: 'transaction statements are not read queries',
  SEQUENCE: 'sequences are not read queries',
  NEXTVAL: 'nextval() advances a sequence',
  CURRVAL: 'sequences are not read queries',
  MACRO: 'macros are not read queries',
  PROFILE: 'PROFILE is not offered in the console',
  EXPLAIN: 'EXPLAIN is not offered in the console',
};

/** Table functions a console query may CALL on Kùzu: catalog views that read nothing but the schema. */
export const KUZU_CALLABLE = new Set(['show_tables', 'table_info', 'show_connection', 'db_version', 'current_setting', 'show_functions']);

/** The words of the blanked text that stand where a clause or function name could. */
function clauseWords(text: string): { word: string; at: number }[] {
  const out: { word: string; at: number }[] = [];
  const re = /[A-Za-z_][A-Za-z0-9_]*/g;
  let previous = '';
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let b = m.index - 1;
    while (b >= 0 && /\s/.test(text[b]!)) b--;
    let a = m.index + m[0].length;
    while (a < text.length && /\s/.test(text[a]!)) a++;
    const asAlias = previous.toUpperCase() === 'AS' && b >= 0 && /[A-Za-z]/.test(text[b]!);
    previous = m[0];
    // n.set, $create, (:Label), -[:TYPE]-, {key: …}, and an alias after AS are names, not clauses.
    if ((b >= 0 && '.$:'.includes(text[b]!)) || asAlias) continue;
    if (text[a] === ':' && text[a + 1] !== ':') continue;
    out.push({ word: m[0], at: m.index });
  }
  return out;
}

/**
 * Why Kùzu would not be running a read query, or null: the statement must start like a read query,
 * contain no writing, file, extension, schema, sequence, database or transaction word, and CALL only
 * catalog table functions.
 */
export function kuzuStatementRefusal(cypher: string): string | null {
  const text = blankLiterals(cypher);
  const words = clauseWords(text);
  const first = words[0]?.word.toUpperCase();
  if (!first) return 'not a query';
  for (const { word, at } of words) {
    const up = word.toUpperCase();
    const why = KUZU_REFUSED[up];
    if (why) return `${up}: ${why}`;
    if (up === 'CALL') {
      const fn = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(text.slice(at + word.length));
      if (!fn || !KUZU_CALLABLE.has(fn[1]!.toLowerCase())) return `CALL ${fn?.[1] ?? text.slice(at + 4).trim().split(/\s/)[0] ?? ''}: only ${[...KUZU_CALLABLE].join(', ')} may be called`;
    }
  }
  if (!KUZU_FIRST_WORDS.has(first)) return `${first}: not a read query (a console query starts with MATCH, OPTIONAL MATCH, UNWIND, WITH, RETURN or CALL)`;
  return null;
}

// ---- layer 3: Kùzu plans ------------------------------------------------------------------------

/** Physical operators of a Kùzu read query (kuzu 0.11 PhysicalOperatorType); anything else is refused. */
export const KUZU_READ_OPERATORS = new Set([
  'AGGREGATE',
  'AGGREGATE_FINALIZE',
  'AGGREGATE_SCAN',
  'CROSS_PRODUCT',
  'DUMMY_SINK',
  'EMPTY_RESULT',
  'FILTER',
  'FLATTEN',
  'HASH_JOIN_BUILD',
  'HASH_JOIN_PROBE',
  'INTERSECT',
  'INTERSECT_BUILD',
  'LIMIT',
  'MULTIPLICITY_REDUCER',
  'ORDER_BY',
  'ORDER_BY_MERGE',
  'ORDER_BY_SCAN',
  'PATH_PROPERTY_PROBE',
  'PRIMARY_KEY_SCAN_NODE_TABLE',
  'PROJECTION',
  'RECURSIVE_EXTEND',
  'RESULT_COLLECTOR',
  'SCAN_NODE_TABLE',
  'SCAN_REL_TABLE',
  'SEMI_MASKER',
  'SKIP',
  'TABLE_FUNCTION_CALL',
  'TOP_K',
  'TOP_K_SCAN',
  'UNION_ALL_SCAN',
  'UNWIND',
]);

/** The operator names in the text of a Kùzu EXPLAIN (boxes titled `NAME[id]`). */
export function kuzuPlanOperators(explain: string): string[] {
  return [...explain.matchAll(/│\s*([A-Z][A-Z_]*)\[\d+\]\s*│/g)].map((m) => m[1]!);
}

/** Why the plan is not a read query's, or null. An empty plan (nothing recognised) is refused too. */
export function kuzuPlanRefusal(operators: string[]): string | null {
  if (operators.length === 0) return 'the database gave no plan for it';
  const bad = [...new Set(operators.filter((o) => !KUZU_READ_OPERATORS.has(o)))];
  return bad.length ? `its plan uses ${bad.join(', ')}, not a read operator` : null;
}

// ---- layer 2: Neo4j list iteration -----------------------------------------------------------

/** Elements a reduce() or comprehension may iterate over a literal range(); Neo4j takes about 0.2 s for 10⁷. */
export const MAX_ITERATED_RANGE = 10_000_000;

const LITERAL_RANGE = /^\s*range\s*\(\s*(-?\d+)\s*,\s*(-?\d+)\s*(?:,\s*(-?\d+)\s*)?\)\s*$/i;

function rangeSize(lo: number, hi: number, step: number): number {
  if (step === 0) return Infinity;
  return Math.max(0, Math.floor((hi - lo) / step) + 1);
}

/** Index of the bracket that closes the one at `open` (same kind counted with the others), or the text's end. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth === 0) return i;
  }
  return text.length;
}

/** The source list of an iteration construct: after its first top-level ` IN `, up to `|`, WHERE or the close. */
function iterationSource(text: string, open: number, close: number): string | null {
  const body = text.slice(open + 1, close);
  let depth = 0;
  let start = -1;
  const re = /[([{]|[)\]}]|\bIN\b|\||\bWHERE\b/gi;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const t = m[0].toUpperCase();
    if ('([{'.includes(t)) depth++;
    else if (')]}'.includes(t)) depth--;
    else if (depth === 0 && t === 'IN' && start < 0) start = m.index + 2;
    else if (depth === 0 && start >= 0 && (t === '|' || t === 'WHERE')) return body.slice(start, m.index);
  }
  return start >= 0 ? body.slice(start) : null;
}

/**
 * Why Neo4j could not stop the query at its time limit, or null. Neo4j checks for termination
 * between rows, not inside one expression, so a reduce() or list comprehension over a huge list
 * runs to its end whatever the limit (tried: 36 s at 100 % CPU under a 3 s limit). Refused: an
 * iteration inside another (the work multiplies), iteration over a range() whose bounds are not
 * literal numbers, or over more than MAX_ITERATED_RANGE elements. Rows (UNWIND range(…)) are fine.
 */
export function neo4jIterationRefusal(cypher: string): string | null {
  const text = blankLiterals(cypher);
  const spans: { open: number; close: number; source: string | null }[] = [];
  const fn = /\b(?:reduce|any|all|none|single)\s*\(/gi;
  for (let m = fn.exec(text); m; m = fn.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = closing(text, open);
    spans.push({ open, close, source: iterationSource(text, open, close) });
  }
  const comp = /\[\s*[A-Za-z_][A-Za-z0-9_]*\s+IN\b/gi;
  for (let m = comp.exec(text); m; m = comp.exec(text)) {
    const close = closing(text, m.index);
    spans.push({ open: m.index, close, source: iterationSource(text, m.index, close) });
  }
  // reduce(s = …, x IN … | s + s): a step that uses the accumulator twice doubles it every element.
  const red = /\breduce\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/gi;
  for (let m = red.exec(text); m; m = red.exec(text)) {
    const open = text.indexOf('(', m.index);
    const body = text.slice(open + 1, closing(text, open));
    const bar = body.indexOf('|');
    const uses = bar < 0 ? 0 : (body.slice(bar + 1).match(new RegExp(`(?<![.$\\w])${m[1]}\\b`, 'g'))?.length ?? 0);
    if (uses > 1) return `reduce() whose step uses its accumulator ${m[1]} ${uses} times: it can grow exponentially, and Neo4j cannot stop it at the time limit`;
  }
  for (const a of spans) {
    for (const b of spans) {
      if (a !== b && b.open > a.open && b.close <= a.close) return 'a list iteration (reduce, any/all/none/single or a list comprehension) inside another: Neo4j cannot stop it at the time limit';
    }
    const src = a.source ?? '';
    const lit = LITERAL_RANGE.exec(src);
    if (lit) {
      const size = rangeSize(Number(lit[1]), Number(lit[2]), lit[3] === undefined ? 1 : Number(lit[3]));
      if (size > MAX_ITERATED_RANGE) return `iterating over range() of ${size} elements in one expression (at most ${MAX_ITERATED_RANGE}): Neo4j cannot stop it at the time limit; UNWIND the range instead`;
    } else if (/\brange\s*\(/i.test(src)) {
      return 'iterating over a range() whose bounds are not literal numbers: Neo4j cannot stop it at the time limit; UNWIND the range instead';
    }
  }
  // Outside iteration, a range() that an expression materializes (reverse(range(…)), toString(range(…))) is one step too.
  const anyRange = /(\bUNWIND\s+)?\brange\s*\(/gi;
  for (let m = anyRange.exec(text); m; m = anyRange.exec(text)) {
    if (m[1]) continue;
    const open = m.index + m[0].length - 1;
    const call = text.slice(m.index, closing(text, open) + 1);
    const lit = LITERAL_RANGE.exec(call);
    if (!lit) continue; // computed bounds outside iteration: only its size() or UNWIND is cheap, and iteration was checked above
    const size = rangeSize(Number(lit[1]), Number(lit[2]), lit[3] === undefined ? 1 : Number(lit[3]));
    if (size > MAX_ITERATED_RANGE) return `range() of ${size} elements in an expression (at most ${MAX_ITERATED_RANGE}): Neo4j cannot stop it at the time limit; UNWIND the range instead`;
  }
  return null;
}

// ---- layer 3: Neo4j plans ---------------------------------------------------------------------

/** A plan as the driver gives it (summary.plan of an EXPLAIN). */
export interface Neo4jPlan {
  operatorType: string;
  arguments?: Record<string, unknown>;
  children: Neo4jPlan[];
}

/**
 * Operators of read queries in Neo4j 5 (Community and Enterprise names alike); anything else —
 * LoadCSV, ProcedureCall outside NEO4J_READ_PROCEDURES, Show…/Terminate… commands,
 * AdministrationCommand, every writing operator — is refused.
 */
const NEO4J_READ_OPERATORS = new Set([
  'AllNodesScan',
  'AntiConditionalApply',
  'AntiSemiApply',
  'Anti',
  'Apply',
  'Argument',
  'ArgumentTracker',
  'AssertSameNode',
  'AssertSameRelationship',
  'CacheProperties',
  'CartesianProduct',
  'ConditionalApply',
  'Distinct',
  'Eager',
  'EagerAggregation',
  'EmptyResult',
  'EmptyRow',
  'ExhaustiveLimit',
  'Expand(All)',
  'Expand(Into)',
  'Filter',
  'IntersectionNodeByLabelsScan',
  'LetAntiSemiApply',
  'LetSelectOrAntiSemiApply',
  'LetSelectOrSemiApply',
  'LetSemiApply',
  'Limit',
  'MultiNodeIndexSeek',
  'NodeByElementIdSeek',
  'NodeByIdSeek',
  'NodeByLabelScan',
  'NodeCountFromCountStore',
  'NodeHashJoin',
  'NodeLeftOuterHashJoin',
  'NodeRightOuterHashJoin',
  'NullifyMetadata',
  'Optional',
  'OptionalExpand(All)',
  'OptionalExpand(Into)',
  'OrderedAggregation',
  'OrderedDistinct',
  'PartialSort',
  'PartialTop',
  'ProduceResults',
  'ProjectEndpoints',
  'Projection',
  'RelationshipCountFromCountStore',
  'Repeat(Trail)',
  'RollUpApply',
  'SelectOrAntiSemiApply',
  'SelectOrSemiApply',
  'SemiApply',
  'ShortestPath',
  'Skip',
  'Sort',
  'StatefulShortestPath(All)',
  'StatefulShortestPath(Into)',
  'SubtractionNodeByLabelsScan',
  'Top',
  'Trail',
  'TriadicBuild',
  'TriadicFilter',
  'TriadicSelection',
  'Union',
  'UnionNodeByLabelsScan',
  'Unwind',
  'ValueHashJoin',
  'VarLengthExpand(All)',
  'VarLengthExpand(Into)',
  'VarLengthExpand(Pruning)',
  'VarLengthExpand(Pruning,BFS)',
  'BFSPruningVarExpand(All)',
  'BFSPruningVarExpand(Into)',
]);

/** Index and relationship scans and seeks: read operators by construction of their names. */
const NEO4J_READ_OPERATOR_PATTERN =
  /^(?:Node(?:Unique)?Index(?:Seek|SeekByRange|Scan|ContainsScan|EndsWithScan)|(?:Directed|Undirected)(?:AllRelationshipsScan|RelationshipTypeScan|UnionRelationshipTypesScan|RelationshipBy(?:Element)?IdSeek|Relationship(?:Unique)?Index(?:Seek|SeekByRange|Scan|ContainsScan|EndsWithScan)))$/;

/** Procedures a console query may call on Neo4j: they read the schema's names, nothing else. */
export const NEO4J_READ_PROCEDURES = new Set([
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
]);

function planOperators(plan: Neo4jPlan, out: { op: string; details: string }[] = []): { op: string; details: string }[] {
  const details = plan.arguments?.Details ?? plan.arguments?.details;
  out.push({ op: plan.operatorType.replace(/@.*$/, ''), details: typeof details === 'string' ? details : '' });
  for (const c of plan.children ?? []) planOperators(c, out);
  return out;
}

/**
 * Why Neo4j's plan is not a read query's, or null: the query type must be 'r' (not 'rw', 'w', or
 * 's' for schema and dbms work), every operator a read operator, every procedure allow-listed.
 */
export function neo4jPlanRefusal(queryType: string | undefined, plan: Neo4jPlan | null | undefined): string | null {
  if (!plan) return 'the database gave no plan for it';
  for (const { op, details } of planOperators(plan)) {
    if (op === 'ProcedureCall') {
      const name = /^\s*([A-Za-z_][\w.]*)\s*\(/.exec(details)?.[1];
      if (!name || !NEO4J_READ_PROCEDURES.has(name)) return `it calls the procedure ${name ?? '(unknown)'}; only ${[...NEO4J_READ_PROCEDURES].join(', ')} may be called`;
      continue;
    }
    if (op === 'LoadCSV') return 'LOAD CSV reads files and URLs';
    if (op === 'AdministrationCommand') return 'administration commands are not read queries';
    if (!NEO4J_READ_OPERATORS.has(op) && !NEO4J_READ_OPERATOR_PATTERN.test(op)) return `its plan uses ${op}, not a read operator`;
  }
  if (queryType !== 'r') return `the database classes it as ${queryType === 'rw' || queryType === 'w' ? 'a write' : queryType === 's' ? 'schema or system work' : `'${queryType}'`}, not a read`;
  return null;
}

/**
 * The `$names` a query uses that `params` does not bind. Both stores would otherwise differ:
 * Neo4j refuses such a query, Kùzu runs it with the parameter unset (so `p.name = $name` matched
 * every row). String literals and comments are ignored (`'$5'` is text, not a parameter).
 */
export function unboundParameters(cypher: string, params: Record<string, unknown>): string[] {
  const used = new Set<string>();
  for (const m of blankLiterals(cypher).matchAll(/\$([A-Za-z_][A-Za-z0-9_]*|\d+)/g)) used.add(m[1]!);
  return [...used].filter((name) => !Object.prototype.hasOwnProperty.call(params, name));
}

/** The one-line refusal for unbound parameters (the console and `npm run cypher` say the same). */
export function unboundMessage(names: string[], how: string): string {
  const list = names.map((n) => `$${n}`).join(', ');
  const example = names.map((n) => `"${n}": …`).join(', ');
  return `${names.length === 1 ? 'parameter' : 'parameters'} ${list} ${names.length === 1 ? 'is' : 'are'} not bound: ${how.replace('{example}', `{${example}}`)}`;
}

/** Refuses a query that names a parameter the call does not bind (Kùzu would run it with the parameter unset). */
export function assertBound(cypher: string, params: Record<string, unknown>): void {
  const unbound = unboundParameters(cypher, params);
  if (unbound.length) throw new QueryRefused(unboundMessage(unbound, 'bind a value for each'));
}
