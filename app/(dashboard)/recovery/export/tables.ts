import {
  type CsvColumn,
  type CsvComparison,
  countChange,
  csvShare,
  shareChange,
  toCsv,
} from "@/lib/export/csv";
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

/**
 * The columns of a rate: numerator, denominator, share and interval. With
 * the previous period, numerator, denominator and share are each followed
 * by their value then (`previous_…`) and their change (`change_…`: counts
 * as current minus previous, the share in percentage points); the
 * interval is the current period's only.
 */
function rateColumns<Row>(
  numerator: string,
  denominator: string,
  share: string,
  rateOf: (row: Row) => Rate,
): CsvColumn<Row>[] {
  return [
    {
      header: numerator,
      value: (row) => rateOf(row).numerator,
      change: countChange((row) => rateOf(row).numerator),
    },
    {
      header: denominator,
      value: (row) => rateOf(row).denominator,
      change: countChange((row) => rateOf(row).denominator),
    },
    {
      header: share,
      value: (row) => csvShare(rateOf(row).value),
      change: shareChange((row) => rateOf(row).value),
    },
    { header: "interval_low", value: (row) => csvShare(rateOf(row).low) },
    { header: "interval_high", value: (row) => csvShare(rateOf(row).high) },
  ];
}

/** Each row meets the row of the previous period with the same key. */
function matchByKey<Row>(
  before: Row[] | undefined,
  keyOf: (row: Row) => string,
): CsvComparison<Row> | undefined {
  if (!before) return undefined;

  return {
    previousOf: (row) => before.find((entry) => keyOf(entry) === keyOf(row)),
  };
}

type StepRow = RecoveryFunnel["steps"][number];

export function toFunnelCsv(
  funnel: RecoveryFunnel,
  previous?: RecoveryFunnel,
): string {
  return toCsv(
    funnel.steps,
    [
      { header: "step", value: (step) => step.label },
      ...rateColumns<StepRow>(
        "leads",
        "leads_at_step_before",
        "share_of_step_before",
        (step) => step.rate,
      ),
    ],
    matchByKey(previous?.steps, (step) => step.step),
  );
}

type ChannelRow = { channel: string; rate: Rate };

function toChannelRows(byChannel: RecoveryByChannel): ChannelRow[] {
  return [
    ...byChannel.channels.map((entry) => ({
      channel: channelLabels[entry.channel],
      rate: entry.rate,
    })),
    { channel: "All channels", rate: byChannel.total },
  ];
}

export function toChannelCsv(
  byChannel: RecoveryByChannel,
  previous?: RecoveryByChannel,
): string {
  return toCsv(
    toChannelRows(byChannel),
    [
      { header: "channel", value: (row) => row.channel },
      ...rateColumns<ChannelRow>(
        "recovered",
        "messaged",
        "recovery_rate",
        (row) => row.rate,
      ),
    ],
    matchByKey(previous && toChannelRows(previous), (row) => row.channel),
  );
}

type DelayRow = { delay: string; channel: string; rate: Rate };

function toDelayRows(byDelay: RecoveryByDelay): DelayRow[] {
  return byDelay.buckets.flatMap((bucket) => [
    { delay: bucket.label, channel: "All channels", rate: bucket.rate },
    ...bucket.channels.map((entry) => ({
      delay: bucket.label,
      channel: channelLabels[entry.channel],
      rate: entry.rate,
    })),
  ]);
}

export function toDelayCsv(
  byDelay: RecoveryByDelay,
  previous?: RecoveryByDelay,
): string {
  return toCsv(
    toDelayRows(byDelay),
    [
      { header: "delay", value: (row) => row.delay },
      { header: "channel", value: (row) => row.channel },
      ...rateColumns<DelayRow>(
        "recovered",
        "messaged",
        "recovery_rate",
        (row) => row.rate,
      ),
    ],
    matchByKey(
      previous && toDelayRows(previous),
      (row) => `${row.delay}/${row.channel}`,
    ),
  );
}

type TemplateRow = RecoveryByTemplate["templates"][number];

export function toTemplateCsv(
  byTemplate: RecoveryByTemplate,
  previous?: RecoveryByTemplate,
): string {
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

  return toCsv(
    byTemplate.templates,
    [
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
    ],
    matchByKey(previous?.templates, (row) => String(row.templateId)),
  );
}

type IncrementalRow = {
  figure: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  low: number | null;
  high: number | null;
};

function toIncrementalRows(incremental: IncrementalRecovery): IncrementalRow[] {
  const { messaged, holdout, incremental: difference } = incremental;

  return [
    { figure: "Recovery rate of messaged leads", ...messaged },
    { figure: "Contact rate of the hold-out", ...holdout },
    {
      figure: "Incremental recovery (difference)",
      numerator: null,
      denominator: null,
      value: difference.difference,
      low: difference.low,
      high: difference.high,
    },
  ];
}

export function toIncrementalCsv(
  incremental: IncrementalRecovery,
  previous?: IncrementalRecovery,
): string {
  return toCsv(
    toIncrementalRows(incremental),
    [
      { header: "figure", value: (row) => row.figure },
      {
        header: "numerator",
        value: (row) => row.numerator,
        change: countChange((row) => row.numerator),
      },
      {
        header: "denominator",
        value: (row) => row.denominator,
        change: countChange((row) => row.denominator),
      },
      {
        header: "value",
        value: (row) => csvShare(row.value),
        change: shareChange((row) => row.value),
      },
      { header: "interval_low", value: (row) => csvShare(row.low) },
      { header: "interval_high", value: (row) => csvShare(row.high) },
    ],
    matchByKey(previous && toIncrementalRows(previous), (row) => row.figure),
  );
}
