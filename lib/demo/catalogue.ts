// The fixed cast of the demo: who produces the leads, who works them and
// with which messages. Shares and probabilities are per lead unless noted.

export type SourceProfile = {
  name: string;
  aliases: string[];
  /** EUR cents; null when the cost is not known (organic traffic). */
  costPerLeadMinor: number | null;
  share: number;
  campaigns: string[];
  /** Numbers that do not exist or belong to someone else. */
  invalidShare: number;
  /** Made-up form entries (test names, 600 000 000). */
  fakeShare: number;
  /** Leads that re-submit as the same person within the duplicate window. */
  duplicateShare: number;
  /** Real people who never pick up, however well they are worked. */
  unreachableShare: number;
  /** Chance that one call in a good hour reaches a reachable person. */
  answerRate: number;
  /** Contacted leads that buy. */
  conversionRate: number;
  preferredSlotShare: number;
  /** Extra weight on lead creation in the evening (ad feeds). */
  eveningBias: number;
  /** The outsourced team gets a larger share of cheap sources. */
  teamWeights: [number, number, number];
};

export const sourceProfiles: SourceProfile[] = [
  {
    name: "Google Ads",
    aliases: ["google", "google ads", "adwords"],
    costPerLeadMinor: 3500,
    share: 0.28,
    campaigns: ["Search - Energía", "Search - Seguro hogar", "Performance Max"],
    invalidShare: 0.03,
    fakeShare: 0.005,
    duplicateShare: 0.03,
    unreachableShare: 0.24,
    answerRate: 0.18,
    conversionRate: 0.2,
    preferredSlotShare: 0.12,
    eveningBias: 1,
    teamWeights: [0.45, 0.35, 0.2],
  },
  {
    name: "Meta Lead Ads",
    aliases: ["meta", "facebook", "instagram", "fb lead ads"],
    costPerLeadMinor: 1800,
    share: 0.26,
    campaigns: [
      "Formulario - Tarifa luz",
      "Formulario - Seguro coche",
      "Retargeting",
    ],
    invalidShare: 0.13,
    fakeShare: 0.06,
    duplicateShare: 0.05,
    unreachableShare: 0.34,
    answerRate: 0.145,
    conversionRate: 0.09,
    preferredSlotShare: 0.03,
    eveningBias: 1.6,
    teamWeights: [0.35, 0.35, 0.3],
  },
  {
    name: "Comparison site",
    aliases: ["comparador", "comparison site", "comparison"],
    costPerLeadMinor: 2500,
    share: 0.18,
    campaigns: ["Comparador luz y gas", "Comparador seguros"],
    invalidShare: 0.04,
    fakeShare: 0.01,
    duplicateShare: 0.3,
    unreachableShare: 0.27,
    answerRate: 0.16,
    conversionRate: 0.13,
    preferredSlotShare: 0.1,
    eveningBias: 1.1,
    teamWeights: [0.4, 0.35, 0.25],
  },
  {
    name: "Affiliate list",
    aliases: ["affiliate", "afiliados", "lista afiliados"],
    costPerLeadMinor: 600,
    share: 0.14,
    campaigns: ["Lista otoño", "Lista invierno"],
    invalidShare: 0.15,
    fakeShare: 0.02,
    duplicateShare: 0.04,
    unreachableShare: 0.56,
    answerRate: 0.135,
    conversionRate: 0.05,
    preferredSlotShare: 0,
    eveningBias: 1,
    teamWeights: [0.2, 0.3, 0.5],
  },
  {
    name: "Organic web",
    aliases: ["web", "organic", "seo", "website"],
    costPerLeadMinor: null,
    share: 0.1,
    campaigns: ["Formulario de contacto", "Calculadora de ahorro"],
    invalidShare: 0.02,
    fakeShare: 0.005,
    duplicateShare: 0.03,
    unreachableShare: 0.17,
    answerRate: 0.21,
    conversionRate: 0.22,
    preferredSlotShare: 0.2,
    eveningBias: 1,
    teamWeights: [0.45, 0.35, 0.2],
  },
  {
    name: "Referrals",
    aliases: ["referral", "referidos", "recomendados"],
    costPerLeadMinor: 1000,
    share: 0.04,
    campaigns: ["Programa amigos"],
    invalidShare: 0.01,
    fakeShare: 0,
    duplicateShare: 0.02,
    unreachableShare: 0.09,
    answerRate: 0.26,
    conversionRate: 0.32,
    preferredSlotShare: 0.15,
    eveningBias: 1,
    teamWeights: [0.5, 0.35, 0.15],
  },
];

export type ZoneProfile = {
  timeZone: string;
  share: number;
  country: "ES" | "PT" | "MX" | "US" | "IN" | "NP";
  currency: "EUR" | "USD" | "MXN";
};

export const zoneProfiles: ZoneProfile[] = [
  { timeZone: "Europe/Madrid", share: 0.78, country: "ES", currency: "EUR" },
  { timeZone: "Atlantic/Canary", share: 0.06, country: "ES", currency: "EUR" },
  { timeZone: "Europe/Lisbon", share: 0.05, country: "PT", currency: "EUR" },
  {
    timeZone: "America/Mexico_City",
    share: 0.04,
    country: "MX",
    currency: "MXN",
  },
  { timeZone: "America/New_York", share: 0.03, country: "US", currency: "USD" },
  { timeZone: "Asia/Kolkata", share: 0.025, country: "IN", currency: "USD" },
  { timeZone: "Asia/Kathmandu", share: 0.015, country: "NP", currency: "USD" },
];

/** How each team follows the policy; agents vary around their team. */
export type TeamProfile = {
  name: string;
  /** Median minutes from a lead (or its slot) to the first call. */
  firstCallMedianMinutes: number;
  /** Leads whose first call slips by hours. */
  lateFirstCallShare: number;
  /** Leads that never get a call. */
  neverCalledShare: number;
  /** Distribution of policy calls made: [calls, weight]. */
  policyCalls: (readonly [number, number])[];
  /** Next call goes to the next slot (else 10–50 minutes later). */
  spreadShare: number;
  /** A call that would fall outside calling hours is made anyway. */
  outsideHoursShare: number;
  /** Leads redialled beyond the daily maximum. */
  overDialShare: number;
  /** Call-failed leads with a message channel that are sent a message. */
  messageShare: number;
  /** Messages sent without consent when the lead gave none. */
  noConsentMessageShare: number;
  /** Delay from the last failed call: [bucket, weight]. */
  messageDelays: (readonly [DelayBucket, number])[];
  automatedMessages: boolean;
  /** Later calls, on following days, after the policy failed. */
  laterCalls: (readonly [number, number])[];
  templates: (readonly [string, number])[];
  agents: { externalId: string; name: string; diligence: number }[];
  /** Days of the quarter (0 the first; `to` excluded) whose leads' calls
   * never reached Reachboard: such a lead carries its last outcome code
   * alone, as a CRM export without calls does. */
  logGap?: { from: number; to: number };
};

export type DelayBucket = "instant" | "within-hour" | "within-day" | "later";

export const teamProfiles: TeamProfile[] = [
  {
    name: "Equipo Madrid",
    firstCallMedianMinutes: 2.5,
    lateFirstCallShare: 0.03,
    neverCalledShare: 0.002,
    policyCalls: [
      [4, 0.92],
      [3, 0.06],
      [2, 0.02],
    ],
    spreadShare: 0.92,
    outsideHoursShare: 0.01,
    overDialShare: 0.002,
    messageShare: 0.97,
    noConsentMessageShare: 0,
    messageDelays: [
      ["instant", 0.86],
      ["within-hour", 0.09],
      ["within-day", 0.04],
      ["later", 0.01],
    ],
    automatedMessages: true,
    laterCalls: [
      [1, 0.2],
      [2, 0.4],
      [3, 0.4],
    ],
    templates: [
      ["WhatsApp · Personal y claro", 0.7],
      ["SMS · Recordatorio con motivo", 0.2],
      ["WhatsApp · Aviso breve", 0.1],
    ],
    agents: [
      { externalId: "ag-101", name: "Lucía Romero", diligence: 1.1 },
      { externalId: "ag-102", name: "Javier Ortega", diligence: 1 },
      { externalId: "ag-103", name: "Marta Delgado", diligence: 1.05 },
      { externalId: "ag-104", name: "Pablo Navarro", diligence: 0.9 },
    ],
  },
  {
    name: "Equipo Valencia",
    firstCallMedianMinutes: 9,
    lateFirstCallShare: 0.1,
    neverCalledShare: 0.01,
    policyCalls: [
      [4, 0.65],
      [3, 0.2],
      [2, 0.1],
      [1, 0.05],
    ],
    spreadShare: 0.7,
    outsideHoursShare: 0.025,
    overDialShare: 0.01,
    messageShare: 0.85,
    noConsentMessageShare: 0.04,
    messageDelays: [
      ["instant", 0.25],
      ["within-hour", 0.5],
      ["within-day", 0.2],
      ["later", 0.05],
    ],
    automatedMessages: false,
    laterCalls: [
      [0, 0.3],
      [1, 0.4],
      [2, 0.3],
    ],
    templates: [
      ["WhatsApp · Aviso breve", 0.45],
      ["WhatsApp · Personal y claro", 0.3],
      ["SMS · Recordatorio con motivo", 0.25],
    ],
    agents: [
      { externalId: "ag-201", name: "Carmen Vidal", diligence: 1.15 },
      { externalId: "ag-202", name: "Sergio Martí", diligence: 1 },
      { externalId: "ag-203", name: "Elena Soler", diligence: 0.95 },
      { externalId: "ag-204", name: "Raúl Ferrer", diligence: 0.85 },
    ],
  },
  {
    name: "Televenta Externa",
    logGap: { from: 66, to: 80 },
    firstCallMedianMinutes: 35,
    lateFirstCallShare: 0.25,
    neverCalledShare: 0.03,
    policyCalls: [
      [4, 0.4],
      [3, 0.25],
      [2, 0.2],
      [1, 0.15],
    ],
    spreadShare: 0.35,
    outsideHoursShare: 0.06,
    overDialShare: 0.04,
    messageShare: 0.6,
    noConsentMessageShare: 0.25,
    messageDelays: [
      ["instant", 0.05],
      ["within-hour", 0.25],
      ["within-day", 0.4],
      ["later", 0.3],
    ],
    automatedMessages: false,
    laterCalls: [
      [0, 0.6],
      [1, 0.3],
      [2, 0.1],
    ],
    templates: [
      ["WhatsApp · Genérico", 0.6],
      ["SMS · Aviso automático", 0.3],
      ["WhatsApp · Aviso breve", 0.1],
    ],
    agents: [
      { externalId: "ag-301", name: "Iván Castro", diligence: 1.05 },
      { externalId: "ag-302", name: "Nerea Gil", diligence: 0.9 },
      { externalId: "ag-303", name: "Óscar Molina", diligence: 0.85 },
      { externalId: "ag-304", name: "Silvia Prieto", diligence: 1.2 },
    ],
  },
];

export type TemplateProfile = {
  name: string;
  channel: "whatsapp" | "sms";
  body: string;
  namesCompanyAndPerson: boolean;
  statesReason: boolean;
  professionalTone: boolean;
  oneNextStep: boolean;
};

export const templateProfiles: TemplateProfile[] = [
  {
    name: "WhatsApp · Personal y claro",
    channel: "whatsapp",
    body: "Hola {{nombre}}, soy {{agente}} de Demo Energía & Seguros. Te llamé por la comparativa de {{producto}} que pediste y no pude localizarte. ¿Te llamo hoy a las {{hora}}? Responde sí o indícame otra hora.",
    namesCompanyAndPerson: true,
    statesReason: true,
    professionalTone: true,
    oneNextStep: true,
  },
  {
    name: "SMS · Recordatorio con motivo",
    channel: "sms",
    body: "Demo Energía & Seguros: {{nombre}}, te llamamos por tu solicitud de {{producto}}. Llámanos al 900 000 000 cuando te venga bien.",
    namesCompanyAndPerson: true,
    statesReason: true,
    professionalTone: true,
    oneNextStep: true,
  },
  {
    name: "WhatsApp · Aviso breve",
    channel: "whatsapp",
    body: "Hola {{nombre}}, te hemos llamado desde Demo Energía & Seguros. ¿Cuándo te viene bien hablar?",
    namesCompanyAndPerson: true,
    statesReason: false,
    professionalTone: true,
    oneNextStep: true,
  },
  {
    name: "SMS · Aviso automático",
    channel: "sms",
    body: "Tiene una llamada perdida. Para más información visite nuestra web o llame al 900 000 000.",
    namesCompanyAndPerson: false,
    statesReason: false,
    professionalTone: true,
    oneNextStep: false,
  },
  {
    name: "WhatsApp · Genérico",
    channel: "whatsapp",
    body: "Holaaa!! 😀 Te hemos llamado!! Tenemos ofertas increíbles, mira la web, síguenos en redes o llámanos!!",
    namesCompanyAndPerson: false,
    statesReason: false,
    professionalTone: false,
    oneNextStep: false,
  },
];

export type DispositionProfile = {
  name: string;
  code: string;
  contact?: boolean;
  invalidContact?: boolean;
  doNotContact?: boolean;
  notInterested?: boolean;
  converted?: boolean;
  callback?: boolean;
  testRecord?: boolean;
};

/** The demo dialer's own codes, in Spanish as its agents type them, mapped
 * to the product's standard dispositions (same names and flags, so a list
 * set up before the demo is reused as it is). */
export const dispositionProfiles: DispositionProfile[] = [
  { name: "Contact", code: "interesado", contact: true },
  {
    name: "Not interested",
    code: "no_interesado",
    contact: true,
    notInterested: true,
  },
  { name: "Callback", code: "volver_a_llamar", contact: true, callback: true },
  { name: "Converted", code: "venta", contact: true, converted: true },
  { name: "Do not contact", code: "baja", doNotContact: true },
  { name: "Invalid contact", code: "numero_erroneo", invalidContact: true },
  { name: "Call failed", code: "no_contesta" },
  { name: "Test record", code: "falso", testRecord: true },
];

/** Fixed conversion rates: EUR per unit of the keyed currency. */
export const demoCurrencyRates = { EUR: 1, USD: 0.92, MXN: 0.05 };

/** The `origin` of every demo lead and attempt. */
export const demoOrigin = "demo";

export const demoOrganisationName = "Demo Energía & Seguros";
export const demoReportTimezone = "Europe/Madrid";
