// The digest's PNG encoder and chart raster, checked by taking the PNG apart again: signature,
// chunks and their CRCs (against zlib's own CRC-32), then the inflated pixels.
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { blankRaster, CHART_COLOR, drawDistribution, drawTrend, fillRect } from '../../src/domain/chartRaster';
import { crc32, encodePng, type Raster } from '../../src/domain/png';

interface Chunk {
  type: string;
  body: Buffer;
  crc: number;
  crcOk: boolean;
}

function chunks(png: Uint8Array): Chunk[] {
  const b = Buffer.from(png);
  const out: Chunk[] = [];
  for (let at = 8; at < b.length; ) {
    const length = b.readUInt32BE(at);
    const type = b.subarray(at + 4, at + 8).toString('latin1');
    const body = b.subarray(at + 8, at + 8 + length);
    const crc = b.readUInt32BE(at + 8 + length);
    out.push({ type, body, crc, crcOk: zlibCrc32(b.subarray(at + 4, at + 8 + length)) === crc });
    at += 12 + length;
  }
  return out;
}

/** Decodes what encodePng writes (filter 0 on every line), pixels as RGBA. */
function decode(png: Uint8Array): Raster {
  const parts = chunks(png);
  const ihdr = parts.find((c) => c.type === 'IHDR')!.body;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(parts.filter((c) => c.type === 'IDAT').map((c) => c.body)));
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    data.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, data };
}

const pixel = (r: Raster, x: number, y: number) => [...r.data.subarray((y * r.width + x) * 4, (y * r.width + x) * 4 + 4)];

describe('encodePng', () => {
  it('writes the signature, IHDR, IDAT and IEND with correct CRCs', async () => {
    const png = await encodePng(blankRaster(3, 2));
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const parts = chunks(png);
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(parts.every((c) => c.crcOk)).toBe(true);
    const ihdr = parts[0]!.body;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ...ihdr.subarray(8)]).toEqual([3, 2, 8, 6, 0, 0, 0]);
  });

  it('keeps every pixel, including transparency', async () => {
    const r = blankRaster(4, 3, [0, 0, 0, 0]);
    fillRect(r, 1, 1, 2, 1, [255, 128, 7, 255]);
    r.data.set([10, 20, 30, 40], (2 * 4 + 3) * 4);
    const back = decode(await encodePng(r));
    expect(back.width).toBe(4);
    expect(back.height).toBe(3);
    expect([...back.data]).toEqual([...r.data]);
    expect(pixel(back, 1, 1)).toEqual([255, 128, 7, 255]);
    expect(pixel(back, 0, 0)).toEqual([0, 0, 0, 0]);
  });

  it('computes CRC-32 as zlib does', () => {
    const bytes = new TextEncoder().encode('IEND and some more bytes');
    expect(crc32(bytes)).toBe(zlibCrc32(Buffer.from(bytes)));
  });

  it('refuses a buffer that does not match its size', async () => {
    await expect(encodePng({ width: 2, height: 2, data: new Uint8Array(15) })).rejects.toThrow(RangeError);
  });
});

describe('charts', () => {
  it('draws a trend: the line colour at a point, the band around it, white outside', async () => {
    const chart = drawTrend({
      points: [
        { score: 50, low: 30, high: 70, enough: true },
        { score: 100, low: 90, high: 100, enough: true },
      ],
      min: 0,
      max: 100,
      width: 100,
      height: 50,
      scale: 1,
    });
    const back = decode(await encodePng(chart));
    // The plot is 88 × 38 px inside a 6 px margin; point 0 sits at x = 6 + 22 = 28, y = 6 + 19 = 25.
    expect(pixel(back, 28, 25)).toEqual([...CHART_COLOR.line]);
    // Inside the band (between 30 and 70), away from the line: the band's colour at 56/255 over white.
    expect(pixel(back, 18, 18)).toEqual([206, 220, 237, 255]);
    // A corner stays white.
    expect(pixel(back, 1, 1)).toEqual([255, 255, 255, 255]);
  });

  it('draws a grey point for a score below the minimum sample and leaves a gap for no answers', () => {
    const chart = drawTrend({
      points: [
        { score: 20, low: null, high: null, enough: false },
        { score: null, low: null, high: null, enough: false },
        { score: 80, low: null, high: null, enough: true },
      ],
      min: 0,
      max: 100,
      width: 90,
      height: 50,
      scale: 1,
    });
    // Column width 26; point 0 at x = 19, y = 6 + 38 × 0.8 = 36.4.
    expect(pixel(chart, 19, 36)).toEqual([...CHART_COLOR.thin]);
    // No line crosses the empty middle column.
    expect(pixel(chart, 45, 22)).toEqual([255, 255, 255, 255]);
  });

  it('draws distribution bars as tall as their counts, in the colour of their tone', () => {
    const chart = drawDistribution({
      bars: [
        { count: 4, tone: 'low' },
        { count: 0, tone: 'mid' },
        { count: 2, tone: 'high' },
      ],
      width: 66,
      height: 50,
      scale: 1,
    });
    // Columns of 18 px from x = 6; the baseline at y = 44; the tallest bar reaches the top (y = 6).
    expect(pixel(chart, 15, 8)).toEqual([...CHART_COLOR.low]);
    expect(pixel(chart, 51, 30)).toEqual([...CHART_COLOR.high]);
    expect(pixel(chart, 51, 20)).toEqual([255, 255, 255, 255]);
    expect(pixel(chart, 33, 30)).toEqual([255, 255, 255, 255]);
  });
});
