import { memo } from 'react';
import type { MatrixCell } from '@/components/data/stats';
import { countryDisplay, topicDisplay } from '@/components/labels';
import { plural } from '@/components/format';
import { seqClass } from '@/lib/domain/scale';

export interface MatrixShape {
  countries: string[];
  topics: string[];
  counts: Map<string, number>;
  max: number;
}

const cellKey = (country: string, topic: string) => `${country}|${topic}`;

/** Rows and columns ordered by their totals, largest first; ties by name. */
export function shapeMatrix(cells: MatrixCell[]): MatrixShape {
  const counts = new Map<string, number>();
  const rowTotal = new Map<string, number>();
  const colTotal = new Map<string, number>();
  let max = 0;
  for (const c of cells) {
    counts.set(cellKey(c.country, c.topic), c.count);
    rowTotal.set(c.country, (rowTotal.get(c.country) ?? 0) + c.count);
    colTotal.set(c.topic, (colTotal.get(c.topic) ?? 0) + c.count);
    max = Math.max(max, c.count);
  }
  const order = (totals: Map<string, number>, name: (k: string) => string) =>
    [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || name(a).localeCompare(name(b)));
  return {
    countries: order(rowTotal, (k) => countryDisplay(k).name),
    topics: order(colTotal, (k) => topicDisplay(k).name),
    counts,
    max,
  };
}

interface MatrixHeatmapProps {
  matrix: MatrixShape;
  onSelect: (country: string, topic: string) => void;
}

/** Counterpart country × topic, darker = more events; a click on a cell filters to both. */
export const MatrixHeatmap = memo(function MatrixHeatmap({ matrix, onSelect }: MatrixHeatmapProps) {
  const { countries, topics, counts, max } = matrix;
  return (
    <table className="heatmap">
      <caption className="sr-only">Events per counterpart country and topic</caption>
      <thead>
        <tr>
          <th scope="col" className="heatmap-corner">
            <span className="sr-only">Country</span>
          </th>
          {topics.map((t) => {
            const d = topicDisplay(t);
            return (
              <th key={t} scope="col" title={d.title} className="heatmap-col">
                <span>{d.name}</span>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {countries.map((c) => {
          const cd = countryDisplay(c);
          return (
            <tr key={c}>
              <th scope="row" title={cd.title} className="heatmap-row">
                <span aria-hidden="true">{cd.flag} </span>
                {cd.name}
              </th>
              {topics.map((t) => {
                const n = counts.get(cellKey(c, t)) ?? 0;
                const td = topicDisplay(t);
                if (!n) {
                  return (
                    <td key={t} className="heatmap-cell seq-0">
                      <span aria-hidden="true">·</span>
                      <span className="sr-only">0</span>
                    </td>
                  );
                }
                const what = `${cd.name} × ${td.name}: ${plural(n, 'event')}`;
                return (
                  <td key={t} className="heatmap-cell">
                    <button type="button" className={`cell-btn ${seqClass(n, max)} num`} title={`${what} — click to filter`} aria-label={`${what}. Filter to both`} onClick={() => onSelect(c, t)}>
                      {n}
                    </button>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
