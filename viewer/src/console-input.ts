/**
 * What the console sends: the query text without its parameter lines, and the parameters from
 * the JSON box plus any `:param name => value` / `:params {…}` lines (Neo4j Browser's spelling;
 * lines win over the box). Pure, so it is tested without a browser.
 */

export type ConsoleInput = { ok: true; query: string; params: Record<string, unknown> } | { ok: false; error: string };

/** A parameter value as typed: JSON ('5', '"x"', '[1,2]'), a single-quoted string, else the text itself. */
export function parseValue(raw: string): unknown {
  const t = raw.trim().replace(/;$/, '').trim();
  if (/^'.*'$/s.test(t)) return t.slice(1, -1).replace(/\\'/g, "'");
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return t;
  }
}

export function parseConsoleInput(text: string, paramsBox: string): ConsoleInput {
  let params: Record<string, unknown> = {};
  const box = paramsBox.trim();
  if (box) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(box);
    } catch (e) {
      return { ok: false, error: `parameters: not JSON (${(e as Error).message}); write an object such as {"name": "Nguyễn Văn An"}` };
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, error: 'parameters: expected a JSON object such as {"name": "…"}' };
    params = { ...(parsed as Record<string, unknown>) };
  }
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    const one = /^:param\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?:=>|:|=)\s*(.*)$/s.exec(t);
    const many = /^:params\s+(\{.*\})\s*;?$/s.exec(t);
    if (one) params[one[1]!] = parseValue(one[2]!);
    else if (many) {
      try {
        const obj = JSON.parse(many[1]!) as unknown;
        if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new Error('expected an object');
        Object.assign(params, obj);
      } catch (e) {
        return { ok: false, error: `:params: ${(e as Error).message}; write :params {"name": "…"}` };
      }
    } else if (/^:param/.test(t)) return { ok: false, error: `cannot read "${t}": write :param name => value` };
    else lines.push(line);
  }
  return { ok: true, query: lines.join('\n').trim(), params };
}

/** RFC 4180 CSV of a result table (cells that are lists or maps as JSON). */
export function tableCsv(columns: string[], rows: unknown[][]): string {
  const cell = (v: unknown): string => {
    const t = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return [columns, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
