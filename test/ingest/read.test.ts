import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode, readSources } from '../../ingest/read.js';

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
