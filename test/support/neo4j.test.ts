import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neo4jForTests } from './neo4j.js';

const server = await neo4jForTests();
const skip = 'skip' in server ? server.skip : undefined;
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)('Neo4j test server', () => {
  let driver: Driver;
  const conn = server as Exclude<typeof server, { skip: string }>;

  beforeAll(async () => {
    driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password));
    await driver.verifyConnectivity();
  });

  afterAll(async () => {
    await driver?.close();
  });

  it('answers RETURN 1', async () => {
    const { records } = await driver.executeQuery('RETURN 1 AS x', {}, { database: conn.database });
    expect(records).toHaveLength(1);
    expect(neo4j.integer.toNumber(records[0]!.get('x'))).toBe(1);
  });

  it('is Neo4j 5.26 Community', async () => {
    const { records } = await driver.executeQuery(
      'CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition',
      {},
      { database: conn.database },
    );
    const kernel = records.find((r) => r.get('name') === 'Neo4j Kernel') ?? records[0];
    expect(kernel).toBeDefined();
    const versions = kernel!.get('versions') as string[];
    expect(versions[0]).toMatch(/^5\.26/);
    expect(kernel!.get('edition')).toBe('community');
  });
});
