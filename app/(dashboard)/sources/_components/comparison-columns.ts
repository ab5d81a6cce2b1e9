import type { Rate } from "@/lib/metrics/rate";
import type { SourceFigures } from "@/lib/metrics/sources";

/** The figures of a source that are rates. */
export type SourceRateKey = {
  [Key in keyof SourceFigures]: SourceFigures[Key] extends Rate ? Key : never;
}[keyof SourceFigures];

/** The rate columns, in the order of the metric definitions. */
export const comparisonRates = [
  ["duplicateRate", "Duplicate rate"],
  ["invalidContactRate", "Invalid-contact rate"],
  ["leadContactRate", "Lead contact rate"],
  ["workedContactRate", "Worked contact rate"],
  ["followUpCompliance", "Follow-up compliance"],
  ["effortAdjustedContactRate", "Effort-adjusted contact rate"],
  ["contactedConversionRate", "Conversion of contacted leads"],
] as const satisfies readonly (readonly [SourceRateKey, string])[];
