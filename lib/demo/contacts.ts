import type { ZoneProfile } from "./catalogue";
import type { Random } from "./random";

// Phone numbers follow each country's mobile format so that they parse as
// valid, but are drawn at random and belong to nobody we know of. E-mail
// addresses use only the reserved example.com and example.org domains.

const firstNames: Record<ZoneProfile["country"], string[]> = {
  ES: [
    "lucia",
    "hugo",
    "martina",
    "mateo",
    "sofia",
    "leo",
    "julia",
    "daniel",
    "paula",
    "alvaro",
    "carla",
    "manuel",
    "alba",
    "pablo",
    "noa",
    "javier",
    "irene",
    "diego",
    "sara",
    "adrian",
  ],
  PT: [
    "joao",
    "maria",
    "tiago",
    "beatriz",
    "rodrigo",
    "ines",
    "duarte",
    "leonor",
  ],
  MX: [
    "santiago",
    "ximena",
    "emiliano",
    "valentina",
    "diego",
    "regina",
    "andres",
    "camila",
  ],
  US: ["james", "olivia", "liam", "emma", "noah", "ava", "ethan", "mia"],
  IN: ["aarav", "ananya", "vihaan", "diya", "arjun", "isha", "rohan", "priya"],
  NP: [
    "aayush",
    "sita",
    "bibek",
    "srijana",
    "prakash",
    "anjali",
    "suman",
    "kabita",
  ],
};

const lastNames: Record<ZoneProfile["country"], string[]> = {
  ES: [
    "garcia",
    "rodriguez",
    "gonzalez",
    "fernandez",
    "lopez",
    "martinez",
    "sanchez",
    "perez",
    "gomez",
    "martin",
    "jimenez",
    "ruiz",
    "hernandez",
    "diaz",
    "moreno",
    "alvarez",
    "romero",
    "navarro",
    "torres",
    "dominguez",
  ],
  PT: [
    "silva",
    "santos",
    "ferreira",
    "pereira",
    "oliveira",
    "costa",
    "rodrigues",
    "martins",
  ],
  MX: [
    "hernandez",
    "garcia",
    "martinez",
    "lopez",
    "gonzalez",
    "perez",
    "rodriguez",
    "sanchez",
  ],
  US: [
    "smith",
    "johnson",
    "williams",
    "brown",
    "jones",
    "miller",
    "davis",
    "wilson",
  ],
  IN: ["sharma", "verma", "patel", "gupta", "singh", "kumar", "iyer", "reddy"],
  NP: [
    "shrestha",
    "gurung",
    "tamang",
    "thapa",
    "rai",
    "magar",
    "adhikari",
    "karki",
  ],
};

// New York area codes, each with the 555-0100 to 555-0199 block that is
// reserved for fiction.
const newYorkAreaCodes = [
  "212",
  "315",
  "332",
  "347",
  "516",
  "518",
  "585",
  "607",
  "631",
  "646",
  "680",
  "716",
  "718",
  "838",
  "845",
  "914",
  "917",
  "929",
  "934",
];

/** Hands out phone numbers that are unique within one demo data set. */
export function createContactBook(random: Random) {
  const usedPhones = new Set<string>(fakePhones);
  let nextFictionUs = 0;

  function drawDigits(count: number) {
    let digits = "";
    for (let index = 0; index < count; index++) digits += random.int(0, 9);

    return digits;
  }

  function drawOnce(country: ZoneProfile["country"]): string {
    switch (country) {
      case "ES":
        return `+34${random.pick(["6", "6", "6", "7"])}${random.int(0, 4)}${drawDigits(7)}`;
      case "PT":
        return `+3519${random.pick(["1", "2", "3", "6"])}${drawDigits(7)}`;
      case "MX":
        return `+52${random.pick(["55", "56", "33", "81"])}${drawDigits(8)}`;
      case "IN":
        return `+91${random.int(6, 9)}${drawDigits(9)}`;
      case "NP":
        return `+97798${random.int(0, 6)}${drawDigits(7)}`;
      case "US": {
        const slot = nextFictionUs++;
        const area = newYorkAreaCodes[Math.floor(slot / 100)];
        if (area) return `+1${area}55501${String(slot % 100).padStart(2, "0")}`;

        // Past the fiction blocks: a random line in a New York area code.
        return `+1${random.pick(newYorkAreaCodes)}${random.int(2, 9)}${drawDigits(6)}`;
      }
    }
  }

  function drawPhone(country: ZoneProfile["country"]): string {
    for (;;) {
      const phone = drawOnce(country);
      if (!usedPhones.has(phone)) {
        usedPhones.add(phone);

        return phone;
      }
    }
  }

  function drawEmail(country: ZoneProfile["country"]): string {
    const first = random.pick(firstNames[country]);
    const last = random.pick(lastNames[country]);
    const suffix = random.chance(0.6) ? String(random.int(1, 999)) : "";
    const separator = random.pick([".", "_", ""]);
    const domain = random.chance(0.7) ? "example.com" : "example.org";

    return `${first}${separator}${last}${suffix}@${domain}`;
  }

  return { drawPhone, drawEmail };
}

/** The numbers people type into forms they do not mean. */
export const fakePhones = [
  "+34600000000",
  "+34611111111",
  "+34666666666",
  "+34612345678",
];

export const fakeEmails = [
  "test@example.com",
  "asdf@example.org",
  "aaa@example.com",
  "no@example.com",
];
