import { describe, expect, it } from "vitest";
import { compareShares } from "@/lib/metrics/difference";
import { type LostLeadClass, lostLeadClasses } from "@/lib/metrics/lost-leads";
import { toRate } from "@/lib/metrics/rate";
import type { SourceFigures } from "@/lib/metrics/sources";
import { describeSource, type SourceNarrativeInput } from "./describe-source";
import { describeSplitFlag } from "./lost-lead-labels";

type Counts = {
  leads: number;
  contacted: number;
  fullyWorked: number;
  fullyWorkedContacted: number;
  contactedConverted?: number;
};

function figures(counts: Counts): SourceFigures {
  return {
    leads: counts.leads,
    persons: counts.leads,
    leadsWithoutPerson: 0,
    duplicateRate: toRate(0, counts.leads),
    invalidContactRate: toRate(0, counts.leads),
    leadContactRate: toRate(counts.contacted, counts.leads),
    workedContactRate: toRate(counts.contacted, counts.leads),
    followUpCompliance: toRate(counts.fullyWorked, counts.leads),
    effortAdjustedContactRate: toRate(
      counts.fullyWorkedContacted,
      counts.fullyWorked,
    ),
    contactedConversionRate: toRate(
      counts.contactedConverted ?? 0,
      counts.contacted,
    ),
    ltvPerLeadMinor: null,
    valuedLeads: 0,
    valuesNotConverted: 0,
  };
}

function sum(a: Counts, b: Counts): Counts {
  return {
    leads: a.leads + b.leads,
    contacted: a.contacted + b.contacted,
    fullyWorked: a.fullyWorked + b.fullyWorked,
    fullyWorkedContacted: a.fullyWorkedContacted + b.fullyWorkedContacted,
    contactedConverted:
      (a.contactedConverted ?? 0) + (b.contactedConverted ?? 0),
  };
}

type ClassCounts = Record<LostLeadClass | "converted", number>;

const evenClasses: ClassCounts = {
  converted: 10,
  do_not_contact: 5,
  lead_data: 10,
  not_contacted_unknown_effort: 5,
  follow_up: 20,
  unreachable: 20,
  not_converted: 30,
};

// A split row as getLostLeadSplit builds it: each class against all other
// sources together.
function splitRow(own: ClassCounts, others: ClassCounts) {
  const total = (counts: ClassCounts) =>
    Object.values(counts).reduce((a, b) => a + b, 0);
  const leads = total(own);
  const classes = Object.fromEntries(
    lostLeadClasses.map((leadClass) => {
      const versusOthers = compareShares(
        { numerator: own[leadClass], denominator: leads },
        { numerator: others[leadClass], denominator: total(others) },
      );

      return [
        leadClass,
        {
          leads: own[leadClass],
          share: toRate(own[leadClass], leads),
          versusOthers,
          flagged: versusOthers.significant,
        },
      ];
    }),
  ) as NonNullable<SourceNarrativeInput["split"]>["classes"];

  return { sourceId: 1, source: "", leads, converted: own.converted, classes };
}

function input(
  source: string,
  own: Counts,
  others: Counts,
  ownClasses: ClassCounts = evenClasses,
  otherClasses: ClassCounts = evenClasses,
): SourceNarrativeInput {
  return {
    row: { source, ...figures(own) },
    split: splitRow(ownClasses, otherClasses),
    total: figures(sum(own, others)),
  };
}

const steady: Counts = {
  leads: 100,
  contacted: 50,
  fullyWorked: 60,
  fullyWorkedContacted: 30,
  contactedConverted: 10,
};

describe("describing a source in one sentence", () => {
  it("tells a source whose fully worked leads stay unreached", () => {
    // 9 of 50 fully worked leads (18 %) against 52 of 100 (52 %): the
    // difference −0.34 ± 0.145 leaves out zero.
    const sentence = describeSource(
      input(
        "Affiliate list",
        { ...steady, fullyWorked: 50, fullyWorkedContacted: 9 },
        { ...steady, fullyWorked: 100, fullyWorkedContacted: 52 },
      ),
    );

    expect(sentence).toBe(
      "Leads from Affiliate list stay unreached even when fully worked: effort-adjusted contact rate 18 % against 52 % for the other sources.",
    );
  });

  it("names lead data when it is the source's largest and flagged class", () => {
    // 21 of 100 against 10 of 200 (5 %): + 0.16 ± 0.086, flagged; 21 is
    // more than any other class of the source.
    const meta: ClassCounts = {
      converted: 10,
      do_not_contact: 5,
      lead_data: 21,
      not_contacted_unknown_effort: 15,
      follow_up: 15,
      unreachable: 14,
      not_converted: 20,
    };
    const others: ClassCounts = {
      ...evenClasses,
      converted: 30,
      lead_data: 10,
      not_converted: 80,
      follow_up: 30,
    };
    const sentence = describeSource(
      input("Meta Lead Ads", steady, { ...steady, leads: 200 }, meta, others),
    );

    expect(sentence).toBe(
      "Meta Lead Ads loses most leads to lead data: 21 % invalid, duplicate or test records.",
    );
  });

  it("compares a flagged class with the others when it is not the largest", () => {
    // follow-up 30 of 100 against 20 of 200 (10 %): +0.20 ± 0.10, flagged;
    // not converted (40) is larger.
    const own: ClassCounts = {
      ...evenClasses,
      follow_up: 30,
      unreachable: 0,
      not_converted: 40,
    };
    const others: ClassCounts = {
      converted: 20,
      do_not_contact: 10,
      lead_data: 20,
      not_contacted_unknown_effort: 10,
      follow_up: 20,
      unreachable: 40,
      not_converted: 80,
    };
    const sentence = describeSource(
      input("Trade fair", steady, { ...steady, leads: 200 }, own, others),
    );

    expect(sentence).toBe(
      "Trade fair loses more leads to follow-up than the other sources: 30 % never contacted and not fully worked, against 10 %.",
    );
  });

  it("tells a source whose contacted leads convert more often", () => {
    // 25 of 50 against 10 of 50: +0.30 ± 0.18.
    const sentence = describeSource(
      input(
        "Referral",
        { ...steady, contactedConverted: 25 },
        { ...steady, contactedConverted: 10 },
      ),
    );

    expect(sentence).toBe(
      "Contacted leads from Referral convert more often: 50 % against 20 % for the other sources.",
    );
  });

  it("calls a small source without significant differences too small to judge", () => {
    const small: Counts = {
      leads: 10,
      contacted: 4,
      fullyWorked: 6,
      fullyWorkedContacted: 3,
      contactedConverted: 1,
    };
    const sentence = describeSource(input("Flyer", small, steady));

    expect(sentence).toBe(
      "Flyer has too few leads (10) to tell apart from the other sources yet.",
    );
  });

  it("calls a large source without significant differences in line", () => {
    expect(describeSource(input("Web form", steady, steady))).toBe(
      "Web form is in line with the other sources: no figure differs from theirs beyond chance.",
    );
  });

  it("gives the contact rate of the only source in view", () => {
    const own = figures(steady);

    expect(
      describeSource({
        row: { source: "Web form", ...own },
        split: undefined,
        total: own,
      }),
    ).toBe(
      "Web form is the only source in this view: 50 % of its 100 leads were contacted.",
    );
  });

  it("shows a decimal when whole percents would read as equal", () => {
    // 50 400 of 100 000 against 49 600 of 100 000: +0.8 points ± 0.44, both
    // round to 50 %.
    const sentence = describeSource(
      input(
        "Search",
        { ...steady, leads: 100_000, contacted: 50_400 },
        { ...steady, leads: 100_000, contacted: 49_600 },
      ),
    );

    expect(sentence).toBe(
      "Leads from Search are contacted more often: lead contact rate 50.4 % against 49.6 % for the other sources.",
    );
  });
});

describe("flags of the lost-lead split", () => {
  it("says which way a flagged class differs", () => {
    const higher = compareShares(
      { numerator: 30, denominator: 100 },
      { numerator: 10, denominator: 100 },
    );

    expect(describeSplitFlag("follow_up", higher)).toBe(
      "follow-up share higher than other sources",
    );
  });

  it("says nothing of a difference within chance", () => {
    const within = compareShares(
      { numerator: 11, denominator: 100 },
      { numerator: 10, denominator: 100 },
    );

    expect(describeSplitFlag("lead_data", within)).toBeNull();
  });
});
