// The staff pages' data table: a scrollable wrapper, header cells with their scope, and one line
// of text in its place when there is nothing to list.
import type { Child } from 'hono/jsx';

/** A column heading: its label, or the label with right alignment (numbers) or read to screen readers only. */
export type Column = string | { label: string; num?: boolean; hidden?: boolean };

function HeaderCell(p: { column: Column }) {
  const c = typeof p.column === 'string' ? { label: p.column } : p.column;
  return (
    <th scope="col" class={c.num ? 'num' : undefined}>
      {c.hidden ? <span class="visually-hidden">{c.label}</span> : c.label}
    </th>
  );
}

/**
 * `stack`: on a phone each row becomes a small card, every cell under its column's name (the cells
 * carry it as data-label), instead of columns cut off at the screen's edge.
 */
export function DataTable<T>(p: { columns: Column[]; rows: readonly T[]; row: (item: T) => Child; empty?: string; stack?: boolean }) {
  if (p.rows.length === 0 && p.empty !== undefined) return <p class="muted">{p.empty}</p>;
  return (
    <div class="table-wrap">
      <table class={p.stack ? 'table table-stack' : 'table'}>
        <thead>
          <tr>
            {p.columns.map((c) => (
              <HeaderCell column={c} />
            ))}
          </tr>
        </thead>
        <tbody>{p.rows.map(p.row)}</tbody>
      </table>
    </div>
  );
}
