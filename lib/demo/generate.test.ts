import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fakePhones } from "./contacts";
import { generateDemo } from "./generate";

const options = { seed: 1, today: "2026-12-04", leads: 2000 };
const data = generateDemo(options);

function hashOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

describe("generateDemo", () => {
  it("gives the same records for the same seed and day", () => {
    const again = generateDemo(options);

    expect(hashOf(again)).toBe(hashOf(data));
    expect(hashOf(data)).toBe(
      "68d5f538213bc3ced347ddd368c54d64b9ce4700a44fc73ebf460de07bd21ff0",
    );
  });

  it("counts exactly 2000 leads, 8316 attempts, 772 messages for seed 1", () => {
    const messages = data.attempts.filter(
      (attempt) =>
        attempt.channel !== "call" && attempt.direction === "outbound",
    );

    expect(data.leads).toHaveLength(2000);
    expect(data.attempts).toHaveLength(8316);
    expect(messages).toHaveLength(772);
    expect(data.leads.filter((lead) => lead.converted)).toHaveLength(145);
    expect(data.leads.filter((lead) => lead.holdout)).toHaveLength(117);
  });

  // The quarter starts at 22:00 UTC on 5 September (midnight in Madrid):
  // its days 66 to 79 run from 22:00 UTC on 10 November to 22:00 UTC on
  // 24 November.
  it("keeps only the last outcome code of the outsourced team's leads of the two weeks its log was lost", () => {
    const inGap = (at: string) =>
      at >= "2026-11-10T22:00:00.000Z" && at < "2026-11-24T22:00:00.000Z";
    const logged = new Set(data.attempts.map((a) => a.leadExternalId));
    const codedWithoutLog = data.leads.filter(
      (lead) => !logged.has(lead.externalId) && lead.dispositionCode !== null,
    );
    const outsourcedLeads = new Set(
      data.attempts
        .filter((attempt) => attempt.agentExternalId?.startsWith("ag-3"))
        .map((attempt) => attempt.leadExternalId),
    );
    const createdOf = new Map(
      data.leads.map((lead) => [lead.externalId, lead.createdAt]),
    );

    expect(codedWithoutLog).toHaveLength(107);
    expect(codedWithoutLog.every((lead) => inGap(lead.createdAt))).toBe(true);
    expect(
      codedWithoutLog.filter((lead) => lead.dispositionCode === "no_contesta"),
    ).toHaveLength(69);
    expect(
      [...outsourcedLeads].some((id) => inGap(createdOf.get(id) ?? "")),
    ).toBe(false);
  });

  it("gives other records for another seed", () => {
    const other = generateDemo({ ...options, seed: 2 });

    expect(other.leads).toHaveLength(2000);
    expect(hashOf(other)).not.toBe(hashOf(data));
  });

  it("creates leads over the 90 days up to noon in Madrid on the day", () => {
    const created = data.leads.map((lead) => lead.createdAt).sort();

    expect((created[0] ?? "") >= "2026-09-05T22:00:00.000Z").toBe(true);
    expect((created.at(-1) ?? "") <= "2026-12-04T11:00:00.000Z").toBe(true);
    expect(created.some((at) => at < "2026-09-08T00:00:00.000Z")).toBe(true);
    expect(created.some((at) => at >= "2026-12-03T23:00:00.000Z")).toBe(true);
  });

  it("records nothing after the simulated clock stops", () => {
    const instants = data.attempts.flatMap((attempt) =>
      [attempt.startedAt, attempt.deliveredAt, attempt.readAt, attempt.failedAt]
        .concat(attempt.sentAt)
        .filter((at) => at !== null),
    );
    const converted = data.leads.flatMap((lead) => lead.convertedAt ?? []);

    expect(instants.every((at) => at <= "2026-12-04T11:00:00.000Z")).toBe(true);
    expect(converted.every((at) => at <= "2026-12-04T11:00:00.000Z")).toBe(
      true,
    );
  });

  it("uses only example.com and example.org addresses", () => {
    const emails = data.leads.flatMap((lead) => lead.email ?? []);

    expect(emails.length).toBeGreaterThan(1500);
    expect(emails.every((email) => /@example\.(com|org)$/.test(email))).toBe(
      true,
    );
  });

  it("writes real-looking phones in E.164 for the lead's country", () => {
    const prefixes: Record<string, RegExp> = {
      "Europe/Madrid": /^\+34[67]\d{8}$/,
      "Atlantic/Canary": /^\+34[67]\d{8}$/,
      "Europe/Lisbon": /^\+3519[1236]\d{7}$/,
      "America/Mexico_City": /^\+52\d{10}$/,
      "America/New_York": /^\+1\d{10}$/,
      "Asia/Kolkata": /^\+91[6-9]\d{9}$/,
      "Asia/Kathmandu": /^\+97798\d{8}$/,
    };
    const wrong = data.leads.filter((lead) => {
      if (lead.phoneE164 === null || fakePhones.includes(lead.phoneE164))
        return false;

      return !prefixes[lead.timeZone]?.test(lead.phoneE164);
    });

    expect(
      Object.keys(prefixes).every((zone) =>
        data.leads.some((lead) => lead.timeZone === zone),
      ),
    ).toBe(true);
    expect(wrong).toEqual([]);
  });

  it("gives every attempt a unique external id and every message a template", () => {
    const ids = new Set(data.attempts.map((attempt) => attempt.externalId));
    const messages = data.attempts.filter(
      (attempt) =>
        attempt.channel !== "call" && attempt.direction === "outbound",
    );

    expect(ids.size).toBe(data.attempts.length);
    expect(messages.every((message) => message.templateName !== null)).toBe(
      true,
    );
  });

  it("answers each reply to a message of the same lead and channel", () => {
    const messages = new Map(
      data.attempts.map((attempt) => [attempt.externalId, attempt]),
    );
    const replies = data.attempts.filter(
      (attempt) =>
        attempt.channel !== "call" && attempt.direction === "inbound",
    );
    const unmatched = replies.filter((reply) => {
      const message = messages.get(reply.replyToExternalId ?? "");

      return (
        !message ||
        message.leadExternalId !== reply.leadExternalId ||
        message.channel !== reply.channel ||
        message.startedAt > reply.startedAt
      );
    });

    expect(replies.length).toBeGreaterThan(50);
    expect(unmatched).toEqual([]);
  });

  it("has one template with all four checks and one with none", () => {
    const checks = data.templates.map(
      (template) =>
        [
          template.namesCompanyAndPerson,
          template.statesReason,
          template.professionalTone,
          template.oneNextStep,
        ].filter(Boolean).length,
    );

    expect(checks).toContain(4);
    expect(checks).toContain(0);
  });

  it("leaves some of today's leads still waiting for calls", () => {
    const attempted = new Set(
      data.attempts.map((attempt) => attempt.leadExternalId),
    );
    const today = data.leads.filter(
      (lead) => lead.createdAt >= "2026-12-03T23:00:00.000Z",
    );

    expect(today.length).toBeGreaterThan(0);
    expect(today.some((lead) => !attempted.has(lead.externalId))).toBe(true);
  });
});
