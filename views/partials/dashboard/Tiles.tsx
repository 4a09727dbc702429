// The KPI tiles: a score with its 95% interval and the change against the previous period, or a
// count. A score with too few answers is greyed and says so instead of pretending to be precise.
import type { Change } from '../../../src/domain/scores';
import type { ScoreWithChange } from '../../../src/services/dashboard/summary';
import { meanOf } from '../../../src/services/dashboard/summary';
import { changeText, int, intervalText, meanText, scoreText, SURVEY_LABEL, SURVEY_MEANS } from './format';

function ChangeLine(p: { value: Change; unit: 'pts' | '%'; against: string }) {
  const c = changeText(p.value, p.unit);
  return (
    <p class={`tile-change tile-change-${c.trend}`}>
      {c.text} <span class="muted">vs {p.against}</span>
    </p>
  );
}

export function ScoreTile(p: { s: ScoreWithChange; href: string; against: string; minSample: number }) {
  const { kind, now } = p.s;
  const thin = !now.enough;
  const mean = meanOf(now);
  return (
    <a class={thin ? 'tile card tile-thin' : 'tile card'} href={p.href} data-tile={kind}>
      <p class="tile-label">
        {SURVEY_LABEL[kind]} <span class="muted">{SURVEY_MEANS[kind]}</span>
      </p>
      <p class="tile-value" data-value={now.score === null ? '' : String(now.score)}>
        {scoreText(kind, now.score)}
      </p>
      {thin ? (
        <p class="tile-note">
          {now.n === 0 ? 'No responses' : `Too few responses (${now.n} of ${p.minSample} needed)`}
        </p>
      ) : (
        <p class="tile-note">
          95% CI {intervalText(kind, now.low, now.high)}
          {mean !== null && <> · mean {meanText(mean)}</>}
        </p>
      )}
      <p class="tile-n">{int(now.n)} responses</p>
      <ChangeLine value={p.s.change} unit="pts" against={p.against} />
    </a>
  );
}

export function CountTile(p: { label: string; value: string; note: string; change: Change; unit: 'pts' | '%'; against: string; href?: string; name: string }) {
  const body = (
    <>
      <p class="tile-label">{p.label}</p>
      <p class="tile-value">{p.value}</p>
      <p class="tile-note">{p.note}</p>
      <ChangeLine value={p.change} unit={p.unit} against={p.against} />
    </>
  );
  return p.href ? (
    <a class="tile card" href={p.href} data-tile={p.name}>
      {body}
    </a>
  ) : (
    <div class="tile card" data-tile={p.name}>
      {body}
    </div>
  );
}
