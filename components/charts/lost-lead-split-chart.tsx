"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type SplitSegment = {
  /** Key of the class in each bar: "converted" or a lost-lead class. */
  key: string;
  label: string;
  colour: string;
};

/** One source's bar: per class its share of the source's leads in percent
 * and its lead count. */
export type SplitBar = {
  source: string;
  leads: number;
  segments: Record<string, { percent: number; leads: number }>;
};

/**
 * The lost-lead split as one horizontal bar per source, stacked to 100 % of
 * its leads. Draws what it is given; the table that goes with it carries the
 * same counts, shares and flags, and the page gives the legend with what
 * each class holds.
 */
export function LostLeadSplitChart({
  bars,
  segments,
  label,
}: {
  bars: SplitBar[];
  segments: SplitSegment[];
  /** What the chart shows, for screen readers. */
  label: string;
}) {
  const data = bars.map((bar) => ({
    source: bar.source,
    ...Object.fromEntries(
      segments.map(({ key }) => [key, bar.segments[key]?.percent ?? 0]),
    ),
  }));
  const height = 80 + bars.length * 44;

  return (
    <div className="w-full" style={{ height }} role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid
            strokeDasharray="3 3"
            stroke="currentColor"
            strokeOpacity={0.15}
            horizontal={false}
          />
          <XAxis
            type="number"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            allowDataOverflow
            unit=" %"
            tick={{ fontSize: 12 }}
          />
          <YAxis
            type="category"
            dataKey="source"
            width={120}
            tick={{ fontSize: 12 }}
          />
          <Tooltip
            formatter={(value, name, item) => {
              const source = (item.payload as { source: string }).source;
              const bar = bars.find((entry) => entry.source === source);
              const leads = bar?.segments[String(item.dataKey)]?.leads ?? 0;

              return [
                `${Number(value).toFixed(1)} % (${leads} of ${bar?.leads ?? 0} leads)`,
                String(name),
              ];
            }}
          />
          {segments.map((segment) => (
            <Bar
              key={segment.key}
              dataKey={segment.key}
              name={segment.label}
              stackId="split"
              fill={segment.colour}
              stroke="var(--color-white, #fff)"
              strokeWidth={1}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
