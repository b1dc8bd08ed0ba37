/**
 * How the embedded store keeps an edge's list properties (`sources`, `evidence`, `after`): as one
 * STRING, MARK then the items joined by SEP, not as a STRING[] column. Kùzu 0.11.3 rewrites a
 * relationship table's list columns across the whole storage group whenever new edges land in it,
 * so a COMMIT cost that grew with the store (1,800 new ORGANIZED edges on 20,000 reports: 2.3 s as
 * lists, 0.08 s as one STRING). The store turns every marked string it returns back into the list,
 * so reads through the store, the API and the console give lists on both stores; Cypher that works
 * on the list inside a query uses `kuzuEdgeList(expr)` (README: "Edge lists on the embedded store").
 * (No Kùzu macro for it: 0.11.3 cannot read back a stored macro that holds a lambda.)
 */

/** Starts every encoded list, so a returned value is known for one whatever the query projected. */
export const EDGE_LIST_MARK = '\u0002';
/**
 * Between items (an item holding it has it turned into a space): a character people can type in
 * Cypher (Kùzu's string literals take no escapes), and one the lists' items (ids, evidence
 * pointers, JSON of those) never hold.
 */
export const EDGE_LIST_SEP = '|';

/** Items joined by `sep` (`sep` inside an item becomes a space, empty items dropped): the embedded store's one way of writing a list as text. */
export const joinItems = (v: unknown[], sep: string): string =>
  v
    .map((x) => String(x).replaceAll(sep, ' '))
    .filter((x) => x !== '')
    .join(sep);

/** A list as its stored string. */
export function encodeEdgeList(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return EDGE_LIST_MARK + joinItems(Array.isArray(v) ? v : [v], EDGE_LIST_SEP);
}

/** The list a stored string holds, or null when the string is not an encoded list. */
export function decodeEdgeList(s: string): string[] | null {
  if (!s.startsWith(EDGE_LIST_MARK)) return null;
  const body = s.slice(EDGE_LIST_MARK.length);
  return body === '' ? [] : body.split(EDGE_LIST_SEP);
}

/**
 * Kùzu Cypher turning an encoded edge list back into a list inside a query (`x IN …`, `size`).
 * No CASE, and a constant length for substring: Kùzu 0.11.3 gets both wrong over relationship
 * patterns (with `size(r.sources)` as the length, some rows came back ''). Items are never empty,
 * so filtering out '' is what makes the empty list [].
 */
export const kuzuEdgeList = (expr: string): string => `list_filter(string_split(substring(${expr}, 2, 2147483647), '${EDGE_LIST_SEP}'), x -> x <> '')`;
