import { type CsvColumn, csvShare, toCsv } from "@/lib/export/csv";
import type { Rate } from "@/lib/metrics/rate";
import type {
  RecoveryByChannel,
  RecoveryByDelay,
  RecoveryByTemplate,
} from "@/lib/metrics/recovery";
import type {
  IncrementalRecovery,
  RecoveryFunnel,
} from "@/lib/metrics/recovery-funnel";
import { channelLabels, templateCheckLabels } from "../_components/labels";

/** The columns of a rate: numerator, denominator, share and interval. */
function rateColumns<Row>(
  numerator: string,
  denominator: string,
  share: string,
  rateOf: (row: Row) => Rate,
): CsvColumn<Row>[] {
  return [
    { header: numerator, value: (row) => rateOf(row).numerator },
    { header: denominator, value: (row) => rateOf(row).denominator },
    { header: share, value: (row) => csvShare(rateOf(row).value) },
    { header: "interval_low", value: (row) => csvShare(rateOf(row).low) },
    { header: "interval_high", value: (row) => csvShare(rateOf(row).high) },
  ];
}

export function toFunnelCsv(funnel: RecoveryFunnel): string {
  return toCsv(funnel.steps, [
    { header: "step", value: (step) => step.label },
    ...rateColumns<RecoveryFunnel["steps"][number]>(
      "leads",
      "leads_at_step_before",
      "share_of_step_before",
      (step) => step.rate,
    ),
  ]);
}

export function toChannelCsv(byChannel: RecoveryByChannel): string {
  const rows = [
    ...byChannel.channels.map((entry) => ({
      channel: channelLabels[entry.channel],
      rate: entry.rate,
    })),
    { channel: "All channels", rate: byChannel.total },
  ];

  return toCsv(rows, [
    { header: "channel", value: (row) => row.channel },
    ...rateColumns<(typeof rows)[number]>(
      "recovered",
      "messaged",
      "recovery_rate",
      (row) => row.rate,
    ),
  ]);
}

export function toDelayCsv(byDelay: RecoveryByDelay): string {
  const rows = byDelay.buckets.flatMap((bucket) => [
    { delay: bucket.label, channel: "All channels", rate: bucket.rate },
    ...bucket.channels.map((entry) => ({
      delay: bucket.label,
      channel: channelLabels[entry.channel],
      rate: entry.rate,
    })),
  ]);

  return toCsv(rows, [
    { header: "delay", value: (row) => row.delay },
    { header: "channel", value: (row) => row.channel },
    ...rateColumns<(typeof rows)[number]>(
      "recovered",
      "messaged",
      "recovery_rate",
      (row) => row.rate,
    ),
  ]);
}

type TemplateRow = RecoveryByTemplate["templates"][number];

export function toTemplateCsv(byTemplate: RecoveryByTemplate): string {
  const checks = Object.entries(templateCheckLabels).map(
    ([key, label]): CsvColumn<TemplateRow> => ({
      header: label,
      value: (row) =>
        row.checks === null
          ? ""
          : row.checks[key as keyof typeof templateCheckLabels]
            ? "yes"
            : "no",
    }),
  );

  return toCsv(byTemplate.templates, [
    {
      header: "template",
      value: (row) => row.name ?? "Sent without a template",
    },
    ...checks,
    { header: "checks_passed", value: (row) => row.checksPassed },
    ...rateColumns<TemplateRow>(
      "recovered",
      "messaged",
      "recovery_rate",
      (row) => row.rate,
    ),
  ]);
}

export function toIncrementalCsv(incremental: IncrementalRecovery): string {
  const { messaged, holdout, incremental: difference } = incremental;
  const rows = [
    {
      figure: "Recovery rate of messaged leads",
      numerator: messaged.numerator,
      denominator: messaged.denominator,
      value: messaged.value,
      low: messaged.low,
      high: messaged.high,
    },
    {
      figure: "Contact rate of the hold-out",
      numerator: holdout.numerator,
      denominator: holdout.denominator,
      value: holdout.value,
      low: holdout.low,
      high: holdout.high,
    },
    {
      figure: "Incremental recovery (difference)",
      numerator: null,
      denominator: null,
      value: difference.difference,
      low: difference.low,
      high: difference.high,
    },
  ];

  return toCsv(rows, [
    { header: "figure", value: (row) => row.figure },
    { header: "numerator", value: (row) => row.numerator },
    { header: "denominator", value: (row) => row.denominator },
    { header: "value", value: (row) => csvShare(row.value) },
    { header: "interval_low", value: (row) => csvShare(row.low) },
    { header: "interval_high", value: (row) => csvShare(row.high) },
  ]);
}
