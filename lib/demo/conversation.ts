import { fitIntoOpenHours, getNextSlotTime } from "./calls";
import { dayMs, hourMs, minuteMs } from "./local-time";
import { type LeadSimulation, recordCall } from "./simulation";
import type { DemoAttempt } from "./types";

export type ConversationResult = {
  dispositionCode: string | null;
  convertedMs: number | null;
};

const noOutcome: ConversationResult = {
  dispositionCode: null,
  convertedMs: null,
};

/**
 * What happens once the lead is contacted: a conversation (the contact call
 * itself, or the agent's call after a reply), its outcome code, and for
 * some a sale, on that call or on a later one.
 */
export function runConversation(
  simulation: LeadSimulation,
  contact: DemoAttempt,
): ConversationResult {
  const { random, plan, nowMs } = simulation;
  const talk =
    contact.channel === "call" ? contact : callAfterReply(simulation, contact);
  if (!talk) return noOutcome;

  const { kind } = plan.person;
  if (kind === "fake" || kind === "wrong-person") {
    talk.dispositionCode = kind === "fake" ? "falso" : "numero_erroneo";

    return { dispositionCode: talk.dispositionCode, convertedMs: null };
  }

  const talkMs = Date.parse(talk.startedAt);
  const talkEndMs = talkMs + (talk.durationSeconds ?? 0) * 1000;
  const converts = random.chance(plan.source.conversionRate);
  const closesNow = converts && random.chance(0.4) && talkEndMs <= nowMs;
  talk.dispositionCode = converts
    ? closesNow
      ? "venta"
      : "interesado"
    : random.pickWeighted([
        ["no_interesado", 0.55],
        ["interesado", 0.17],
        ["volver_a_llamar", 0.2],
        ["baja", 0.08],
      ] as const);
  if (closesNow) return finishSale(simulation, talkEndMs, "venta");
  if (converts) return runSaleCall(simulation, talkEndMs, talk.dispositionCode);
  if (talk.dispositionCode === "volver_a_llamar")
    return {
      dispositionCode: runAgreedCallback(simulation, talkMs),
      convertedMs: null,
    };

  return { dispositionCode: talk.dispositionCode, convertedMs: null };
}

// After a reply the agent calls; most such calls are answered.
function callAfterReply(
  simulation: LeadSimulation,
  reply: DemoAttempt,
): DemoAttempt | null {
  const { random, plan, nowMs } = simulation;
  const atMs = fitIntoOpenHours(
    random,
    plan.zone.timeZone,
    Date.parse(reply.startedAt) + random.logNormal(15, 0.9) * minuteMs,
    20,
  );
  if (atMs > nowMs) return null;
  const call = recordCall(simulation, {
    atMs,
    outcome: random.chance(0.85) ? "answered" : "no_answer",
  });

  return call.outcome === "answered" ? call : null;
}

// An interested lead signs on a later call, a couple of days on.
function runSaleCall(
  simulation: LeadSimulation,
  talkEndMs: number,
  code: string,
): ConversationResult {
  const { random, plan, nowMs } = simulation;
  const saleMs = fitIntoOpenHours(
    random,
    plan.zone.timeZone,
    talkEndMs + random.logNormal(2, 0.8) * dayMs,
    60,
  );
  const saleSeconds = random.int(600, 2100);
  const saleEndMs = saleMs + saleSeconds * 1000;
  if (saleEndMs > nowMs) return { dispositionCode: code, convertedMs: null };
  const sale = recordCall(simulation, {
    atMs: saleMs,
    outcome: "answered",
    dispositionCode: "venta",
  });
  sale.durationSeconds = saleSeconds;

  return finishSale(simulation, saleEndMs, "venta");
}

// The agent calls back as agreed; the lead decides then.
function runAgreedCallback(simulation: LeadSimulation, talkMs: number): string {
  const { random, plan, nowMs } = simulation;
  const atMs = getNextSlotTime(
    random,
    plan.zone.timeZone,
    talkMs + 18 * hourMs,
  );
  if (atMs > nowMs) return "volver_a_llamar";
  const answered = random.chance(0.7);
  const code = answered
    ? random.pickWeighted([
        ["no_interesado", 0.6],
        ["interesado", 0.4],
      ] as const)
    : null;
  recordCall(simulation, {
    atMs,
    outcome: answered ? "answered" : "voicemail",
    dispositionCode: code,
  });

  return code ?? "volver_a_llamar";
}

// Some customers get a welcome call a few days after the sale.
function finishSale(
  simulation: LeadSimulation,
  convertedMs: number,
  code: string,
): ConversationResult {
  const { random, plan, nowMs } = simulation;
  if (random.chance(0.4)) {
    const atMs = getNextSlotTime(
      random,
      plan.zone.timeZone,
      convertedMs + random.between(3, 10) * dayMs,
    );
    if (atMs <= nowMs) {
      recordCall(simulation, {
        atMs,
        outcome: random.chance(0.75) ? "answered" : "no_answer",
        purpose: "relationship",
      });
    }
  }

  return { dispositionCode: code, convertedMs };
}
