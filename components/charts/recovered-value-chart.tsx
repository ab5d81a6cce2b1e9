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
import { formatMinorAmount } from "@/lib/money/format-amount";

export type RecoveredValuePoint = {
  /** The month as shown, e.g. "Nov 2026". */
  month: string;
  recoveredValueMinor: number;
  recoveredRevenueMinor: number;
};

/**
 * Recovered value and recovered revenue per month, in minor units of the
 * report currency. Draws what it is given; the table that goes with it
 * carries the same amounts.
 */
export function RecoveredValueChart({
  points,
  currency,
  digits,
  label,
}: {
  points: RecoveredValuePoint[];
  currency: string;
  /** Minor-unit digits of the currency (2 for EUR). */
  digits: number;
  /** What the chart shows, for screen readers. */
  label: string;
}) {
  const money = (value: unknown, compact = false) =>
    formatMinorAmount(Number(value), currency, digits, { compact });

  return (
    <div className="h-72 w-full" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={points}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid
            strokeDasharray="3 3"
            stroke="currentColor"
            strokeOpacity={0.15}
            vertical={false}
          />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis
            tickFormatter={(value) => money(value, true)}
            tick={{ fontSize: 12 }}
            width={64}
          />
          <Tooltip formatter={(value, name) => [money(value), String(name)]} />
          {/* Keep the legend in the order of the bars, not sorted by name. */}
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          <Bar
            dataKey="recoveredValueMinor"
            name="Recovered value"
            fill="var(--color-chart-blue)"
            isAnimationActive={false}
          />
          <Bar
            dataKey="recoveredRevenueMinor"
            name="Recovered revenue"
            fill="var(--color-chart-orange)"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
