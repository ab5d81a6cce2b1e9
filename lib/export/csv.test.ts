import { describe, expect, it } from "vitest";
import { csvShare, toCsv } from "./csv";

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
});
