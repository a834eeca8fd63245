import { useId } from 'react';
import type { Metric, Reading } from '../api/types';
import { clock, dayAndClock } from '../format';
import { isLocalMidnight, lineSegments, tableRows, timeStep, timeTicks, valueTicks, type Point } from '../sensors/chart';
import { metricLabel, motionPeriods, valueText } from '../sensors/readings';
import { useWidth } from './useWidth';

export interface ReadingChartProps {
  metric: Metric;
  /** This metric's readings, in time order. */
  readings: Reading[];
  /** The span shown, in milliseconds since the epoch. */
  from: number;
  to: number;
  zone: string;
  now: Date;
}

const margin = { top: 10, right: 12, bottom: 24 };
const narrowestSpan: Record<Metric, number> = { temperature: 2, humidity: 10, bowl_weight: 50, motion: 1 };

/**
 * One metric over the span, drawn at the size the layout gives it, with its time axis on the household's clock;
 * a line for values, marks for motion. Beside it a sentence and a table say the same in words.
 */
export function ReadingChart({ metric, readings, from, to, zone, now }: ReadingChartProps) {
  const [box, width] = useWidth<HTMLDivElement>(320);
  const id = useId();
  const motion = metric === 'motion';
  const height = motion ? 64 : 150;
  const points: Point[] = readings.map((r) => ({ t: Date.parse(r.at), v: r.value }));
  const unit = readings[0]?.unit ?? '';

  const values = points.filter((p) => p.t >= from).map((p) => p.v);
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (metric === 'bowl_weight') low = Math.min(0, low);
  // A sensor's noise should look like noise: a tenth of a degree is not drawn as the height of the chart.
  const narrowest = narrowestSpan[metric];
  if (high - low < narrowest) {
    const middle = (high + low) / 2;
    [low, high] = [middle - narrowest / 2, middle + narrowest / 2];
  }
  const y = valueTicks(low, high, motion ? 2 : 4);
  if (metric === 'humidity') {
    y.min = Math.max(0, y.min);
    y.max = Math.min(100, y.max);
    y.ticks = y.ticks.filter((t) => t >= y.min && t <= y.max);
  }
  // The unit is in the caption; the axis carries only numbers, so it stays narrow on a phone.
  const yLabel = (v: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(v);
  const left = motion ? 12 : Math.max(...y.ticks.map((t) => yLabel(t).length)) * 7.5 + 14;
  const plotWidth = Math.max(40, width - left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;
  const x = (t: number) => left + ((t - from) / (to - from)) * plotWidth;
  const yOf = (v: number) => margin.top + ((y.max - v) / (y.max - y.min || 1)) * plotHeight;
  const ticks = timeTicks(from, to, timeStep(to - from, Math.max(2, Math.floor(plotWidth / 55))), zone);
  const tickLabel = (t: number) =>
    isLocalMidnight(t, zone) ? new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: zone }).format(t) : clock(new Date(t).toISOString(), zone);

  const periods = motion ? motionPeriods(readings, from) : [];
  const segments = motion ? [] : lineSegments(points, from, to, plotWidth / 2);
  const last = segments.at(-1)?.at(-1);
  const summary = motion ? motionSummary(periods, from, zone, now) : lineSummary(readings, from, zone, now);
  const span = to - from >= 86_400_000 - 60_000 ? 'last 24 h' : `since ${dayAndClock(new Date(from).toISOString(), zone, now)}`;

  return (
    <figure className={`chart chart-${metric}`} data-metric={metric} aria-labelledby={`${id}-title`}>
      <figcaption className="chart-head">
        <span className="chart-title" id={`${id}-title`}>
          {metricLabel(metric)}
        </span>
        {unit && <span className="muted small">{unit}</span>}
        <span className="muted small">· {span}</span>
      </figcaption>
      <div ref={box} className="chart-box">
        <svg width={width} height={height} role="img" aria-labelledby={`${id}-summary`} className="chart-svg">
          {!motion &&
            y.ticks.map((t) => (
              <g key={t} className="chart-grid">
                <line x1={left} x2={left + plotWidth} y1={yOf(t)} y2={yOf(t)} />
                <text x={left - 6} y={yOf(t)} dy="0.35em" textAnchor="end">
                  {yLabel(t)}
                </text>
              </g>
            ))}
          {ticks.map((t) => (
            <g key={t} className="chart-axis">
              <line x1={x(t)} x2={x(t)} y1={height - margin.bottom} y2={height - margin.bottom + 4} />
              <text x={x(t)} y={height - 6} textAnchor="middle">
                {tickLabel(t)}
              </text>
            </g>
          ))}
          <line className="chart-baseline" x1={left} x2={left + plotWidth} y1={height - margin.bottom} y2={height - margin.bottom} />
          {segments.map((segment, i) =>
            segment.length === 1 ? (
              <circle key={i} className="chart-point" cx={x(segment[0].t)} cy={yOf(segment[0].v)} r={2} />
            ) : (
              <path key={i} className="chart-line" d={segment.map((p, j) => `${j === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${yOf(p.v).toFixed(1)}`).join('')} />
            ),
          )}
          {last && <circle className="chart-last" cx={x(last.t)} cy={yOf(last.v)} r={3.5} />}
          {periods.map((p) => {
            const start = x(Math.max(from, p.from));
            return (
              <rect key={p.from} className="chart-mark" x={start} y={margin.top} height={plotHeight}
                width={Math.max(3, x(Math.min(to, p.to ?? to)) - start)} rx={1} />
            );
          })}
        </svg>
      </div>
      <p id={`${id}-summary`} className="chart-summary small">
        {summary}
      </p>
      <details className="chart-table">
        <summary>{motion ? 'Each time, as a table' : 'As a table'}</summary>
        <div className="table-wrap">
          {motion ? <MotionTable periods={periods} zone={zone} /> : <ValueTable metric={metric} points={points} from={from} to={to} zone={zone} unit={unit} />}
        </div>
      </details>
    </figure>
  );
}

function ValueTable({ metric, points, from, to, zone, unit }: { metric: Metric; points: Point[]; from: number; to: number; zone: string; unit: string }) {
  const text = (v: number) => valueText({ metric, value: v, unit });
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">From</th>
          <th scope="col">Average</th>
          <th scope="col">Lowest</th>
          <th scope="col">Highest</th>
        </tr>
      </thead>
      <tbody>
        {tableRows(points, from, to, zone).map((row) => (
          <tr key={row.from}>
            <td className="nowrap">{clock(new Date(row.from).toISOString(), zone)}</td>
            <td>{text(row.mean)}</td>
            <td>{text(row.low)}</td>
            <td>{text(row.high)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MotionTable({ periods, zone }: { periods: { from: number; to: number | null }[]; zone: string }) {
  if (periods.length === 0) return <p className="muted small">None.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Seen at</th>
          <th scope="col">For</th>
        </tr>
      </thead>
      <tbody>
        {[...periods].reverse().map((p) => (
          <tr key={p.from}>
            <td className="nowrap">{clock(new Date(p.from).toISOString(), zone)}</td>
            <td>{p.to === null ? 'still moving' : lasted(p.to - p.from)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function lineSummary(readings: Reading[], from: number, zone: string, now: Date): string {
  const shown = readings.filter((r) => Date.parse(r.at) >= from);
  if (shown.length === 0) return 'No readings in this span.';
  const lowest = shown.reduce((a, b) => (b.value < a.value ? b : a));
  const highest = shown.reduce((a, b) => (b.value > a.value ? b : a));
  const at = (r: Reading) => clock(r.at, zone);
  // What it reads now is in the figures above the charts; this says what the line shows.
  return `Lowest ${valueText(lowest)} at ${at(lowest)}, highest ${valueText(highest)} at ${at(highest)}; ${shown.length} readings since ${dayAndClock(new Date(from).toISOString(), zone, now)}.`;
}

function motionSummary(periods: { from: number; to: number | null }[], from: number, zone: string, now: Date): string {
  const since = dayAndClock(new Date(from).toISOString(), zone, now);
  if (periods.length === 0) return `No motion seen since ${since}.`;
  const last = periods[periods.length - 1];
  const times = periods.length === 1 ? 'once' : periods.length === 2 ? 'twice' : `${periods.length} times`;
  const lastText = last.to === null ? `moving now, since ${clock(new Date(last.from).toISOString(), zone)}` : `last at ${clock(new Date(last.from).toISOString(), zone)} for ${lasted(last.to - last.from)}`;
  return `Motion seen ${times} since ${since}; ${lastText}.`;
}

function lasted(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}
