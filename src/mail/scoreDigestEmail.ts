// Turns a score digest into an email in the reader's language: numbers put into words, the two
// charts drawn as PNGs sent inline (cid:), and each chart's labels and alt text in the HTML.
import { drawDistribution, drawTrend } from '../domain/chartRaster';
import { encodePng } from '../domain/png';
import { scoreGroup, type Change } from '../domain/scores';
import { DAY_MS } from '../domain/timeZone';
import type { DayRange } from '../domain/period';
import type { SurveyKind } from '../domain/surveys';
import { messages, type Locale } from '../i18n';
import type { ScoreDigest } from '../services/digest/report';
import type { RenderedEmail } from './templates/EmailFrame';
import { renderScoreDigestEmail, type ChangeWords, type DigestChart, type ScoreDigestView } from './templates/ScoreDigestEmail';
import type { InlineImage } from './types';

const KIND: Record<SurveyKind, string> = { csat: 'CSAT', nps: 'NPS', ces: 'CES' };
const AXIS: Record<SurveyKind, [number, number]> = { csat: [0, 100], nps: [-100, 100], ces: [0, 100] };
const CHART = { width: 526, trend: 140, distribution: 96, scale: 2 };

function formats(locale: Locale) {
  const lang = messages(locale).lang;
  const one = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const whole = new Intl.NumberFormat(lang);
  const short = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', month: 'short', day: 'numeric' });
  const long = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
  const date = (day: number) => new Date(day * DAY_MS);
  return {
    whole: (n: number) => whole.format(n),
    percent: (v: number) => `${one.format(v)}%`,
    score: (kind: SurveyKind, v: number | null) => (v === null ? '–' : kind === 'nps' ? signed.format(v) : `${one.format(v)}%`),
    interval: (kind: SurveyKind, low: number | null, high: number | null) =>
      low === null || high === null ? '' : kind === 'nps' ? `${signed.format(low)} – ${signed.format(high)}` : `${one.format(low)}–${one.format(high)}%`,
    points: (v: number) => signed.format(v),
    day: (day: number) => short.format(date(day)),
    range: (r: DayRange) => (r.from === r.to ? long.format(date(r.from)) : long.formatRange(date(r.from), date(r.to))),
  };
}

type Formats = ReturnType<typeof formats>;

/** The trend's vertical scale: the data and its intervals, widened to tens, within the kind's own range. */
function fittedAxis(kind: SurveyKind, values: Array<number | null>): [number, number] {
  const [min, max] = AXIS[kind];
  const known = values.filter((v): v is number => v !== null);
  return [Math.max(min, Math.floor((Math.min(...known) - 1) / 10) * 10), Math.min(max, Math.ceil((Math.max(...known) + 1) / 10) * 10)];
}

function changeWords(locale: Locale, f: Formats, c: Change): ChangeWords {
  const m = messages(locale).digest;
  if (c.kind === 'too-few') return { text: m.tooFew, trend: 'none' };
  if (c.kind !== 'delta') return { text: m.noCompare, trend: 'none' };
  if (Math.round(c.value * 10) === 0) return { text: m.noChange, trend: 'none' };
  return { text: `${c.value > 0 ? '▲' : '▼'} ${m.points(f.points(c.value))}`, trend: c.value > 0 ? 'up' : 'down' };
}

async function charts(d: ScoreDigest, locale: Locale, f: Formats): Promise<{ charts: DigestChart[]; inline: InlineImage[] }> {
  const m = messages(locale).digest;
  const kind = d.overview.chartKind;
  const out: Array<{ chart: DigestChart; png: Promise<Uint8Array> }> = [];
  const points = d.trend.points;
  if (points.some((p) => p.result.score !== null)) {
    const [min, max] = fittedAxis(kind, points.flatMap((p) => [p.result.score, p.result.low, p.result.high]));
    out.push({
      chart: {
        title: m.trendTitle(KIND[kind], d.trend.bucket === 'week', points.length),
        cid: 'digest-trend',
        alt: m.trendAlt(KIND[kind], points.map((p) => `${f.day(p.from)} ${p.result.score === null ? m.noAnswers : f.score(kind, p.result.score)}`).join(', ')),
        width: CHART.width,
        height: CHART.trend,
        axis: [f.day(points[0]!.from), f.day(points[points.length - 1]!.from)],
        spread: 'ends',
        note: `${m.trendNote} ${m.scale(f.score(kind, min), f.score(kind, max))}`,
      },
      png: encodePng(
        drawTrend({
          points: points.map((p) => ({ score: p.result.score, low: p.result.low, high: p.result.high, enough: p.result.enough })),
          min,
          max,
          width: CHART.width,
          height: CHART.trend,
          scale: CHART.scale,
        }),
      ),
    });
  }
  const bars = d.overview.distribution;
  if (bars.some((b) => b.count > 0)) {
    out.push({
      chart: {
        title: m.distributionTitle(KIND[kind]),
        cid: 'digest-scores',
        alt: m.distributionAlt(KIND[kind], bars.map((b) => `${b.score}: ${f.whole(b.count)}`).join(', ')),
        width: CHART.width,
        height: CHART.distribution,
        axis: bars.map((b) => String(b.score)),
        spread: 'columns',
      },
      png: encodePng(drawDistribution({ bars: bars.map((b) => ({ count: b.count, tone: scoreGroup(kind, b.score) })), width: CHART.width, height: CHART.distribution, scale: CHART.scale })),
    });
  }
  const pngs = await Promise.all(out.map((o) => o.png));
  return {
    charts: out.map((o) => o.chart),
    inline: out.map((o, i) => ({ contentId: o.chart.cid, filename: `${o.chart.cid}.png`, contentType: 'image/png', content: pngs[i]! })),
  };
}

export async function composeScoreDigestEmail(d: ScoreDigest, locale: Locale, minSample: number): Promise<{ email: RenderedEmail; inline: InlineImage[] }> {
  const m = messages(locale).digest;
  const f = formats(locale);
  const o = d.overview;
  const weekly = d.frequency === 'weekly';
  const drawn = await charts(d, locale, f);
  const scores = o.scores
    .filter((s) => s.now.n + s.before.n > 0)
    .map((s) => ({
      label: KIND[s.kind],
      score: f.score(s.kind, s.now.score),
      interval: f.interval(s.kind, s.now.low, s.now.high),
      change: changeWords(locale, f, s.change),
      answers: f.whole(s.now.n),
    }));
  const followupsLine = m.followupsLine(d.followups.open, d.followups.overdue);
  const view: ScoreDigestView = {
    locale,
    weekly,
    subject: m.subject(weekly, f.range(d.range)),
    preheader: [...scores.map((s) => `${s.label} ${s.score}`), `${m.followups}: ${followupsLine}`].join(' · '),
    teams: d.teams ? m.forTeams(d.teams.join(', ')) : m.allTeams,
    compared: m.compared(f.range(d.range), f.range(d.previous)),
    scores,
    rate:
      o.rate.now === null
        ? null
        : { value: f.percent(o.rate.now), detail: m.rateOf(f.whole(o.rate.direct), f.whole(o.rate.sent)), change: changeWords(locale, f, o.rate.change) },
    fcr: d.fcr.n > 0 && d.fcr.score !== null ? { value: f.percent(d.fcr.score), interval: f.interval('csat', d.fcr.low, d.fcr.high), answers: f.whole(d.fcr.n) } : null,
    charts: drawn.charts,
    themes: d.themes.map((t) => ({
      name: t.name,
      line: m.themeLine(f.whole(t.responses), f.percent(100 * t.negativeShare)),
      trend: t.trend === 'up' ? { text: `▲ ${m.rising}`, trend: 'none' } : t.trend === 'down' ? { text: `▼ ${m.falling}`, trend: 'none' } : t.trend === 'new' ? { text: m.newTheme, trend: 'none' } : null,
    })),
    movers: {
      note: m.moversNote(minSample),
      rows: d.movers.map((a) => ({
        name: a.name,
        before: f.score(d.moverKind, a.before),
        now: f.score(d.moverKind, a.now),
        change: changeWords(locale, f, { kind: 'delta', value: a.change }),
        answers: `${m.answers}: ${f.whole(a.n)}`,
      })),
    },
    followups: { line: followupsLine, overdue: d.followups.overdue > 0 },
    links: d.links,
  };
  return { email: await renderScoreDigestEmail(view), inline: drawn.inline };
}
