import { drawDuration } from "./calls";
import type { LeadPlan } from "./leads";
import { formatInstant } from "./local-time";
import type { Random } from "./random";
import type { DemoAttempt } from "./types";

/** The state of one lead while its attempts are simulated. Nothing that
 * would happen after `nowMs` is recorded. */
export type LeadSimulation = {
  random: Random;
  plan: LeadPlan;
  nowMs: number;
  attempts: DemoAttempt[];
  nextId: (kind: string) => string;
};

type Outcome = NonNullable<DemoAttempt["outcome"]>;

export function recordCall(
  simulation: LeadSimulation,
  call: {
    atMs: number;
    outcome: Outcome;
    direction?: DemoAttempt["direction"];
    purpose?: DemoAttempt["purpose"];
    dispositionCode?: string | null;
  },
): DemoAttempt {
  const { random, plan } = simulation;
  const direction = call.direction ?? "outbound";
  const attempt: DemoAttempt = {
    ...emptyAttempt,
    externalId: simulation.nextId(direction === "inbound" ? "in-call" : "call"),
    leadExternalId: plan.externalId,
    channel: "call",
    direction,
    purpose: call.purpose ?? "sales",
    agentExternalId: plan.agent.externalId,
    startedAt: formatInstant(call.atMs),
    outcome: call.outcome,
    durationSeconds: drawDuration(random, call.outcome),
    dispositionCode: call.dispositionCode ?? null,
  };
  simulation.attempts.push(attempt);

  return attempt;
}

/** An outbound message and its status times, as far as they have happened. */
export function recordMessage(
  simulation: LeadSimulation,
  message: {
    atMs: number;
    channel: "whatsapp" | "sms";
    templateName: string;
    automated: boolean;
    failed: boolean;
    deliveredMs: number | null;
    readMs: number | null;
  },
): DemoAttempt {
  const { random, plan, nowMs } = simulation;
  const seen = (ms: number | null) => (ms !== null && ms <= nowMs ? ms : null);
  const failedMs = message.failed
    ? seen(message.atMs + random.int(1_000, 20_000))
    : null;
  const deliveredMs = message.failed ? null : seen(message.deliveredMs);
  const readMs = deliveredMs === null ? null : seen(message.readMs);
  const status: DemoAttempt["messageStatus"] =
    failedMs !== null
      ? "failed"
      : readMs !== null
        ? "read"
        : deliveredMs !== null
          ? "delivered"
          : "sent";
  const attempt: DemoAttempt = {
    ...emptyAttempt,
    externalId: simulation.nextId(
      message.channel === "whatsapp" ? "wa" : "sms",
    ),
    leadExternalId: plan.externalId,
    channel: message.channel,
    direction: "outbound",
    automated: message.automated,
    agentExternalId: plan.agent.externalId,
    startedAt: formatInstant(message.atMs),
    messageStatus: status,
    queuedAt: formatInstant(message.atMs - random.int(300, 2_000)),
    sentAt: formatInstant(message.atMs),
    deliveredAt: deliveredMs === null ? null : formatInstant(deliveredMs),
    readAt: readMs === null ? null : formatInstant(readMs),
    failedAt: failedMs === null ? null : formatInstant(failedMs),
    templateName: message.templateName,
  };
  simulation.attempts.push(attempt);

  return attempt;
}

/** The lead's answer to a message, on the message's channel. */
export function recordReply(
  simulation: LeadSimulation,
  message: DemoAttempt,
  atMs: number,
): DemoAttempt {
  const attempt: DemoAttempt = {
    ...emptyAttempt,
    externalId: simulation.nextId(`in-${message.channel}`),
    leadExternalId: simulation.plan.externalId,
    channel: message.channel,
    direction: "inbound",
    startedAt: formatInstant(atMs),
    replyToExternalId: message.externalId,
  };
  simulation.attempts.push(attempt);

  return attempt;
}

const emptyAttempt: DemoAttempt = {
  externalId: "",
  leadExternalId: "",
  channel: "call",
  direction: "outbound",
  automated: false,
  purpose: "sales",
  agentExternalId: null,
  startedAt: "",
  outcome: null,
  durationSeconds: null,
  messageStatus: null,
  queuedAt: null,
  sentAt: null,
  deliveredAt: null,
  readAt: null,
  failedAt: null,
  templateName: null,
  replyToExternalId: null,
  dispositionCode: null,
};
