import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { getContactRates } from "@/lib/metrics/contact";
import type { MetricFilter } from "@/lib/metrics/filter";
import { getLostLeadSplit } from "@/lib/metrics/lost-leads";
import { getOverviewFigures } from "@/lib/metrics/overview";
import { getFollowUpCompliance } from "@/lib/metrics/policy";
import { getRecoveryByChannel } from "@/lib/metrics/recovery";
import { getSourceComparison } from "@/lib/metrics/sources";
import { getSpeedToLead } from "@/lib/metrics/speed";
import { insertFixture } from "@/lib/testing/fixture";
import { countLeads, listLeads } from "./list";
import { type LeadSetId, leadSetIds } from "./sets";
import { leadFixture, march } from "./test-fixture";

let connection: Connection;
let adsId: number;

beforeAll(async () => {
  connection = await createTestConnection();
  const ids = await insertFixture(connection.db, leadFixture);
  adsId = ids.sourceIds.get("Ads") ?? 0;
});
afterAll(() => connection.close());

async function membersOf(set: LeadSetId, filter: MetricFilter = march) {
  const list = await listLeads(connection.db, filter, {
    set,
    sort: "created",
    direction: "asc",
    page: 1,
    pageSize: 100,
  });

  return list.rows.map((row) => row.externalId).sort();
}

/** What each set's figure says its size is, from the lib/metrics functions. */
async function figureSizes(
  filter: MetricFilter,
): Promise<Record<LeadSetId, number>> {
  const db = connection.db;
  const [
    overview,
    contact,
    followUp,
    speed,
    recovery,
    perChannel,
    sources,
    split,
  ] = await Promise.all([
    getOverviewFigures(db, filter),
    getContactRates(db, filter),
    getFollowUpCompliance(db, filter),
    getSpeedToLead(db, filter),
    getRecoveryByChannel(db, filter),
    getRecoveryByChannel(db, { ...filter, channels: [] }),
    getSourceComparison(db, filter),
    getLostLeadSplit(db, filter),
  ]);
  const compliance = followUp.overall.compliance;
  // A channel row of the recovery page without a channel filter links
  // here with `channel=`: its numerator is the size of the set.
  const recovered =
    filter.channels.length === 0
      ? recovery.total.numerator
      : perChannel.channels
          .filter((entry) => filter.channels.includes(entry.channel))
          .reduce((sum, entry) => sum + entry.rate.numerator, 0);
  const lost = split.total.classes;

  return {
    all: overview.leads,
    contacted: overview.leadContactRate.numerator,
    "not-contacted":
      overview.leadContactRate.denominator - overview.leadContactRate.numerator,
    worked: contact.workedLeads,
    "fully-worked": compliance.numerator,
    "not-fully-worked": compliance.denominator - compliance.numerator,
    "not-attempted": speed.notAttempted,
    "within-speed-target": speed.withinTarget.numerator,
    "call-failed": recovery.callFailed,
    messaged: recovery.messaged,
    recovered,
    converted: overview.contactedConversionRate.numerator,
    "all-converted": split.total.converted,
    "invalid-contact": sources.total.invalidContactRate.numerator,
    duplicate: sources.total.duplicateRate.numerator,
    // The leads every period's figures leave out, counted apart.
    undated: overview.leftOut,
    "lost-do_not_contact": lost.do_not_contact.leads,
    "lost-lead_data": lost.lead_data.leads,
    "lost-not_contacted_unknown_effort":
      lost.not_contacted_unknown_effort.leads,
    "lost-follow_up": lost.follow_up.leads,
    "lost-unreachable": lost.unreachable.leads,
    "lost-not_converted": lost.not_converted.leads,
  };
}

async function setSizes(filter: MetricFilter) {
  const sizes = await Promise.all(
    leadSetIds.map((set) => countLeads(connection.db, filter, { set })),
  );

  return Object.fromEntries(leadSetIds.map((set, i) => [set, sizes[i]]));
}

describe("lead sets", () => {
  it("selects the hand-checked leads of each set for March", async () => {
    const expected: Record<LeadSetId, string[]> = {
      all: ["a1", "a10", "a11", "a12", "a2", "a3", "a4", "a5", "a6", "a7"]
        .concat(["a8", "a9", "b1", "c1"])
        .sort(),
      contacted: ["a1", "a11", "a12", "a2", "a3", "a6", "c1"],
      "not-contacted": ["a10", "a4", "a5", "a7", "a8", "a9", "b1"],
      worked: ["a1", "a10", "a11", "a12", "a2", "a3", "a4", "a6", "a7"]
        .concat(["a8", "a9", "b1", "c1"])
        .sort(),
      "fully-worked": [
        "a1",
        "a10",
        "a11",
        "a12",
        "a2",
        "a3",
        "a6",
        "a9",
      ].concat(["c1"]),
      "not-fully-worked": ["a4", "a5", "a7", "a8", "b1"],
      "not-attempted": ["a5"],
      "within-speed-target": ["a1", "a12", "a3", "a4", "a6", "a7", "a9"].concat(
        ["b1", "c1"],
      ),
      "call-failed": ["a2", "a3", "a4", "a7", "a8", "a9", "b1", "c1"],
      messaged: ["a2", "a3", "a4", "a9", "c1"],
      recovered: ["a2", "a3", "c1"],
      converted: ["a1"],
      // a4 converted without being contacted: the split counts it.
      "all-converted": ["a1", "a4"],
      "invalid-contact": ["a7"],
      duplicate: ["a6"],
      // In no period: March's filter leaves it out of every other set.
      undated: ["a14"],
      "lost-do_not_contact": ["a8"],
      "lost-lead_data": ["a6", "a7"],
      // a5 has neither an attempt nor an outcome of its own: not called,
      // which is follow-up, not unknown effort.
      "lost-not_contacted_unknown_effort": [],
      "lost-follow_up": ["a5", "b1"],
      "lost-unreachable": ["a9"],
      "lost-not_converted": ["a10", "a11", "a12", "a2", "a3", "c1"],
    };

    for (const set of leadSetIds) {
      expect({ set, members: await membersOf(set) }).toEqual({
        set,
        members: expected[set],
      });
    }
  });

  it("narrows contact, work and recovery to the whatsapp channel", async () => {
    const whatsapp = { ...march, channels: ["whatsapp" as const] };

    expect(await membersOf("contacted", whatsapp)).toEqual(["a2"]);
    expect(await membersOf("worked", whatsapp)).toEqual(["a2", "a9", "c1"]);
    expect(await membersOf("messaged", whatsapp)).toEqual(["a2", "a9", "c1"]);
    expect(await membersOf("recovered", whatsapp)).toEqual(["a2", "c1"]);
    expect(await membersOf("within-speed-target", whatsapp)).toEqual([]);
    expect(await membersOf("fully-worked", whatsapp)).toHaveLength(9);
  });

  it("credits a recovery by a later call to the last message's channel", async () => {
    const sms = { ...march, channels: ["sms" as const] };

    // c1 got an sms, then a whatsapp, then answered a call: whatsapp's.
    expect(await membersOf("messaged", sms)).toEqual(["a3", "c1"]);
    expect(await membersOf("recovered", sms)).toEqual(["a3"]);
  });

  it("keeps the source narrowing of the filter", async () => {
    const ads = { ...march, sourceIds: [adsId] };

    expect(await membersOf("all", ads)).toEqual(["b1"]);
    // a14, the undated lead, is of Web.
    expect(await membersOf("undated", ads)).toEqual([]);
    expect(await membersOf("lost-follow_up", ads)).toEqual(["b1"]);
    expect(await membersOf("contacted", ads)).toEqual([]);
  });

  it.each([
    ["no narrowing", {}],
    ["the whatsapp channel", { channels: ["whatsapp" as const] }],
    ["the sms channel", { channels: ["sms" as const] }],
    ["the call channel", { channels: ["call" as const] }],
    ["an earlier period", { from: "2026-02-01", to: "2026-02-28" }],
  ])(
    "has the size of its figure's numerator or count under %s",
    async (_name, narrowing) => {
      const filter = { ...march, ...narrowing };

      expect(await setSizes(filter)).toEqual(await figureSizes(filter));
    },
  );

  it("has the size of its figure's count for one source", async () => {
    const filter = { ...march, sourceIds: [adsId] };

    expect(await setSizes(filter)).toEqual(await figureSizes(filter));
  });
});
