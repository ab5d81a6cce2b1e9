import {
  type DelayBucket,
  type TemplateProfile,
  templateProfiles,
} from "./catalogue";
import { drawCallOutcome, fitIntoOpenHours, getNextSlotTime } from "./calls";
import { dayMs, hourMs, minuteMs } from "./local-time";
import {
  type LeadSimulation,
  recordCall,
  recordMessage,
  recordReply,
} from "./simulation";
import type { DemoAttempt } from "./types";

/** Share of messaged call-failed leads recovered by delay, before the
 * template and the person adjust it. */
const recoveryBase: Record<DelayBucket, number> = {
  instant: 0.42,
  "within-hour": 0.35,
  "within-day": 0.25,
  later: 0.17,
};

export type RecoveryResult = {
  holdout: boolean;
  contact: DemoAttempt | null;
};

/** What follows a policy whose calls all failed: a recovery message (or
 * the hold-out's silence), the lead's reaction, and later calls. */
export function runRecovery(
  simulation: LeadSimulation,
  lastCallMs: number,
): RecoveryResult {
  const { random, plan } = simulation;
  const { consent, team } = plan;
  const channels = (["whatsapp", "sms"] as const).filter(
    (channel) => consent[channel] === true,
  );
  const hasPhone = plan.phoneE164 !== null;
  const invalid = plan.person.kind === "invalid";

  let channel: "whatsapp" | "sms" | null = null;
  let holdout = false;
  if (hasPhone && channels.length > 0) {
    holdout = random.chance(0.1);
    const skipped = invalid && !team.automatedMessages && random.chance(0.8);
    const sent = random.chance(
      team.messageShare * Math.min(1, plan.agent.diligence),
    );
    if (!holdout && !skipped && sent) {
      channel =
        channels.length === 1 || random.chance(0.85)
          ? (channels[0] ?? "sms")
          : "sms";
    }
  } else if (hasPhone && random.chance(team.noConsentMessageShare)) {
    channel = "whatsapp";
  }

  if (channel === null) {
    const contact = drawUnpromptedContact(simulation, lastCallMs);

    return { holdout, contact };
  }

  return {
    holdout,
    contact: sendRecoveryMessage(simulation, lastCallMs, channel),
  };
}

type Reaction = "reply" | "callback" | "call";

function sendRecoveryMessage(
  simulation: LeadSimulation,
  lastCallMs: number,
  channel: "whatsapp" | "sms",
): DemoAttempt | null {
  const { random, plan, nowMs } = simulation;
  const { team } = plan;
  let atMs = lastCallMs + drawDelayMinutes(simulation) * minuteMs;
  if (!team.automatedMessages)
    atMs = fitIntoOpenHours(random, plan.zone.timeZone, atMs, 20);
  if (atMs > nowMs) return null;

  const template = pickTemplate(simulation, channel);
  const failed =
    plan.person.kind === "invalid" ||
    plan.person.kind === "fake" ||
    random.chance(channel === "whatsapp" ? 0.04 : 0.02);
  const deliveredMs = atMs + random.int(2_000, 40_000);
  const delayMinutes = (atMs - lastCallMs) / minuteMs;
  const reaction = failed
    ? null
    : drawReaction(simulation, channel, template, delayMinutes);
  const readMs = drawReadMs(simulation, channel, deliveredMs, reaction);
  const message = recordMessage(simulation, {
    atMs,
    channel,
    templateName: template.name,
    automated: team.automatedMessages,
    failed,
    deliveredMs,
    readMs,
  });

  return recordReaction(simulation, message, reaction, readMs ?? deliveredMs);
}

/** Whether and how a messaged lead gets back in touch: mostly decided by
 * the delay, then by the template's checks and the person. */
function drawReaction(
  simulation: LeadSimulation,
  channel: "whatsapp" | "sms",
  template: TemplateProfile,
  delayMinutes: number,
): Reaction | null {
  const { random } = simulation;
  const chance =
    recoveryBase[bucketOf(delayMinutes)] *
    (0.7 + 0.1 * countChecks(template)) *
    personFactor(simulation);
  if (!random.chance(chance)) return null;

  return random.pickWeighted<Reaction>(
    channel === "whatsapp"
      ? [
          ["reply", 0.7],
          ["callback", 0.12],
          ["call", 0.18],
        ]
      : [
          ["reply", 0.5],
          ["callback", 0.25],
          ["call", 0.25],
        ],
  );
}

// WhatsApp reports reads; SMS stops at delivered. A reply is read first.
function drawReadMs(
  simulation: LeadSimulation,
  channel: "whatsapp" | "sms",
  deliveredMs: number,
  reaction: Reaction | null,
): number | null {
  const { random } = simulation;
  if (channel === "sms") return null;
  if (reaction === "reply")
    return deliveredMs + random.logNormal(6, 1.1) * minuteMs;

  return random.chance(reaction ? 0.65 : 0.5)
    ? deliveredMs + random.logNormal(45, 1.4) * minuteMs
    : null;
}

/** The reply or call that recovers the lead, when it happens before now;
 * later calls on the following days in any case. */
function recordReaction(
  simulation: LeadSimulation,
  message: DemoAttempt,
  reaction: Reaction | null,
  seenMs: number,
): DemoAttempt | null {
  const { random, plan, nowMs } = simulation;
  const sentMs = Date.parse(message.startedAt);
  if (reaction === "reply") {
    const replyMs = seenMs + random.logNormal(4, 1.2) * minuteMs;
    const capped = Math.min(replyMs, sentMs + 5 * dayMs);
    if (capped <= nowMs) return recordReply(simulation, message, capped);
  } else if (reaction === "callback") {
    const callbackMs = fitIntoOpenHours(
      random,
      plan.zone.timeZone,
      sentMs + random.logNormal(90, 1) * minuteMs,
      30,
    );
    if (callbackMs <= nowMs)
      return recordCall(simulation, {
        atMs: callbackMs,
        outcome: "answered",
        direction: "inbound",
      });
  }

  return runLaterCalls(simulation, sentMs, reaction === "call");
}

// Without a message some leads still get back in touch, far fewer.
function drawUnpromptedContact(simulation: LeadSimulation, lastCallMs: number) {
  const { random, plan, nowMs } = simulation;
  const reached = random.chance(0.07 * personFactor(simulation));
  if (reached && random.chance(0.45)) {
    const atMs = fitIntoOpenHours(
      random,
      plan.zone.timeZone,
      lastCallMs + random.logNormal(5, 1) * hourMs,
      30,
    );
    if (atMs <= nowMs)
      return recordCall(simulation, {
        atMs,
        outcome: "answered",
        direction: "inbound",
      });
  }

  return runLaterCalls(simulation, lastCallMs, reached);
}

/** Calls on the following days; the last one is answered when the lead is
 * to be reached by a call. Returns that answered call. */
function runLaterCalls(
  simulation: LeadSimulation,
  afterMs: number,
  answerOne: boolean,
): DemoAttempt | null {
  const { random, plan, nowMs } = simulation;
  const timeZone = plan.zone.timeZone;
  const planned = Math.max(
    answerOne ? 1 : 0,
    random.pickWeighted(plan.team.laterCalls),
  );
  let atMs = afterMs;
  for (let index = 1; index <= planned; index++) {
    atMs = getNextSlotTime(
      random,
      timeZone,
      atMs + random.between(16, 30) * hourMs,
    );
    if (atMs > nowMs) return null;
    if (answerOne && index === planned)
      return recordCall(simulation, { atMs, outcome: "answered" });

    let outcome = drawCallOutcome(random, plan, atMs, 5, Infinity);
    if (outcome === "answered") outcome = "no_answer";
    recordCall(simulation, { atMs, outcome });
  }

  return null;
}

function drawDelayMinutes(simulation: LeadSimulation): number {
  const { random, plan } = simulation;
  const logUniform = (low: number, high: number) =>
    Math.exp(random.between(Math.log(low), Math.log(high)));
  switch (random.pickWeighted(plan.team.messageDelays)) {
    case "instant":
      return random.between(0.4, 4.8);
    case "within-hour":
      return logUniform(5.5, 58);
    case "within-day":
      return logUniform(65, 1400);
    case "later":
      return random.between(1450, 4300);
  }
}

export function bucketOf(minutes: number): DelayBucket {
  if (minutes <= 5) return "instant";
  if (minutes <= 60) return "within-hour";
  if (minutes <= 1440) return "within-day";

  return "later";
}

function pickTemplate(
  simulation: LeadSimulation,
  channel: "whatsapp" | "sms",
): TemplateProfile {
  const byName = new Map(
    templateProfiles.map((template) => [template.name, template]),
  );
  const own = simulation.plan.team.templates.flatMap(([name, weight]) => {
    const template = byName.get(name);

    return template && template.channel === channel
      ? [[template, weight] as const]
      : [];
  });
  const fallback = templateProfiles
    .filter((template) => template.channel === channel)
    .map((template) => [template, 1] as const);

  return simulation.random.pickWeighted(own.length > 0 ? own : fallback);
}

function countChecks(template: TemplateProfile): number {
  return [
    template.namesCompanyAndPerson,
    template.statesReason,
    template.professionalTone,
    template.oneNextStep,
  ].filter(Boolean).length;
}

// How likely this person is to react to any follow-up at all.
function personFactor(simulation: LeadSimulation): number {
  switch (simulation.plan.person.kind) {
    case "reachable":
      return 1.2;
    case "unreachable":
      return 0.35;
    case "wrong-person":
      return 0.1;
    default:
      return 0;
  }
}
