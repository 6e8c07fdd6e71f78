import { useI18n } from './i18n/context';

/**
 * Bar charts in plain SVG (no chart library), each with the same numbers in a table beside it for
 * screen readers and for people who would rather read than look.
 */
export interface Bar {
  label: string;
  value: number;
}

const COLORS = ['#2f5d8a', '#b35c1e', '#3d7a3a', '#7a3d6e', '#8a7a2f', '#2f7a7a', '#6e6e6e'];

export function BarChart({ title, bars, unit = '' }: { title: string; bars: Bar[]; unit?: string }) {
  const { t, decimal } = useI18n();
  const rowHeight = 26;
  // Room for the longest label (about 8 px a character at 12 px), so none is clipped.
  const labelWidth = Math.max(70, 12 + 8 * Math.max(0, ...bars.map((b) => b.label.length)));
  const width = labelWidth + 230;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(rowHeight, bars.length * rowHeight) + 8;
  const id = title.toLowerCase().replace(/\W+/g, '-');
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <div className="chart-body">
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          aria-hidden="true"
          focusable="false"
        >
          {bars.map((bar, i) => {
            const w = ((width - labelWidth - 50) * bar.value) / max;
            const y = 4 + i * rowHeight;
            return (
              <g key={bar.label}>
                <text x={labelWidth - 6} y={y + 16} textAnchor="end" fontSize="12" fill="#222">
                  {bar.label}
                </text>
                <rect
                  x={labelWidth}
                  y={y + 3}
                  width={Math.max(w, 1)}
                  height={rowHeight - 8}
                  fill={COLORS[i % COLORS.length]}
                />
                <text x={labelWidth + w + 4} y={y + 16} fontSize="12" fill="#222">
                  {decimal(bar.value)}
                  {unit}
                </text>
              </g>
            );
          })}
        </svg>
        <table className="chart-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chart.label')}</th>
              <th scope="col">{t('chart.value')}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.label}</th>
                <td>
                  {decimal(bar.value)}
                  {unit}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
