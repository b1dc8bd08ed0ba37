import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inShard, listShard, parseShard, readShard, shardKey, shardOf, type Shard } from '../../ingest/shard.js';
import { readSources } from '../../ingest/read.js';

const keys = Array.from({ length: 60_000 }, (_, i) => `${String(Math.floor(i / 1000)).padStart(4, '0')}/${String(i).padStart(7, '0')}.txt`);

describe('parseShard', () => {
  it('reads i/n counting shards from 1', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard(' 10 / 10 ')).toEqual({ index: 10, count: 10 });
  });

  it('refuses malformed and out-of-range shards with a one-line reason', () => {
    expect(() => parseShard('0/3')).toThrow(/invalid --shard '0\/3': i must be between 1 and 3/);
    expect(() => parseShard('4/3')).toThrow(/i must be between 1 and 3/);
    expect(() => parseShard('1/0')).toThrow(/n must be at least 1/);
    expect(() => parseShard('1-3')).toThrow(/invalid --shard '1-3': expected i\/n/);
    expect(() => parseShard('a/b')).toThrow(/expected i\/n/);
    expect(() => parseShard('1.5/3')).toThrow(/expected i\/n/);
    expect(() => parseShard('')).toThrow(/expected i\/n/);
    for (const bad of ['0/3', '1/0', 'x']) expect(() => parseShard(bad)).toThrow(/^[^\n]+$/);
  });
});

describe('shard membership', () => {
  it('puts every file in exactly one of n shards (disjoint and complete)', () => {
    for (const n of [1, 2, 3, 7]) {
      const shards: Shard[] = Array.from({ length: n }, (_, i) => ({ index: i + 1, count: n }));
      const takers = keys.slice(0, 5000).map((k) => shards.filter((s) => inShard(s, '/archive', `/archive/${k}`)).length);
      expect(takers.filter((t) => t !== 1)).toEqual([]);
    }
  });

  it('balances shards within 3% of an equal share', () => {
    for (const n of [2, 3, 4, 10]) {
      const counts = new Array<number>(n).fill(0);
      for (const k of keys) counts[shardOf(k, n) - 1]!++;
      const share = keys.length / n;
      for (const c of counts) expect(Math.abs(c - share) / share).toBeLessThan(0.03);
    }
  });

  it('is stable: fixed keys land in the same shards on every machine and run', () => {
    // sha256 of the key, first 48 bits, modulo n: these values may never change, or shards already
    // loaded by one version would overlap shards loaded by the next.
    expect(keys.slice(0, 8).map((k) => shardOf(k, 4))).toEqual(GOLDEN);
    expect(shardOf('Hồ sơ/báo cáo.txt', 1000)).toBe(shardOf('Hồ sơ/báo cáo.txt'.normalize('NFC'), 1000));
  });

  it('keys a file by its path relative to the named folder, whatever the mount point', () => {
    expect(shardKey('/mnt/a/archive', '/mnt/a/archive/2020/x.txt')).toBe('2020/x.txt');
    expect(shardKey('archive/', 'archive/2020/x.txt')).toBe('2020/x.txt');
    expect(shardKey('/srv/archive', '/srv/archive/2020/x.txt')).toBe(shardKey('./archive', 'archive/2020/x.txt'));
    expect(shardKey('/srv/one.txt', '/srv/one.txt')).toBe('one.txt');
    // macOS stores names decomposed (NFD); the key is NFC so it matches Linux.
    expect(shardKey('/a', '/a/Hồ sơ.txt'.normalize('NFD'))).toBe('Hồ sơ.txt'.normalize('NFC'));
  });
});

// Computed independently (Python hashlib: int.from_bytes(sha256(key)[:6], "big") % 4 + 1).
const GOLDEN = [1, 1, 2, 2, 4, 4, 4, 3];

describe('readShard', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shard-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (let i = 0; i < 60; i++) {
    mkdirSync(join(dir, String(i % 3)), { recursive: true });
    writeFileSync(join(dir, String(i % 3), `r${i}.txt`), `Báo cáo số ${i} về công tác dân vận của tỉnh.`);
  }

  it('reads a disjoint share per shard, and all shards together read every file once', async () => {
    const all: string[] = [];
    for await (const s of readSources([dir])) all.push(s.file);
    const seen: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const mine: string[] = [];
      for await (const s of readShard([dir], { index: i, count: 3 })) {
        expect(s.ok).toBe(true);
        mine.push(s.file);
      }
      expect(mine.length).toBeGreaterThan(5);
      seen.push(...mine);
    }
    expect(seen.sort()).toEqual([...all].sort());
    expect(new Set(seen).size).toBe(60);
  });

  it('lists the same share without reading it', async () => {
    for (let i = 1; i <= 3; i++) {
      const listed: string[] = [];
      for await (const f of listShard([dir], { index: i, count: 3 })) listed.push(f.file);
      const read: string[] = [];
      for await (const s of readShard([dir], { index: i, count: 3 })) read.push(s.file);
      expect(listed).toEqual(read);
    }
  });

  it('reports a missing folder in every shard', async () => {
    const got = [];
    for await (const s of readShard([join(dir, 'nope')], { index: 2, count: 3 })) got.push(s);
    expect(got).toEqual([{ ok: false, file: join(dir, 'nope'), reason: 'no such file or folder' }]);
  });
});
