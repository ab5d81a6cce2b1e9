import type { Preset } from "../types";
import { asteriskCdrPreset } from "./asterisk-cdr";
import { attemptsPreset } from "./attempts";
import { bankMarketingPreset } from "./bank-marketing";
import { hubspotContactsPreset, salesforceLeadsPreset } from "./crm-leads";
import { twilioCallsPreset, vicidialCallsPreset } from "./dialer-logs";
import { freeswitchCdrPreset } from "./freeswitch-cdr";
import { leadsPreset } from "./leads";
import { whatsappCloudPreset } from "./whatsapp-cloud";
import { xEducationPreset } from "./x-education";

/** The presets that read CSV rows. */
export const csvPresetNames = [
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

export type CsvPresetName = (typeof csvPresetNames)[number];

/** Every preset; whatsapp-cloud reads JSON webhook bodies, not CSV. */
export const presetNames = [...csvPresetNames, "whatsapp-cloud"] as const;

export type PresetName = (typeof presetNames)[number];

const presets: Record<CsvPresetName, Preset> = {
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

/** Whether the name is a preset that reads CSV rows. */
export function isPresetName(name: string): name is CsvPresetName {
  return (csvPresetNames as readonly string[]).includes(name);
}

export function getPreset(name: CsvPresetName): Preset {
  return presets[name];
}

export function listPresetDefinitions(): Preset[] {
  return csvPresetNames.map((name) => presets[name]);
}

/** The presets a user can pick, in the order the upload page lists them. */
export function listPresets(): {
  name: PresetName;
  label: string;
  description: string;
}[] {
  const described = { ...presets, "whatsapp-cloud": whatsappCloudPreset };

  return presetNames.map((name) => ({
    name,
    label: described[name].label,
    description: described[name].description,
  }));
}
