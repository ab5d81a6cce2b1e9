import type { Preset } from "../types";
import { asteriskCdrPreset } from "./asterisk-cdr";
import { attemptsPreset } from "./attempts";
import { bankMarketingPreset } from "./bank-marketing";
import { hubspotContactsPreset, salesforceLeadsPreset } from "./crm-leads";
import { twilioCallsPreset, vicidialCallsPreset } from "./dialer-logs";
import { freeswitchCdrPreset } from "./freeswitch-cdr";
import { leadsPreset } from "./leads";
import { xEducationPreset } from "./x-education";

export const presetNames = [
  "leads",
  "attempts",
  "x-education",
  "asterisk-cdr",
  "freeswitch-cdr",
  "bank-marketing",
  "hubspot-contacts",
  "salesforce-leads",
  "twilio-calls",
  "vicidial-calls",
] as const;

export type PresetName = (typeof presetNames)[number];

const presets: Record<PresetName, Preset> = {
  leads: leadsPreset,
  attempts: attemptsPreset,
  "x-education": xEducationPreset,
  "asterisk-cdr": asteriskCdrPreset,
  "freeswitch-cdr": freeswitchCdrPreset,
  "bank-marketing": bankMarketingPreset,
  "hubspot-contacts": hubspotContactsPreset,
  "salesforce-leads": salesforceLeadsPreset,
  "twilio-calls": twilioCallsPreset,
  "vicidial-calls": vicidialCallsPreset,
};

export function isPresetName(name: string): name is PresetName {
  return (presetNames as readonly string[]).includes(name);
}

export function getPreset(name: PresetName): Preset {
  return presets[name];
}

export function listPresetDefinitions(): Preset[] {
  return presetNames.map((name) => presets[name]);
}

/** The presets a user can pick, in the order the upload page lists them. */
export function listPresets(): {
  name: PresetName;
  label: string;
  description: string;
}[] {
  return presetNames.map((name) => ({
    name,
    label: presets[name].label,
    description: presets[name].description,
  }));
}
