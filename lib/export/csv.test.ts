import { describe, expect, it } from "vitest";
import { countChange, csvShare, moneyChange, shareChange, toCsv } from "./csv";

describe("CSV export", () => {
  it("quotes commas, quotes and line breaks, and ends lines with CRLF", () => {
    const csv = toCsv(
      [{ name: 'Ana "A", Sales', leads: 3 }],
      [
        { header: "Name", value: (row) => row.name },
        { header: "Leads", value: (row) => row.leads },
      ],
    );
    expect(csv).toBe('Name,Leads\r\n"Ana ""A"", Sales",3\r\n');
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    const csv = toCsv(
      [{ value: "=HYPERLINK(1)" }],
      [{ header: "v", value: (row) => row.value }],
    );
    expect(csv).toBe("v\r\n'=HYPERLINK(1)\r\n");
  });

  it("defuses a formula after a semicolon or a tab inside a cell", () => {
    const csv = toCsv(
      [{ source: "safe;=1+2" }, { source: "a;\t@SUM(A1)" }, { source: "a;b" }],
      [{ header: "source", value: (row) => row.source }],
    );
    expect(csv).toBe(
      'source\r\n"safe;\'=1+2"\r\n"a;\t\'@SUM(A1)"\r\n"a;b"\r\n',
    );
  });

  it("leaves a phone number in E.164 as written", () => {
    const csv = toCsv(
      [{ phone: "+34612345612" }, { phone: "-1" }],
      [{ header: "phone", value: (row) => row.phone }],
    );
    expect(csv).toBe("phone\r\n+34612345612\r\n-1\r\n");
  });

  it("writes no data as an empty cell, never as zero", () => {
    expect(csvShare(null)).toBe("");
    expect(csvShare(0.4)).toBe("0.4000");
  });

  it("puts the previous period and the change beside each figure when compared", () => {
    type Row = {
      source: string;
      leads: number;
      share: number | null;
      valueMinor: number;
    };
    const current: Row[] = [
      { source: "Web", leads: 8, share: 0.4125, valueMinor: 150_000 },
      { source: "Fair", leads: 2, share: 0.5, valueMinor: 0 },
    ];
    const previous: Row[] = [
      { source: "Web", leads: 11, share: 0.4, valueMinor: 151_250 },
    ];
    const csv = toCsv(
      current,
      [
        { header: "source", value: (row) => row.source },
        {
          header: "leads",
          value: (row) => row.leads,
          change: countChange((row) => row.leads),
        },
        {
          header: "share",
          value: (row) => csvShare(row.share),
          change: shareChange((row) => row.share),
        },
        {
          header: "value_EUR",
          value: (row) => (row.valueMinor / 100).toFixed(2),
          change: moneyChange((row) => row.valueMinor, "EUR"),
        },
      ],
      {
        previousOf: (row) =>
          previous.find((entry) => entry.source === row.source),
      },
    );
    const [header, web, fair] = csv.split("\r\n");
    expect(header).toBe(
      "source,leads,previous_leads,change_leads,share,previous_share,change_share_pts,value_EUR,previous_value_EUR,change_value_EUR",
    );
    // 8 − 11 = −3 leads; 41.25 % − 40.00 % = 1.25 pts; €1,500.00 −
    // €1,512.50 = −€12.50.
    expect(web).toBe("Web,8,11,-3,0.4125,0.4000,1.25,1500.00,1512.50,-12.50");
    // Fair has no row in the previous period: no data, not zero.
    expect(fair).toBe("Fair,2,,,0.5000,,,0.00,,");
  });

  it("writes a share's change too small to show as zero, never as -0.00", () => {
    const csv = toCsv(
      [{ share: 0.41251 }],
      [
        {
          header: "share",
          value: (row) => csvShare(row.share),
          change: shareChange((row) => row.share),
        },
      ],
      { previousOf: () => ({ share: 0.41252 }) },
    );
    // 41.251 % − 41.252 % = −0.001 pts, 0.00 at two decimals.
    expect(csv).toBe(
      "share,previous_share,change_share_pts\r\n0.4125,0.4125,0.00\r\n",
    );
  });
});
