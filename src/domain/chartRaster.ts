// Small charts drawn into an RGBA buffer for the score digest email: a trend line with its interval
// band, and the bars of a score distribution. No text in the image (labels live in the email's
// HTML, where they can be read, translated and found with images blocked). Pure arithmetic.
import type { Raster } from './png';

export type Rgba = readonly [number, number, number, number];

export const CHART_COLOR = {
  background: [255, 255, 255, 255],
  grid: [226, 231, 236, 255],
  axis: [150, 160, 170, 255],
  line: [31, 95, 174, 255],
  band: [31, 95, 174, 56],
  thin: [150, 160, 170, 255],
  low: [180, 35, 24, 255],
  mid: [160, 168, 176, 255],
  high: [22, 128, 61, 255],
} as const satisfies Record<string, Rgba>;

export function blankRaster(width: number, height: number, bg: Rgba = CHART_COLOR.background): Raster {
  const data = new Uint8Array(width * height * 4);
  // One pixel, then copies of what is filled so far: 20× faster than setting every pixel.
  data.set(bg, 0);
  for (let filled = 4; filled < data.length; filled *= 2) data.copyWithin(filled, 0, Math.min(filled, data.length - filled));
  return { width, height, data };
}

/** Paints one pixel, blending by the colour's alpha over what is there. */
function plot(r: Raster, x: number, y: number, c: Rgba) {
  if (x < 0 || y < 0 || x >= r.width || y >= r.height) return;
  const i = (y * r.width + x) * 4;
  const a = c[3] / 255;
  for (let k = 0; k < 3; k++) r.data[i + k] = Math.round(c[k]! * a + r.data[i + k]! * (1 - a));
  r.data[i + 3] = Math.max(r.data[i + 3]!, c[3]);
}

export function fillRect(r: Raster, x: number, y: number, w: number, h: number, c: Rgba) {
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(r.width, Math.round(x + w));
  const y1 = Math.min(r.height, Math.round(y + h));
  for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) plot(r, xx, yy, c);
}

export function fillCircle(r: Raster, cx: number, cy: number, radius: number, c: Rgba) {
  const r2 = radius * radius;
  for (let y = Math.floor(cy - radius); y <= Math.ceil(cy + radius); y++) {
    for (let x = Math.floor(cx - radius); x <= Math.ceil(cx + radius); x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 <= r2) plot(r, x, y, c);
    }
  }
}

/** A line of some thickness: discs along the segment, one per pixel of length (opaque colours only). */
export function drawLine(r: Raster, x0: number, y0: number, x1: number, y1: number, thickness: number, c: Rgba) {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
  for (let i = 0; i <= steps; i++) fillCircle(r, x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps, thickness / 2, c);
}

export interface TrendPoint {
  score: number | null;
  low: number | null;
  high: number | null;
  /** Below the minimum sample: drawn grey, like the dashboards do. */
  enough: boolean;
}

export interface TrendChart {
  points: TrendPoint[];
  /** The score scale's ends, e.g. -100..100 for NPS, 0..100 for CSAT and CES. */
  min: number;
  max: number;
  width: number;
  height: number;
  /** Pixels per CSS pixel: 2 keeps the chart sharp on high-density screens. */
  scale: number;
}

const PAD = 6;

/** Where the plot area's column i is centred, and the y of a value. */
function geometry(c: { width: number; height: number; scale: number }, n: number, min: number, max: number) {
  const pad = PAD * c.scale;
  const w = c.width * c.scale - 2 * pad;
  const h = c.height * c.scale - 2 * pad;
  const step = w / Math.max(1, n);
  return {
    step,
    x: (i: number) => pad + step * (i + 0.5),
    y: (v: number) => pad + h * (1 - (Math.min(max, Math.max(min, v)) - min) / (max - min)),
    left: pad,
    right: pad + w,
  };
}

/** Scores over time: grid lines at the ends and middle, each point's interval as a band, the line between points. */
export function drawTrend(c: TrendChart): Raster {
  const s = c.scale;
  const r = blankRaster(c.width * s, c.height * s);
  const g = geometry(c, c.points.length, c.min, c.max);
  const mid = (c.min + c.max) / 2;
  for (const v of [c.min, mid, c.max]) fillRect(r, g.left, g.y(v) - s / 2, g.right - g.left, s, v === 0 && c.min < 0 ? CHART_COLOR.axis : CHART_COLOR.grid);
  c.points.forEach((p, i) => {
    if (p.low === null || p.high === null) return;
    const top = g.y(p.high);
    fillRect(r, g.x(i) - g.step * 0.3, top, g.step * 0.6, Math.max(s, g.y(p.low) - top), CHART_COLOR.band);
  });
  let previous: { x: number; y: number } | null = null;
  c.points.forEach((p, i) => {
    if (p.score === null) {
      previous = null;
      return;
    }
    const here = { x: g.x(i), y: g.y(p.score) };
    if (previous) drawLine(r, previous.x, previous.y, here.x, here.y, 2 * s, CHART_COLOR.line);
    previous = here;
  });
  c.points.forEach((p, i) => {
    if (p.score !== null) fillCircle(r, g.x(i), g.y(p.score), 3.5 * s, p.enough ? CHART_COLOR.line : CHART_COLOR.thin);
  });
  return r;
}

export interface DistributionChart {
  bars: Array<{ count: number; tone: 'low' | 'mid' | 'high' }>;
  width: number;
  height: number;
  scale: number;
}

/** One bar per score, as tall as its share of the largest, coloured by what the score means. */
export function drawDistribution(c: DistributionChart): Raster {
  const s = c.scale;
  const r = blankRaster(c.width * s, c.height * s);
  const g = geometry(c, c.bars.length, 0, Math.max(1, ...c.bars.map((b) => b.count)));
  const base = g.y(0);
  fillRect(r, g.left, base, g.right - g.left, s, CHART_COLOR.axis);
  c.bars.forEach((b, i) => {
    if (b.count === 0) return;
    const top = g.y(b.count);
    fillRect(r, g.x(i) - g.step * 0.35, top, g.step * 0.7, base - top, CHART_COLOR[b.tone]);
  });
  return r;
}
