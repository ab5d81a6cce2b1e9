import { compareShares } from "@/lib/metrics/difference";
import type { LostLeadClass, LostLeadSplit } from "@/lib/metrics/lost-leads";
import type { Rate } from "@/lib/metrics/rate";
import type { SourceFigures } from "@/lib/metrics/sources";

type SplitSource = LostLeadSplit["sources"][number];

export type SourceNarrativeInput = {
  /** The source's row of the comparison. */
  row: SourceFigures & { source: string };
  /** The source's row of the lost-lead split, when it has one. */
  split: SplitSource | undefined;
  /** All sources together, to compare the source with the others. */
  total: SourceFigures;
};

/** Below this many leads a source without any significant difference is
 * called too small to judge rather than "in line". */
const fewLeads = 30;

/** A share and that of all other sources together, as shown side by side. */
type Versus = { own: number; others: number; higher: boolean } | null;

// The other sources are the total minus this source: the same leads that
// getLostLeadSplit compares a source against.
function compareWithOthers(own: Rate, all: Rate): Versus {
  const others = {
    numerator: all.numerator - own.numerator,
    denominator: all.denominator - own.denominator,
  };
  const difference = compareShares(own, others);
  if (!difference.significant || difference.difference === null) return null;

  return {
    own: own.numerator / own.denominator,
    others: others.numerator / others.denominator,
    higher: difference.difference > 0,
  };
}

/** Whole percents, with one decimal when whole ones would read as equal. */
function formatPair(own: number, others: number): [string, string] {
  const whole = (value: number) => `${Math.round(value * 100)} %`;
  if (whole(own) !== whole(others)) return [whole(own), whole(others)];
  const tenth = (value: number) => `${(value * 100).toFixed(1)} %`;

  return [tenth(own), tenth(others)];
}

function formatPercent(value: number): string {
  return `${Math.round(value * 100)} %`;
}

// Per class: how "loses most leads …" goes on, and what the share holds.
const classWords: Record<LostLeadClass, { loses: string; holds: string }> = {
  do_not_contact: {
    loses: "to opt-outs",
    holds: "opted out or gave no consent",
  },
  lead_data: {
    loses: "to lead data",
    holds: "invalid, duplicate or test records",
  },
  follow_up: {
    loses: "to follow-up",
    holds: "never contacted and not fully worked",
  },
  unreachable: {
    loses: "to unreachable contacts",
    holds: "never contacted though fully worked",
  },
  not_converted: {
    loses: "after contact",
    holds: "contacted without converting",
  },
  not_contacted_unknown_effort: {
    loses: "without an attempt log",
    holds: "not contacted with no record of the effort",
  },
};

// The flagged class this source has most above the other sources.
function findFlaggedClass(split: SplitSource | undefined) {
  if (!split) return null;
  const flagged = (Object.keys(split.classes) as LostLeadClass[])
    .map((leadClass) => ({ leadClass, entry: split.classes[leadClass] }))
    .filter(
      ({ entry }) => entry.flagged && (entry.versusOthers.difference ?? 0) > 0,
    )
    .sort(
      (a, b) =>
        (b.entry.versusOthers.difference ?? 0) -
        (a.entry.versusOthers.difference ?? 0),
    );

  return flagged[0] ?? null;
}

// The class with the most of the source's lost leads, when one leads alone.
function findLargestClass(split: SplitSource): LostLeadClass | null {
  const counts = (Object.keys(split.classes) as LostLeadClass[])
    .map((leadClass) => ({ leadClass, leads: split.classes[leadClass].leads }))
    .sort((a, b) => b.leads - a.leads);
  const [first, second] = counts;
  if (!first || first.leads === 0) return null;

  return second && second.leads === first.leads ? null : first.leadClass;
}

function describeFlaggedClass(
  name: string,
  split: SplitSource,
  flagged: NonNullable<ReturnType<typeof findFlaggedClass>>,
): string {
  const { leadClass, entry } = flagged;
  const words = classWords[leadClass];
  const own = entry.share.value ?? 0;
  if (findLargestClass(split) === leadClass) {
    return `${name} loses most leads ${words.loses}: ${formatPercent(own)} ${words.holds}.`;
  }
  const others = own - (entry.versusOthers.difference ?? 0);
  const [ownText, othersText] = formatPair(own, others);

  return `${name} loses more leads ${words.loses} than the other sources: ${ownText} ${words.holds}, against ${othersText}.`;
}

/**
 * One plain sentence that says what the data shows for a source, from its
 * row of the comparison and of the lost-lead split. Only differences beyond
 * the 95 % interval against all other sources together are told as
 * differences; the first rule that applies wins:
 *
 * 1. the only source in view: its contact rate;
 * 2. effort-adjusted contact rate lower than the others (a bad lead, not a
 *    bad follow-up);
 * 3. the flagged lost-lead class most above the others;
 * 4. effort-adjusted contact rate higher than the others;
 * 5. conversion of contacted leads higher or lower;
 * 6. follow-up compliance lower;
 * 7. lead contact rate higher or lower;
 * 8. too few leads to judge, or in line with the others.
 */
export function describeSource({
  row,
  split,
  total,
}: SourceNarrativeInput): string {
  const name = row.source;
  if (row.leads === 0) return `No leads from ${name} in this period.`;

  const contact = row.leadContactRate;
  if (total.leads === row.leads) {
    return `${name} is the only source in this view: ${formatPercent(contact.value ?? 0)} of its ${row.leads} leads were contacted.`;
  }

  const effort = compareWithOthers(
    row.effortAdjustedContactRate,
    total.effortAdjustedContactRate,
  );
  if (effort && !effort.higher) {
    const [own, others] = formatPair(effort.own, effort.others);
    return `Leads from ${name} stay unreached even when fully worked: effort-adjusted contact rate ${own} against ${others} for the other sources.`;
  }

  const flagged = findFlaggedClass(split);
  if (split && flagged) return describeFlaggedClass(name, split, flagged);

  if (effort?.higher) {
    const [own, others] = formatPair(effort.own, effort.others);
    return `Leads from ${name} are reached more often when fully worked: effort-adjusted contact rate ${own} against ${others} for the other sources.`;
  }

  const conversion = compareWithOthers(
    row.contactedConversionRate,
    total.contactedConversionRate,
  );
  if (conversion) {
    const [own, others] = formatPair(conversion.own, conversion.others);
    return `Contacted leads from ${name} convert ${conversion.higher ? "more" : "less"} often: ${own} against ${others} for the other sources.`;
  }

  const followUp = compareWithOthers(
    row.followUpCompliance,
    total.followUpCompliance,
  );
  if (followUp && !followUp.higher) {
    const [own, others] = formatPair(followUp.own, followUp.others);
    return `Leads from ${name} are fully worked less often: follow-up compliance ${own} against ${others} for the other sources.`;
  }

  const contactVersus = compareWithOthers(contact, total.leadContactRate);
  if (contactVersus) {
    const [own, others] = formatPair(contactVersus.own, contactVersus.others);
    return `Leads from ${name} are contacted ${contactVersus.higher ? "more" : "less"} often: lead contact rate ${own} against ${others} for the other sources.`;
  }

  if (row.leads < fewLeads) {
    return `${name} has too few leads (${row.leads}) to tell apart from the other sources yet.`;
  }

  return `${name} is in line with the other sources: no figure differs from theirs beyond chance.`;
}
