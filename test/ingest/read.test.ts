import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile, mkdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode, readCapped, readSources, type Source } from '../../ingest/read.js';

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
/** Windows-1258 keeps tone marks as combining characters: encode the way a legacy editor would. */
function windows1258(s: string): Buffer {
  const out = [...s.normalize('NFC')]
    .map((ch) => {
      const d = ch.normalize('NFD');
      return d.replace(TONES, '').normalize('NFC') + (d.match(TONES)?.join('') ?? '');
    })
    .join('');
  return iconv.encode(out, 'windows1258');
}

const SAMPLE = 'Sáng 5/9, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị. Đồng chí Nguyễn Thị Hoa, Phó Bí thư Tỉnh ủy phát biểu chỉ đạo.';

describe('decode', () => {
  it('reads UTF-8 and UTF-16 with a byte-order mark', () => {
    expect(decode(Buffer.from(SAMPLE, 'utf8'))).toEqual({ text: SAMPLE });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]);
    expect(decode(le)).toMatchObject({ text: SAMPLE });
  });

  it('converts Windows-1258 text to Unicode', () => {
    const bytes = windows1258(SAMPLE);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decode(bytes)).toEqual({ text: SAMPLE, note: 'Windows-1258' });
  });

  it('recognizes TCVN3 and VNI font encodings and says so', () => {
    const tcvn = iconv.encode('Héi nghÞ tæng kÕt c«ng t¸c d©n vËn n¨m 2020 cña Ban D©n vËn TØnh ñy', 'windows1252');
    const vni = iconv.encode('Hoäi nghò toång keát coâng taùc daân vaän naêm 2020 cuûa Ban Daân vaän Tænh uûy', 'windows1252');
    expect(decode(tcvn)).toEqual({ reason: expect.stringContaining('TCVN3') });
    expect(decode(vni)).toEqual({ reason: expect.stringContaining('VNI') });
  });

  it('refuses empty, binary and oversized input with a reason', () => {
    expect(decode(new Uint8Array())).toEqual({ reason: 'empty file' });
    expect(decode(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]))).toEqual({ reason: expect.stringMatching(/^binary/) });
    expect(decode(new Uint8Array(6 * 1024 * 1024).fill(0x61))).toEqual({ reason: expect.stringMatching(/^too large/) });
  });

  it('extracts the text of an HTML page, captions included, scripts left out', () => {
    const html = `<!doctype html><html><head><script>var tracking = 1;</script></head><body>
      <h1>Hội nghị tổng kết</h1><p>Chiều 2/3, Hội Nông dân tỉnh tổ chức hội nghị.</p>
      <figure><img src="a.jpg"><figcaption>Đồng chí Lê Văn An phát biểu</figcaption></figure></body></html>`;
    const d = decode(Buffer.from(html));
    expect(d).toMatchObject({ note: 'HTML' });
    const text = 'text' in d ? d.text : '';
    expect(text).toContain('Chiều 2/3, Hội Nông dân tỉnh tổ chức hội nghị.');
    expect(text).toContain('Đồng chí Lê Văn An phát biểu');
    expect(text).not.toContain('tracking');
  });
});

describe('readSources', () => {
  it('walks a folder in name order, yielding readable files and reasons for the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'read-'));
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'b.txt'), SAMPLE);
    await writeFile(join(dir, 'a.txt'), '');
    await writeFile(join(dir, 'sub', 'c.html'), `<p>${SAMPLE}</p><p>x</p><div>y</div>`);
    await writeFile(join(dir, 'ignored.png'), Buffer.from([0x89, 0x50]));
    const got = [];
    for await (const s of readSources([dir, join(dir, 'missing.txt')])) got.push(s);
    expect(got.map((s) => [s.file.slice(dir.length + 1) || s.file, s.ok])).toEqual([
      ['a.txt', false],
      ['b.txt', true],
      ['sub/c.html', true],
      ['missing.txt', false],
    ]);
    expect(got[0]).toMatchObject({ reason: 'empty file' });
    expect(got[3]).toMatchObject({ reason: 'no such file or folder' });
  });
});

async function readAll(paths: string[]): Promise<Source[]> {
  const got: Source[] = [];
  for await (const s of readSources(paths)) got.push(s);
  return got;
}

const rel = (dir: string, s: Source) => [s.file.slice(dir.length + 1) || s.file, s.ok ? 'ok' : (s as { reason: string }).reason];

describe('reading only regular files', () => {
  it('refuses a FIFO named on the command line with a reason instead of hanging', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'read-fifo-'));
    const fifo = join(dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const got = await readAll([fifo]);
    expect(got).toEqual([{ ok: false, file: fifo, reason: expect.stringMatching(/^not a regular file: it is a FIFO/) }]);
  }, 5_000);

  it('refuses a FIFO inside a folder with a reason, and reads the files beside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'read-fifo-'));
    execFileSync('mkfifo', [join(dir, 'a.txt')]);
    await writeFile(join(dir, 'b.txt'), SAMPLE);
    expect((await readAll([dir])).map((s) => rel(dir, s))).toEqual([
      ['a.txt', expect.stringMatching(/FIFO/)],
      ['b.txt', 'ok'],
    ]);
  }, 5_000);

  it('refuses /dev/zero (a device) with a reason instead of reading without end', async () => {
    const got = await readAll(['/dev/zero']);
    expect(got).toEqual([{ ok: false, file: '/dev/zero', reason: expect.stringMatching(/character device/) }]);
  }, 5_000);

  it('enforces the byte cap while reading, for a file that states no size (/proc)', () => {
    // /proc files report size 0: only counting while reading can stop them.
    const r = readCapped('/proc/self/maps', 100);
    expect(r).toEqual({ reason: expect.stringMatching(/^too large .* \(it grew while being read\)$/) });
    expect(readCapped('/proc/self/maps', 1 << 20)).toMatchObject({ data: expect.any(Buffer) });
  });
});

describe('symbolic links', () => {
  it('follows links to files and folders, and says why for a dangling link and a loop', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'read-links-'));
    const real = join(dir, 'real');
    await mkdir(real);
    await writeFile(join(real, 'r.txt'), SAMPLE);
    const links = join(dir, 'links');
    await mkdir(links);
    await symlink(join(real, 'r.txt'), join(links, 'a.txt'));
    await symlink(join(dir, 'missing.txt'), join(links, 'b.txt'));
    await symlink(real, join(links, 'c'));
    await symlink(links, join(links, 'd')); // back to the folder being read
    expect((await readAll([links])).map((s) => rel(links, s))).toEqual([
      ['a.txt', 'ok'],
      ['b.txt', 'dangling symbolic link: its target does not exist'],
      ['c/r.txt', 'ok'],
      ['d', expect.stringMatching(/^symbolic link loop/)],
    ]);
  });

  it('reads a folder holding nothing but links to reports', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'read-links-'));
    await mkdir(join(dir, 'src'));
    await mkdir(join(dir, 'in'));
    for (const n of ['x', 'y']) {
      await writeFile(join(dir, 'src', `${n}.txt`), SAMPLE);
      await symlink(join(dir, 'src', `${n}.txt`), join(dir, 'in', `${n}.txt`));
    }
    const got = await readAll([join(dir, 'in')]);
    expect(got.map((s) => s.ok)).toEqual([true, true]);
  });
});

describe('encodings that need a second look', () => {
  const utf8 = Buffer.from(SAMPLE, 'utf8');

  it('reads UTF-8 cut mid-character at the end, replacing the broken character and warning', () => {
    // 'kết': k, then the three bytes of 'ế'; the cut keeps only the first two of them.
    const cut = Buffer.concat([utf8, Buffer.from(' kết')]).subarray(0, utf8.length + 4);
    const d = decode(cut);
    expect(d).toMatchObject({ note: 'UTF-8', warning: expect.stringMatching(/^1 invalid UTF-8 sequence replaced by U\+FFFD \(the file ends mid-character/) });
    expect('text' in d && d.text).toBe(`${SAMPLE} k\uFFFD`);
  });

  it('reads UTF-8 with one stray byte as UTF-8, never as a legacy font encoding', () => {
    const stray = Buffer.concat([utf8.subarray(0, 20), Buffer.from([0xa9]), utf8.subarray(20)]);
    const d = decode(stray);
    expect(d).toMatchObject({ note: 'UTF-8', warning: '1 invalid UTF-8 sequence replaced by U+FFFD' });
    expect('text' in d && d.text.replace('\uFFFD', '')).toBe(SAMPLE);
  });

  it('still recognizes TCVN3 and Windows-1258, which are not UTF-8 with a few bad bytes', () => {
    const tcvn = iconv.encode('Héi nghÞ tæng kÕt c«ng t¸c d©n vËn n¨m 2020 cña Ban D©n vËn TØnh ñy', 'windows1252');
    expect(decode(tcvn)).toEqual({ reason: expect.stringContaining('TCVN3') });
    expect(decode(windows1258(SAMPLE))).toEqual({ text: SAMPLE, note: 'Windows-1258' });
  });

  it('detects UTF-16 without a byte-order mark, little- and big-endian', () => {
    expect(decode(Buffer.from(SAMPLE, 'utf16le'))).toEqual({ text: SAMPLE, note: 'UTF-16LE without byte-order mark' });
    const be = Buffer.from(SAMPLE, 'utf16le').swap16();
    expect(decode(be)).toEqual({ text: SAMPLE, note: 'UTF-16BE without byte-order mark' });
    // Binary with NUL bytes everywhere is still binary.
    expect(decode(Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0 : 0x41 + (i % 7))))).toEqual({ reason: expect.stringMatching(/^binary/) });
  });
});
