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

export type AttemptsToContactBar = {
  /** Outbound calls up to and including the first contact. */
  calls: number;
  leads: number;
};

/** Contacted leads by the calls it took; draws what it is given. */
export function AttemptsToContactChart({
  bars,
}: {
  bars: AttemptsToContactBar[];
}) {
  return (
    <div className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={bars}
          margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
        >
          <CartesianGrid
            strokeDasharray="3 3"
            stroke="currentColor"
            strokeOpacity={0.15}
          />
          <XAxis
            dataKey="calls"
            tick={{ fontSize: 12 }}
            tickFormatter={(value) => `${value}`}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={52} />
          <Tooltip
            labelFormatter={(label) =>
              Number(label) === 0
                ? "Reached us before any call"
                : `${label} call${Number(label) === 1 ? "" : "s"}`
            }
            formatter={(value) => [`${value} leads`, "Contacted"]}
          />
          <Bar
            dataKey="leads"
            fill="var(--color-chart-sky)"
            stroke="var(--color-chart-blue)"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
