import { describe, expect, it } from 'vitest';
import { unboundParameters } from '../../graph/query-guard.js';
import { parseConsoleInput, parseValue, tableCsv } from '../../viewer/src/console-input.js';

describe('console input', () => {
  it('takes parameters from the JSON box', () => {
    expect(parseConsoleInput('MATCH (p) WHERE p.name = $name RETURN p', '{"name": "Giáp Thị Hiền", "n": 3}')).toEqual({
      ok: true,
      query: 'MATCH (p) WHERE p.name = $name RETURN p',
      params: { name: 'Giáp Thị Hiền', n: 3 },
    });
  });

  it('reads :param and :params lines out of the query, over the box', () => {
    const r = parseConsoleInput(":param name => 'Kha Văn Lực'\n:params {\"limit\": 5}\n:param ids => [1, 2]\nMATCH (p) RETURN p LIMIT $limit", '{"name": "other", "x": true}');
    expect(r).toEqual({ ok: true, query: 'MATCH (p) RETURN p LIMIT $limit', params: { name: 'Kha Văn Lực', limit: 5, ids: [1, 2], x: true } });
  });

  it('refuses a box that is not a JSON object, and a :param line it cannot read, with a way to write it', () => {
    expect(parseConsoleInput('RETURN 1', '{name: 1}')).toMatchObject({ ok: false, error: expect.stringMatching(/^parameters: not JSON .*\{"name": "Nguyễn Văn An"\}/) });
    expect(parseConsoleInput('RETURN 1', '[1]')).toMatchObject({ ok: false, error: expect.stringMatching(/expected a JSON object/) });
    expect(parseConsoleInput(':param 1x => 2\nRETURN 1', '')).toMatchObject({ ok: false, error: expect.stringMatching(/write :param name => value/) });
  });

  it('reads a value as JSON, a single-quoted string, or else as the text typed', () => {
    expect(parseValue('42')).toBe(42);
    expect(parseValue('"a"')).toBe('a');
    expect(parseValue("'it\\'s'")).toBe("it's");
    expect(parseValue('Quách Minh Khôi')).toBe('Quách Minh Khôi');
  });

  it('writes the result table as CSV, quoting commas, quotes and line breaks', () => {
    expect(tableCsv(['a', 'b'], [['x, y', 'say "hi"'], [null, [1, 2]], ['two\nlines', 3]])).toBe('a,b\r\n"x, y","say ""hi"""\r\n,"[1,2]"\r\n"two\nlines",3\r\n');
  });
});

describe('unbound parameters', () => {
  it('names each $parameter the query uses and the values do not bind, ignoring strings and comments', () => {
    expect(unboundParameters('MATCH (p) WHERE p.name = $name AND p.x = $x RETURN $name', { x: 1 })).toEqual(['name']);
    expect(unboundParameters("RETURN '$price' AS a // $comment\n, $0 AS b", {})).toEqual(['0']);
    expect(unboundParameters('RETURN $a', { a: null })).toEqual([]);
  });
});
