import * as Plot from '@observablehq/plot';
import { type ReactNode, useEffect, useRef } from 'react';
import { useI18n } from './i18n/context';

/**
 * Charts drawn by Observable Plot (accessible SVG: the chart's name and a description of what it shows
 * on the <svg>), each followed by the same numbers in a table, for screen readers and for people who
 * would rather read than look. The figure is named by its caption.
 */
export interface Bar {
  label: string;
  value: number;
}

/** Colours with at least 4.5:1 against white, told apart by shape too where lines cross. */
const COLORS = ['#2f5d8a', '#b35c1e', '#3d7a3a', '#7a3d6e', '#8a7a2f', '#2f7a7a', '#6e6e6e'];

const idOf = (title: string) => title.toLowerCase().replace(/\W+/g, '-');

/**
 * A Plot chart rendered into a div of its own (React leaves that div's children to Plot). It is drawn
 * again only when `drawn` changes (what it shows, in which language), not on every render of its screen.
 */
function PlotChart({ options, drawn }: { options: Plot.PlotOptions; drawn: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `drawn` stands for the options' content
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const chart = Plot.plot(options);
    // The chart is one image named by its label and described in words (the table after it has the
    // numbers); Plot's names for its marks' groups ("bar", "line") are not allowed on a <g>.
    const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector('svg[aria-label]');
    svg?.setAttribute('role', 'img');
    for (const g of chart.querySelectorAll('g[aria-label], g[aria-description]')) {
      g.removeAttribute('aria-label');
      g.removeAttribute('aria-description');
    }
    host.replaceChildren(chart);
    return () => chart.remove();
  }, [drawn]);
  return <div ref={ref} className="plot" />;
}

/** The figure: caption, the chart, then its data table. */
function Figure({
  title,
  chart,
  table,
  testId,
}: {
  title: string;
  chart: ReactNode;
  table: ReactNode;
  testId?: string;
}) {
  const id = idOf(title);
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`} data-testid={testId}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <div className="chart-body">
        {chart}
        {table}
      </div>
    </figure>
  );
}

export function BarChart({ title, bars, unit = '' }: { title: string; bars: Bar[]; unit?: string }) {
  const { t, decimal, locale } = useI18n();
  const labelWidth = Math.max(70, 12 + 7 * Math.max(0, ...bars.map((b) => b.label.length)));
  const description = bars.map((b) => `${b.label}: ${decimal(b.value)}${unit}`).join('; ');
  const options: Plot.PlotOptions = {
    ariaLabel: title,
    ariaDescription: description,
    width: labelWidth + 260,
    height: Math.max(60, bars.length * 26 + 30),
    marginLeft: labelWidth,
    marginRight: 60,
    x: { grid: true, label: null, tickFormat: (v: number) => decimal(v), ticks: 4 },
    y: { label: null, domain: bars.map((b) => b.label) },
    marks: [
      Plot.barX(bars, {
        x: 'value',
        y: 'label',
        fill: (_: Bar, i: number) => COLORS[i % COLORS.length],
      }),
      Plot.text(bars, {
        x: 'value',
        y: 'label',
        text: (b: Bar) => `${decimal(b.value)}${unit}`,
        textAnchor: 'start',
        dx: 4,
        fill: '#222',
      }),
      Plot.ruleX([0]),
    ],
  };
  return (
    <Figure
      title={title}
      chart={<PlotChart options={options} drawn={JSON.stringify([locale, title, bars, unit])} />}
      table={
        <ChartTable
          title={title}
          heads={[t('chart.label'), t('chart.value')]}
          rows={bars.map((bar) => ({
            key: bar.label,
            label: bar.label,
            cells: [
              <>
                {decimal(bar.value)}
                {unit}
              </>,
            ],
          }))}
        />
      }
    />
  );
}

/** One point of a series over time: `x` a label in order (a week), one value per series. */
export interface SeriesPoint {
  x: string;
  /** What the table's row header says for this point (e.g. the week in words). */
  label: string;
  values: number[];
}

/**
 * Lines over time, one per series (told apart by colour and by the dots' shape), with a legend; the table
 * after it has a row per point and a column per series.
 */
export function LineChart({
  title,
  xLabel,
  series,
  points,
  testId,
}: {
  title: string;
  xLabel: string;
  series: string[];
  points: SeriesPoint[];
  testId?: string;
}) {
  const { decimal, locale } = useI18n();
  const data = points.flatMap((p) =>
    series.map((name, i) => ({ x: p.x, label: p.label, series: name, value: p.values[i] })),
  );
  const description = series
    .map((name, i) => `${name}: ${points.map((p) => `${p.label} ${decimal(p.values[i])}`).join(', ')}`)
    .join('. ');
  const options: Plot.PlotOptions = {
    ariaLabel: title,
    ariaDescription: description,
    width: 560,
    height: 260,
    marginBottom: 40,
    x: { type: 'point', label: xLabel, domain: points.map((p) => p.x) },
    // Counts: whole-number ticks only (at most six of them).
    y: {
      grid: true,
      label: null,
      tickFormat: (v: number) => decimal(v),
      ticks: Math.max(1, Math.min(6, Math.ceil(Math.max(0, ...points.flatMap((p) => p.values))))),
      nice: true,
      zero: true,
    },
    color: { domain: series, range: COLORS.slice(0, series.length), legend: true },
    symbol: { domain: series, range: ['circle', 'square', 'triangle'] },
    marks: [
      Plot.ruleY([0]),
      Plot.line(data, { x: 'x', y: 'value', stroke: 'series', strokeWidth: 2 }),
      Plot.dot(data, { x: 'x', y: 'value', stroke: 'series', fill: 'series', symbol: 'series', r: 3.5 }),
    ],
  };
  return (
    <Figure
      title={title}
      testId={testId}
      chart={<PlotChart options={options} drawn={JSON.stringify([locale, title, xLabel, series, points])} />}
      table={
        <ChartTable
          title={title}
          heads={[xLabel, ...series]}
          rows={points.map((p) => ({ key: p.x, label: p.label, cells: p.values.map((v) => decimal(v)) }))}
          cellClass="num"
        />
      }
    />
  );
}

/** One column of a stacked chart: a part per series, drawn from `values`, listed in the table as `cells`. */
export interface StackedColumn {
  x: string;
  /** What the table's row header says for this column. */
  label: string;
  /** The parts as numbers, for drawing only. */
  values: number[];
  /** The table's cells in `columns` order, exactly as they should read (money stays the server's string). */
  cells: string[];
}

/**
 * Columns stacked from their parts (one colour per series, with a legend), e.g. a month's cost; the table
 * after it shows the exact amounts, which may have more columns than the chart has series (a total).
 */
export function StackedColumnChart({
  title,
  xLabel,
  series,
  columns,
  points,
  domain = points.map((p) => p.x),
  format,
  xFormat,
  testId,
}: {
  title: string;
  xLabel: string;
  series: string[];
  columns: string[];
  points: StackedColumn[];
  /** Every x the axis shows, in order: a column may be missing (a month not paid yet), its place kept. */
  domain?: string[];
  /** How an axis tick shows a drawn number. */
  format(value: number): string;
  /** How the axis names an x (short: the table names it in full). */
  xFormat?(x: string): string;
  testId?: string;
}) {
  const { locale } = useI18n();
  const data = points.flatMap((p) => series.map((name, i) => ({ x: p.x, series: name, value: p.values[i] })));
  const description = points
    .map((p) => `${p.label}: ${columns.map((c, i) => `${c} ${p.cells[i]}`).join(', ')}`)
    .join('. ');
  const options: Plot.PlotOptions = {
    ariaLabel: title,
    ariaDescription: description,
    width: 560,
    height: 280,
    marginLeft: 80,
    marginBottom: 40,
    x: { type: 'band', label: xLabel, domain, tickFormat: xFormat },
    y: { grid: true, label: null, tickFormat: format, ticks: 5, nice: true, zero: true },
    color: { domain: series, range: COLORS.slice(0, series.length), legend: true },
    marks: [Plot.barY(data, { x: 'x', y: 'value', fill: 'series', order: series }), Plot.ruleY([0])],
  };
  return (
    <Figure
      title={title}
      testId={testId}
      chart={
        <PlotChart
          options={options}
          drawn={JSON.stringify([locale, title, xLabel, series, points, domain])}
        />
      }
      table={
        <ChartTable
          title={title}
          heads={[xLabel, ...columns]}
          rows={points.map((p) => ({ key: p.x, label: p.label, cells: p.cells }))}
          headClass="amount"
          cellClass="amount"
        />
      }
    />
  );
}

/**
 * A chart's data as a table, read instead of the picture by screen readers and by anyone who wants the
 * exact figures: the first head names the rows, the others the columns; a row per point.
 */
function ChartTable({
  title,
  heads: [rowHead, ...columns],
  rows,
  headClass,
  cellClass,
}: {
  title: string;
  heads: string[];
  rows: { key: string; label: string; cells: ReactNode[] }[];
  headClass?: string;
  cellClass?: string;
}) {
  return (
    <table className="chart-table">
      <caption className="visually-hidden">{title}</caption>
      <thead>
        <tr>
          <th scope="col">{rowHead}</th>
          {columns.map((name) => (
            <th scope="col" className={headClass} key={name}>
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {row.cells.map((cell, i) => (
              <td key={columns[i]} className={cellClass}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
