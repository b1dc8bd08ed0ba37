import { describe, expect, it } from 'vitest';
import { QueryLimitExceeded } from '../../graph/query-errors.js';
import {
  assertConsoleShape,
  blankLiterals,
  kuzuPlanOperators,
  kuzuPlanRefusal,
  kuzuStatementRefusal,
  looksLikeWrite,
  measureShape,
  neo4jIterationRefusal,
  neo4jPlanRefusal,
  type Neo4jPlan,
} from '../../graph/query-guard.js';

const nested = (open: string, close: string, n: number) => `RETURN ${open.repeat(n)}1${close.repeat(n)} AS x`;

describe('blankLiterals', () => {
  it('ends a // comment at a carriage return as Neo4j does, so the clause after it is seen', () => {
    const q = '//x\rLOAD CSV FROM "file:///etc/passwd" AS l RETURN l';
    expect(blankLiterals(q)).toContain('LOAD CSV');
    expect(looksLikeWrite(q)).toBe(true);
  });

  it('ends a // comment at a line feed and keeps both line breaks', () => {
    expect(blankLiterals('RETURN 1 // c\r\nMATCH')).toBe('RETURN 1     \r\nMATCH');
  });

  it('does not end a // comment at other Unicode line separators (Neo4j does not either)', () => {
    // Ending it there would make the quote after it open a string that hides the next line.
    expect(blankLiterals("//a\u2028'\nCREATE (n)")).toContain('CREATE');
  });

  it('blanks strings with escaped quotes and quoted names', () => {
    expect(blankLiterals("RETURN 'it\\'s // x' AS `a//b`")).toMatch(/^RETURN +AS +$/);
  });
});

describe('console shape limits', () => {
  it('refuses a query nested 1,000 brackets deep, of every kind, with the depth and the limit', () => {
    for (const [o, c] of [['[', ']'], ['(', ')'], ['{a:', '}']] as const) {
      const err = (() => {
        try {
          assertConsoleShape(nested(o, c, 1000));
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(err).toBeInstanceOf(QueryLimitExceeded);
      expect((err as Error).message).toMatch(/nested: 1000 levels .* \(at most 24\)/);
    }
  });

  it('refuses 900 nested CASE, a 9,990-term sum and 20,000 characters; accepts the everyday query', () => {
    const cases = `RETURN ${'CASE WHEN true THEN '.repeat(900)}1${' END'.repeat(900)} AS x`;
    expect(() => assertConsoleShape(cases)).toThrow(/CASE inside CASE 900 deep/);
    expect(() => assertConsoleShape(`RETURN ${Array(9990).fill('1').join('+')} AS x`)).toThrow(/9989 operators/);
    expect(() => assertConsoleShape(`RETURN '${'x'.repeat(20_000)}'`)).toThrow(/query too long: 20009 characters/);
    const everyday = 'MATCH (p:Person)-[r:CHAIRED|ATTENDED]->(c:Conference) WHERE c.date >= "2024-01-01" AND (p.name CONTAINS "Hòa" OR p.scope = "national") RETURN p.name, count(c) AS n ORDER BY n DESC LIMIT 20';
    expect(() => assertConsoleShape(everyday)).not.toThrow();
  });

  it('does not count brackets and keywords inside strings', () => {
    expect(measureShape(`RETURN '${'(['.repeat(500)} CASE' AS s`)).toMatchObject({ depth: 0, caseDepth: 0 });
  });
});

describe('Kùzu statement kinds', () => {
  it('refuses extension, COMMENT, sequence, file, database and transaction statements', () => {
    const refused: [string, RegExp][] = [
      ['UPDATE json', /^UPDATE: extension/],
      ['UNINSTALL json', /^UNINSTALL: extension/],
      ['INSTALL httpfs', /^INSTALL: extension/],
      ['LOAD EXTENSION json', /^LOAD/],
      ['COMMENT ON TABLE Person IS "x"', /^COMMENT/],
      ["RETURN nextval('s')", /^NEXTVAL/],
      ['CREATE SEQUENCE s', /^CREATE/],
      ["LOAD FROM '/etc/passwd' RETURN *", /^LOAD: it reads files/],
      ["COPY Person FROM '/tmp/p.csv'", /^COPY/],
      ["EXPORT DATABASE '/tmp/x'", /^EXPORT/],
      ["ATTACH '/tmp/x' AS y (dbtype kuzu)", /^ATTACH/],
      ['USE y', /^USE/],
      ['CHECKPOINT', /^CHECKPOINT/],
      ['BEGIN TRANSACTION', /^BEGIN/],
      ['CALL threads=1', /^CALL threads/],
      ["MATCH (n) CALL create_fts_index('Person', 'i', ['name']) RETURN n", /^CALL create_fts_index/],
      ['PROFILE MATCH (n) RETURN n', /^PROFILE/],
      ['SHOW TABLES', /^SHOW: not a read query/],
    ];
    for (const [q, why] of refused) expect(kuzuStatementRefusal(q), q).toMatch(why);
  });

  it('accepts read queries, catalog calls, and keywords used as names', () => {
    const fine = [
      'MATCH (p:Person) RETURN p.name',
      'OPTIONAL MATCH (p:Person)-[:HELD]->(x) RETURN x',
      'UNWIND [1, 2] AS x RETURN x',
      'CALL show_tables() RETURN *',
      "CALL table_info('Person') RETURN *",
      'MATCH (n) RETURN n.set, n.update AS comment',
      "RETURN 'CREATE; UPDATE json' AS s, {load: 1} AS m",
    ];
    for (const q of fine) expect(kuzuStatementRefusal(q), q).toBeNull();
  });

  it('reads operator names from an EXPLAIN and accepts only read operators', () => {
    const box = (name: string) => `┌──┐\n│     ${name}[1]     │\n└──┘`;
    expect(kuzuPlanOperators([box('RESULT_COLLECTOR'), box('PROJECTION'), box('SCAN_NODE_TABLE')].join('\n'))).toEqual(['RESULT_COLLECTOR', 'PROJECTION', 'SCAN_NODE_TABLE']);
    expect(kuzuPlanRefusal(['RESULT_COLLECTOR', 'PROJECTION', 'SCAN_NODE_TABLE'])).toBeNull();
    expect(kuzuPlanRefusal(['INSTALL_EXTENSION'])).toMatch(/INSTALL_EXTENSION, not a read operator/);
    expect(kuzuPlanRefusal(['RESULT_COLLECTOR', 'TRANSACTION'])).toMatch(/TRANSACTION/);
    expect(kuzuPlanRefusal([])).toMatch(/no plan/);
  });
});

describe('Neo4j plans', () => {
  const plan = (...ops: [string, string?][]): Neo4jPlan => {
    let node: Neo4jPlan | null = null;
    for (const [op, details] of ops.reverse()) node = { operatorType: `${op}@neo4j`, arguments: details ? { Details: details } : {}, children: node ? [node] : [] };
    return node!;
  };

  it('accepts a read plan and the schema-name procedures', () => {
    expect(neo4jPlanRefusal('r', plan(['ProduceResults'], ['Limit'], ['Expand(All)'], ['NodeIndexSeek']))).toBeNull();
    expect(neo4jPlanRefusal('r', plan(['ProduceResults'], ['ProcedureCall', 'db.labels() :: (label :: STRING)']))).toBeNull();
    expect(neo4jPlanRefusal('r', plan(['ProduceResults'], ['DirectedRelationshipTypeScan']))).toBeNull();
  });

  it('refuses LOAD CSV, other procedures, SHOW and TERMINATE commands, administration and writes', () => {
    expect(neo4jPlanRefusal('r', plan(['ProduceResults'], ['LoadCSV']))).toMatch(/LOAD CSV/);
    expect(neo4jPlanRefusal('r', plan(['ProduceResults'], ['ProcedureCall', 'db.stats.collect($autostring_0) :: (section :: STRING)']))).toMatch(/procedure db\.stats\.collect/);
    expect(neo4jPlanRefusal('s', plan(['ProduceResults'], ['ProcedureCall', 'db.clearQueryCaches() :: (value :: STRING)']))).toMatch(/db\.clearQueryCaches/);
    expect(neo4jPlanRefusal('r', plan(['ProduceResults'], ['ShowSettings', 'allSettings']))).toMatch(/ShowSettings/);
    expect(neo4jPlanRefusal('r', plan(['ProduceResults'], ['TerminateTransactions']))).toMatch(/TerminateTransactions/);
    expect(neo4jPlanRefusal('s', { operatorType: 'AdministrationCommand@system', children: [] })).toMatch(/administration/);
    expect(neo4jPlanRefusal('rw', plan(['ProduceResults'], ['Create']))).toMatch(/Create/);
    // A read plan the server nonetheless classes as something else is refused by its type.
    expect(neo4jPlanRefusal('s', plan(['ProduceResults'], ['AllNodesScan']))).toMatch(/schema or system/);
  });
});

describe('Neo4j list iteration budget', () => {
  it('refuses reduce() over a huge literal range, computed bounds and nested iteration', () => {
    expect(neo4jIterationRefusal('RETURN reduce(s = 0, x IN range(1, 2000000000) | s + x) AS v')).toMatch(/2000000000 elements/);
    expect(neo4jIterationRefusal("RETURN reduce(s = 0, x IN range(1, toInteger('2000000000')) | s + x)")).toMatch(/not literal/);
    expect(neo4jIterationRefusal('MATCH (n) WITH collect(n) AS ns RETURN reduce(s = 0, a IN ns | s + size([b IN ns | b]))')).toMatch(/inside another/);
    expect(neo4jIterationRefusal('RETURN size([x IN range(1, 100000000) WHERE x % 2 = 0]) AS v')).toMatch(/100000000 elements/);
    expect(neo4jIterationRefusal('RETURN last(reverse(range(1, 1000000000))) AS v')).toMatch(/range\(\) of 1000000000 elements/);
    expect(neo4jIterationRefusal('RETURN size(reduce(s = "x", i IN range(1, 31) | s + s)) AS n')).toMatch(/accumulator s 2 times/);
  });

  it('accepts rows over a huge range, and iteration over lists of data or small ranges', () => {
    expect(neo4jIterationRefusal('UNWIND range(1, 1000000000) AS x RETURN count(x)')).toBeNull();
    expect(neo4jIterationRefusal('MATCH (p:Person) RETURN [x IN p.aliases | toLower(x)] AS a, reduce(s = 0, x IN range(1, 100) | s + x) AS t')).toBeNull();
    expect(neo4jIterationRefusal('MATCH (p:Person) WHERE any(a IN p.aliases WHERE a CONTAINS "x") RETURN p')).toBeNull();
    expect(neo4jIterationRefusal('RETURN reduce(acc = 0, s IN [1, 2] | acc + s * s) AS v')).toBeNull();
  });
});
