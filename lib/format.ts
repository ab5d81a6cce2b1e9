import type { Rate } from "@/lib/metrics/rate";

const integer = new Intl.NumberFormat("en-GB");

export function formatCount(value: number): string {
  return integer.format(value);
}

/** A share as a percentage with one decimal; null means no data. */
export function formatShare(value: number | null): string {
  return value === null ? "No data" : `${(value * 100).toFixed(1)} %`;
}

export function formatInterval(rate: Rate): string | null {
  if (rate.low === null || rate.high === null) return null;

  return `95 % interval ${(rate.low * 100).toFixed(1)}–${(rate.high * 100).toFixed(1)} %`;
}

/** "1 lead", "2 leads". */
export function pluralise(
  count: number,
  noun: string,
  plural = `${noun}s`,
): string {
  return `${formatCount(count)} ${count === 1 ? noun : plural}`;
}
