import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { writeCsv } from "./fixtures/csv";
import { importThroughPage } from "./fixtures/import";

// July 2026, leads of two sources of this spec only. Every lead is created
// at 10:00 Madrid time and first called at 10:05; what follows differs.
type Message = {
  channel: "whatsapp" | "sms";
  minutes: number;
  status: "sent" | "delivered" | "read";
};
type FixtureLead = {
  id: string;
  source: string;
  day: string;
  firstCall: "no_answer" | "busy" | "answered";
  messages: Message[];
  /** The lead's own reply on a channel, minutes after creation. */
  reply?: { channel: "whatsapp" | "sms"; minutes: number };
  /** A later call of ours that was answered, minutes after creation. */
  answeredCall?: number;
  converted: boolean;
};

const web = "Recovery spec web";
const ads = "Recovery spec ads";
const day = 24 * 60;

const leads: FixtureLead[] = [
  {
    id: "R1",
    source: web,
    day: "2026-07-06",
    firstCall: "no_answer",
    messages: [{ channel: "whatsapp", minutes: 8, status: "read" }],
    reply: { channel: "whatsapp", minutes: day },
    converted: false,
  },
  {
    id: "R2",
    source: web,
    day: "2026-07-06",
    firstCall: "busy",
    messages: [{ channel: "whatsapp", minutes: 35, status: "delivered" }],
    converted: false,
  },
  {
    id: "R3",
    source: ads,
    day: "2026-07-07",
    firstCall: "no_answer",
    messages: [{ channel: "sms", minutes: 7, status: "delivered" }],
    reply: { channel: "sms", minutes: 180 },
    converted: false,
  },
  {
    id: "R4",
    source: ads,
    day: "2026-07-07",
    firstCall: "no_answer",
    messages: [{ channel: "sms", minutes: 125, status: "sent" }],
    answeredCall: day + 60,
    converted: false,
  },
  {
    id: "R5",
    source: web,
    day: "2026-07-08",
    firstCall: "no_answer",
    messages: [{ channel: "sms", minutes: 2 * day, status: "delivered" }],
    converted: false,
  },
  // Replies nine days later: after the seven-day recovery window.
  {
    id: "R6",
    source: ads,
    day: "2026-07-08",
    firstCall: "busy",
    messages: [{ channel: "whatsapp", minutes: 15, status: "read" }],
    reply: { channel: "whatsapp", minutes: 9 * day },
    converted: false,
  },
  {
    id: "R7",
    source: web,
    day: "2026-07-09",
    firstCall: "no_answer",
    messages: [],
    converted: false,
  },
  {
    id: "R8",
    source: ads,
    day: "2026-07-09",
    firstCall: "answered",
    messages: [{ channel: "whatsapp", minutes: 60, status: "read" }],
    converted: true,
  },
  {
    id: "R9",
    source: web,
    day: "2026-07-10",
    firstCall: "no_answer",
    messages: [{ channel: "whatsapp", minutes: 9, status: "read" }],
    reply: { channel: "whatsapp", minutes: day + 120 },
    converted: true,
  },
];

const created = (lead: FixtureLead) => Date.parse(`${lead.day}T10:00:00+02:00`);
const at = (lead: FixtureLead, minutes: number) =>
  new Date(created(lead) + minutes * 60_000).toISOString();

/**
 * The recovery figures as METRICS.md defines them, worked out per lead:
 * call-failed when the first call failed; recovery messages are the ones
 * after it and before the first contact; recovered when that contact comes
 * within seven days of the last recovery message before it, credited to
 * the reply's channel or, for our call, to that message's channel.
 */
function expectedRecovery() {
  const windowMinutes = 7 * day;
  const outcomes = leads
    .filter((lead) => lead.firstCall !== "answered")
    .map((lead) => {
      const contacts = [
        ...(lead.reply
          ? [{ minutes: lead.reply.minutes, channel: lead.reply.channel }]
          : []),
        ...(lead.answeredCall === undefined
          ? []
          : [{ minutes: lead.answeredCall, channel: "call" as const }]),
      ].sort((a, b) => a.minutes - b.minutes);
      const contact = contacts[0];
      const messages = lead.messages.filter(
        (message) =>
          message.minutes > 5 &&
          (contact === undefined || message.minutes < contact.minutes),
      );
      const last = messages.at(-1);
      const recovered =
        last !== undefined &&
        contact !== undefined &&
        contact.minutes - last.minutes <= windowMinutes;
      const responded = recovered && contact?.channel !== "call";

      return {
        messaged: messages.length > 0,
        channels: new Set(messages.map((message) => message.channel)),
        credit: recovered
          ? contact?.channel === "call"
            ? last?.channel
            : contact?.channel
          : undefined,
        recovered,
        responded,
        // A reply proves the message arrived and was read.
        delivered:
          responded || messages.some((message) => message.status !== "sent"),
        read:
          responded || messages.some((message) => message.status === "read"),
        converted: lead.converted,
      };
    });
  const count = (test: (outcome: (typeof outcomes)[number]) => boolean) =>
    outcomes.filter(test).length;
  const messaged = outcomes.filter((outcome) => outcome.messaged);
  const delivered = messaged.filter((outcome) => outcome.delivered);
  const read = delivered.filter((outcome) => outcome.read);
  const responded = read.filter((outcome) => outcome.responded);
  const channel = (name: "whatsapp" | "sms") => ({
    messaged: count((outcome) => outcome.channels.has(name)),
    recovered: count(
      (outcome) => outcome.channels.has(name) && outcome.credit === name,
    ),
  });

  return {
    leads: leads.length,
    callFailed: outcomes.length,
    messaged: messaged.length,
    recovered: count((outcome) => outcome.recovered),
    funnel: [
      ["Call-failed", outcomes.length, leads.length],
      ["Sent a recovery message", messaged.length, outcomes.length],
      ["Delivered", delivered.length, messaged.length],
      ["Read", read.length, delivered.length],
      ["Replied or called back", responded.length, read.length],
      [
        "Converted",
        responded.filter((outcome) => outcome.converted).length,
        responded.length,
      ],
    ] as const,
    whatsapp: channel("whatsapp"),
    sms: channel("sms"),
  };
}

function writeFixture() {
  const leadsFile = writeCsv(
    "recovery-leads.csv",
    leads.map((lead) => ({
      external_id: lead.id,
      source: lead.source,
      created_at: new Date(created(lead)).toISOString(),
      time_zone: "Europe/Madrid",
      converted: lead.converted ? "yes" : "no",
    })),
  );
  const attempts = leads.flatMap((lead) => [
    {
      external_id: `${lead.id}-call-1`,
      lead_external_id: lead.id,
      channel: "call",
      direction: "outbound",
      started_at: at(lead, 5),
      outcome: lead.firstCall,
      message_status: "",
    },
    ...lead.messages.map((message, index) => ({
      external_id: `${lead.id}-message-${index + 1}`,
      lead_external_id: lead.id,
      channel: message.channel,
      direction: "outbound",
      started_at: at(lead, message.minutes),
      outcome: "",
      message_status: message.status,
    })),
    ...(lead.reply
      ? [
          {
            external_id: `${lead.id}-reply`,
            lead_external_id: lead.id,
            channel: lead.reply.channel,
            direction: "inbound",
            started_at: at(lead, lead.reply.minutes),
            outcome: "",
            message_status: "",
          },
        ]
      : []),
    ...(lead.answeredCall === undefined
      ? []
      : [
          {
            external_id: `${lead.id}-call-2`,
            lead_external_id: lead.id,
            channel: "call",
            direction: "outbound",
            started_at: at(lead, lead.answeredCall),
            outcome: "answered",
            message_status: "",
          },
        ]),
  ]);

  return {
    leadsFile,
    attemptsFile: writeCsv("recovery-attempts.csv", attempts),
  };
}

async function narrowToSources(page: Page, sources: string[]) {
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByText(/^Sources:/).click();
  for (const source of sources) await filters.getByLabel(source).check();
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(filters.getByText("Sources: 2 chosen")).toBeVisible();
}

const percent = (numerator: number, denominator: number) =>
  denominator === 0
    ? "No data"
    : `${((numerator / denominator) * 100).toFixed(1)} %`;

test("shows the recovery funnel and the recovery rate per channel of an imported fixture", async ({
  page,
}) => {
  await signIn(page);
  const { leadsFile, attemptsFile } = writeFixture();
  await importThroughPage(page, "leads", leadsFile, "e2e-recovery");
  await importThroughPage(page, "attempts", attemptsFile, "e2e-recovery");

  await page.goto("/recovery?from=2026-07-01&to=2026-07-31");
  await narrowToSources(page, [web, ads]);
  const expected = expectedRecovery();

  await expect(
    page
      .getByRole("region", { name: "Call-failed leads" })
      .getByTestId("count-value"),
  ).toHaveText(String(expected.callFailed));
  const rate = page.getByRole("region", { name: "Recovery rate", exact: true });
  await expect(rate.getByTestId("rate-numerator")).toHaveText(
    String(expected.recovered),
  );
  await expect(rate.getByTestId("rate-denominator")).toHaveText(
    String(expected.messaged),
  );
  await expect(rate.getByTestId("rate-value")).toHaveText(
    percent(expected.recovered, expected.messaged),
  );
  await expect(
    rate.getByRole("link", { name: "See the leads" }),
  ).toHaveAttribute("href", /set=recovered/);

  const funnel = page.getByRole("region", { name: "Recovery funnel" });
  for (const [step, leadsAtStep, base] of expected.funnel) {
    const row = funnel.getByRole("row").filter({
      has: page.getByRole("rowheader", { name: step, exact: true }),
    });
    await expect(row.getByRole("cell").nth(0)).toHaveText(String(leadsAtStep));
    await expect(row.getByRole("cell").nth(1)).toContainText(
      `${percent(leadsAtStep, base)}${leadsAtStep}/${base}`,
    );
  }

  const channels = page.getByRole("region", {
    name: "Recovery rate per channel",
  });
  for (const [label, counts] of [
    ["WhatsApp", expected.whatsapp],
    ["SMS", expected.sms],
  ] as const) {
    const row = channels.getByRole("row").filter({
      has: page.getByRole("rowheader", { name: label, exact: true }),
    });
    await expect(row.getByRole("cell").first()).toContainText(
      `${percent(counts.recovered, counts.messaged)}${counts.recovered}/${counts.messaged}`,
    );
    await expect(
      row.getByRole("link", { name: `Recovered via ${label}` }),
    ).toHaveAttribute(
      "href",
      new RegExp(`set=recovered.*channel=${label.toLowerCase()}`),
    );
  }

  // The export answers with the same figures as the table.
  const csvHref = await channels
    .getByRole("link", { name: "Download CSV" })
    .getAttribute("href");
  const csv = await (await page.request.get(csvHref ?? "")).text();
  const share = (n: number, d: number) => (n / d).toFixed(4);
  expect(csv).toContain(
    `WhatsApp,${expected.whatsapp.recovered},${expected.whatsapp.messaged},${share(expected.whatsapp.recovered, expected.whatsapp.messaged)}`,
  );
  expect(csv).toContain(
    `SMS,${expected.sms.recovered},${expected.sms.messaged},${share(expected.sms.recovered, expected.sms.messaged)}`,
  );

  // No lead of this fixture is in a hold-out, and the page says so.
  await expect(
    page
      .getByRole("region", { name: "Incremental recovery" })
      .getByText(/No hold-out in this view/),
  ).toBeVisible();
});
