"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type DelaySeries = {
  /** Key of the series in each point: "all" or a channel. */
  key: string;
  label: string;
  colour: string;
};

/** One delay bucket: per series, the rate in percent (null: no data) and
 * the counts behind it for the tooltip. */
export type DelayPoint = {
  bucket: string;
  values: Record<string, { percent: number | null; of: string }>;
};

/**
 * Recovery rate per delay bucket, a group of bars per bucket and a bar per
 * series. Draws what it is given; the table beside it carries the same
 * numbers with their intervals for readers who cannot see the chart.
 */
export function RecoveryRateByDelayChart({
  points,
  series,
  label,
}: {
  points: DelayPoint[];
  series: DelaySeries[];
  /** What the chart shows, for screen readers; the numbers are in the
   * table that goes with it. */
  label: string;
}) {
  const data = points.map((point) => ({
    bucket: point.bucket,
    ...Object.fromEntries(
      series.map(({ key }) => [key, point.values[key]?.percent ?? null]),
    ),
  }));

  return (
    <div className="h-64 w-full" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
        >
          <CartesianGrid
            strokeDasharray="3 3"
            stroke="currentColor"
            strokeOpacity={0.15}
            vertical={false}
          />
          <XAxis dataKey="bucket" tick={{ fontSize: 12 }} />
          <YAxis
            unit=" %"
            domain={[0, 100]}
            tick={{ fontSize: 12 }}
            width={52}
          />
          <Tooltip
            formatter={(value, name, item) => {
              const bucket = String(
                (item.payload as { bucket: string }).bucket,
              );
              const entry = series.find(
                (candidate) => candidate.key === item.dataKey,
              );
              const counts = points.find((point) => point.bucket === bucket)
                ?.values[String(item.dataKey)];

              return [
                value === null || value === undefined
                  ? "No data"
                  : `${Number(value).toFixed(1)} % (${counts?.of ?? ""})`,
                entry?.label ?? String(name),
              ];
            }}
          />
          {/* Keep the legend in the order of the bars, not sorted by name. */}
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {series.map((entry) => (
            <Bar
              key={entry.key}
              dataKey={entry.key}
              name={entry.label}
              fill={entry.colour}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
