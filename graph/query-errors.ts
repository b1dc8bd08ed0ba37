/**
 * Why a query did not run or did not finish. Both stores throw these; the viewer's API turns each
 * into a 400 with the message as its reason. A module of its own so the query guard and store.ts
 * can both use them without importing each other.
 */

/** Raised when a read-only query tries to write, or a query is otherwise refused before running. */
export class QueryRefused extends Error {
  override name = 'QueryRefused';
}

/** A query stopped at its time limit (both stores throw it; never retried). */
export class QueryTimeout extends Error {
  override name = 'QueryTimeout';
}

/**
 * A console query refused or stopped for its size or what it cost, not for what it does: too long,
 * nested too deep, a result or memory use over the limit, or it crashed the isolated process
 * that ran it.
 */
export class QueryLimitExceeded extends Error {
  override name = 'QueryLimitExceeded';
}
