import { describe, expect, it } from "vitest";
import { detectPresets } from "./detect-preset";

const context = {
  timeZone: "Europe/Madrid",
  defaultCountry: "ES",
  reportCurrency: "EUR",
};

describe("detectPresets", () => {
  it.each([
    ["external_id,source,created_at\nL-1,Web,2026-03-01 09:00\n", ["leads"]],
    [
      "external_id,lead_external_id,started_at,outcome\nA-1,L-1,2026-03-01 09:00,answered\n",
      ["attempts"],
    ],
    [
      "Call Sid;From;To;Direction;Status;Start Time;Duration\n",
      ["twilio-calls"],
    ],
    [
      "Record ID,First Name,Email,Phone Number,Create Date,Original Source,Lifecycle Stage,Lead Status\n",
      ["hubspot-contacts"],
    ],
    [
      '"age";"job";"marital";"education";"default";"balance";"housing";"loan";"contact";"day";"month";"duration";"campaign";"pdays";"previous";"poutcome";"y"\n',
      ["bank-marketing"],
    ],
    ["name,comment\nAna,hello\n", []],
    ['{"object":"whatsapp_business_account","entry":[]}\n', ["whatsapp-cloud"]],
    ['[{"entry":[]},{"entry":[]}]', ["whatsapp-cloud"]],
    ['{"name":"not a webhook"}', []],
    ["", []],
  ])("finds the preset of %j", async (text, expected) => {
    expect(await detectPresets(Buffer.from(text), context)).toEqual(expected);
  });
});
