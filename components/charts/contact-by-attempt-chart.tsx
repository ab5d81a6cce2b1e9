"use client";

import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type ContactByAttemptPoint = {
  attempt: number;
  /** Percent of the period's leads first contacted by call 1..attempt;
   * null without leads. */
  percent: number | null;
  contacted: number;
  leads: number;
};

/** The cumulative contact curve by call number; draws what it is given. */
export function ContactByAttemptChart({
  points,
}: {
  points: ContactByAttemptPoint[];
}) {
  return (
    <div className="h-64 w-full">
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
          <XAxis
            dataKey="attempt"
            tick={{ fontSize: 12 }}
            tickFormatter={(value) => `call ${value}`}
          />
          <YAxis
            unit=" %"
            domain={[0, 100]}
            tick={{ fontSize: 12 }}
            width={52}
          />
          <Tooltip
            labelFormatter={(label) => `By call ${label}`}
            formatter={(value, _name, item) => {
              const point = item.payload as ContactByAttemptPoint;

              return [
                value === null
                  ? "No data"
                  : `${Number(value).toFixed(1)} % (${point.contacted} of ${point.leads} leads)`,
                "Contacted",
              ];
            }}
          />
          <Line
            type="linear"
            dataKey="percent"
            stroke="var(--color-chart-blue)"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
