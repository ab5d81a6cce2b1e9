"use client";

import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type ContactRatePoint = {
  day: string;
  /** Percent, or null for a day without leads. */
  percent: number | null;
  contacted: number;
  leads: number;
};

/** Daily lead contact rate; draws what it is given and fetches nothing. */
export function ContactRateChart({
  points,
  targetPercent,
}: {
  points: ContactRatePoint[];
  targetPercent?: number;
}) {
  return (
    <div className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={points}
          margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
        >
          <CartesianGrid
            strokeDasharray="3 3"
            stroke="currentColor"
            strokeOpacity={0.15}
          />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} minTickGap={24} />
          <YAxis
            unit=" %"
            domain={[0, 100]}
            tick={{ fontSize: 12 }}
            width={52}
          />
          <Tooltip
            formatter={(value, _name, item) => {
              const point = item.payload as ContactRatePoint;

              return [
                value === null
                  ? "No data"
                  : `${Number(value).toFixed(1)} % (${point.contacted} of ${point.leads})`,
                "Lead contact rate",
              ];
            }}
          />
          {targetPercent !== undefined ? (
            <ReferenceLine
              y={targetPercent}
              stroke="var(--color-chart-orange)"
              strokeDasharray="6 4"
              label={{
                value: `target ${targetPercent} %`,
                position: "insideTopRight",
                fontSize: 12,
              }}
            />
          ) : null}
          <Line
            type="monotone"
            dataKey="percent"
            stroke="var(--color-chart-blue)"
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
