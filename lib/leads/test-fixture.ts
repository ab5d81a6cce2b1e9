import { parseMetricFilter } from "@/lib/metrics/filter";
import type { Fixture, FixtureAttempt } from "@/lib/testing/fixture";

// Shared by the lead tests. Leads are created 2 March 2026 09:00 UTC =
// 10:00 Madrid (CET) unless said otherwise; the default policy is 4 calls
// in at least 3 slots within 24 hours, plus a recovery message where a
// message channel has consent. Slots on the Madrid clock: 09:05 UTC is
// morning, 11:30 midday, 14:30 afternoon, 17:30 evening.
//
//   a1  answered 3 min after creation, converted
//   a2  no answer at 10 min, whatsapp at 09:20, whatsapp reply at 09:40
//   a3  busy at 2 min, sms at 09:30, answered the next day (sms consent)
//   a4  no answer at 5 min, email at 09:30, never contacted, converted
//   a5  no attempt at all
//   a6  a duplicate, answered at 4 min
//   a7  invalid number at 1 min
//   a8  "STOP" lead disposition (do not contact), no answer at 60 min
//   a9  4 failed calls in 4 slots, whatsapp after the last (consent)
//   a10 answered 10 days after creation only
//   a11 automated sms at 30 s, answered call by a person at 30 min
//   a12 preferred slot 15:00–16:00 UTC, answered at 15:02; New York clock
//   a13 created in February, answered
//   a14 no creation instant
//   b1  source Ads, one failed call at 5 min
//   c1  no answer at 5 min, sms at 09:20, whatsapp at 09:30, answered at
//       12:00: the recovery goes to whatsapp, the last message's channel
export const created = "2026-03-02T09:00:00Z";

const at = (time: string, day = "2026-03-02") => `${day}T${time}:00Z`;

function call(
  lead: string,
  time: string,
  outcome: FixtureAttempt["outcome"],
  extra: Partial<FixtureAttempt> = {},
): FixtureAttempt {
  return {
    lead,
    at: at(time),
    channel: "call",
    direction: "outbound",
    outcome,
    agent: "ana",
    ...extra,
  };
}

function message(
  lead: string,
  time: string,
  channel: "whatsapp" | "sms" | "email",
  extra: Partial<FixtureAttempt> = {},
): FixtureAttempt {
  return {
    lead,
    at: at(time),
    channel,
    direction: "outbound",
    messageStatus: "delivered",
    template: "Missed you",
    ...extra,
  };
}

export const leadFixture: Fixture = {
  settings: { reportTimezone: "Europe/Madrid" },
  teams: [{ name: "North", agents: ["ana"] }],
  templates: [{ name: "Missed you" }],
  dispositions: [{ name: "Stop", doNotContact: true, codes: ["stop"] }],
  leads: [
    {
      key: "a1",
      createdAt: new Date(created),
      converted: true,
      phoneE164: "+34600111222",
      email: "ana.garcia@example.com",
    },
    { key: "a2", createdAt: new Date(created), consentWhatsapp: true },
    { key: "a3", createdAt: new Date(created), consentSms: true },
    { key: "a4", createdAt: new Date(created), converted: true },
    { key: "a5", createdAt: new Date(created) },
    { key: "a6", createdAt: new Date(created), isDuplicate: true },
    { key: "a7", createdAt: new Date(created) },
    { key: "a8", createdAt: new Date(created), dispositionCode: "STOP" },
    { key: "a9", createdAt: new Date(created), consentWhatsapp: true },
    { key: "a10", createdAt: new Date(created) },
    { key: "a11", createdAt: new Date(created) },
    {
      key: "a12",
      createdAt: new Date(created),
      timeZone: "America/New_York",
      preferredSlotStart: new Date(at("15:00")),
      preferredSlotEnd: new Date(at("16:00")),
    },
    { key: "a13", createdAt: new Date("2026-02-20T09:00:00Z") },
    { key: "a14", createdAt: null },
    { key: "b1", source: "Ads", createdAt: new Date(created) },
    {
      key: "c1",
      createdAt: new Date(created),
      consentSms: true,
      consentWhatsapp: true,
    },
  ],
  attempts: [
    call("a1", "09:03", "answered"),
    call("a2", "09:10", "no_answer"),
    message("a2", "09:20", "whatsapp"),
    {
      lead: "a2",
      at: at("09:40"),
      channel: "whatsapp",
      direction: "inbound",
    },
    call("a3", "09:02", "busy"),
    message("a3", "09:30", "sms"),
    call("a3", "10:00", "answered", { at: at("10:00", "2026-03-03") }),
    call("a4", "09:05", "no_answer"),
    message("a4", "09:30", "email"),
    call("a6", "09:04", "answered"),
    call("a7", "09:01", "invalid_number"),
    call("a8", "10:00", "no_answer"),
    call("a9", "09:05", "no_answer"),
    call("a9", "11:30", "no_answer"),
    call("a9", "14:30", "no_answer"),
    call("a9", "17:30", "no_answer"),
    message("a9", "17:40", "whatsapp", {
      sentAt: new Date(at("17:40")),
      deliveredAt: new Date(at("17:41")),
    }),
    call("a10", "10:00", "answered", { at: at("10:00", "2026-03-12") }),
    message("a11", "09:00", "sms", {
      at: "2026-03-02T09:00:30Z",
      automated: true,
      template: undefined,
    }),
    call("a11", "09:30", "answered"),
    call("a12", "15:02", "answered"),
    call("a13", "09:10", "answered", { at: at("09:10", "2026-02-20") }),
    call("b1", "09:05", "no_answer"),
    call("c1", "09:05", "no_answer"),
    message("c1", "09:20", "sms"),
    message("c1", "09:30", "whatsapp"),
    call("c1", "12:00", "answered"),
  ],
};

export const march = parseMetricFilter({
  from: "2026-03-01",
  to: "2026-03-31",
});
