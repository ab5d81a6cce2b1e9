import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { ImportFailedError, importFile } from "./index";
import {
  clearImports,
  countRows,
  csvFile,
  hasDataFile,
  openDataFile,
} from "./test-helpers";

const file = "asterisk-cdr-sample/Master.csv";

// The older cdr_csv order: accountcode first, no sequence, 18 fields.
function cdrCsvRow(fields: {
  src: string;
  dst: string;
  start: string;
  answer: string;
  billsec: string;
  disposition: string;
  uniqueid: string;
}): string {
  const values = [
    "",
    fields.src,
    fields.dst,
    "from-internal",
    `"Sales" <${fields.src}>`,
    `SIP/${fields.src}-00000001`,
    "SIP/trunk-00000002",
    "Dial",
    "SIP/trunk",
    fields.start,
    fields.answer,
    fields.start,
    fields.billsec,
    fields.billsec,
    fields.disposition,
    "DOCUMENTATION",
    fields.uniqueid,
    "",
  ];

  return values.map((value) => `"${value.replaceAll('"', '""')}"`).join(",");
}

type CallRow = {
  externalId: string;
  lead: string;
  agent: string | null;
  startedAt: string;
  outcome: string;
  durationSeconds: number | null;
};

async function readCalls(connection: Connection): Promise<CallRow[]> {
  return queryRows<CallRow>(
    connection.db,
    sql`select a.external_id as "externalId", l.external_id as lead,
      ag.external_id as agent,
      to_char(a.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startedAt",
      a.outcome::text as outcome, a.duration_seconds as "durationSeconds"
    from attempts a join leads l on l.id = a.lead_id
    left join agents ag on ag.id = a.agent_id
    order by a.started_at, a.external_id`,
  );
}

describe("the asterisk-cdr preset", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());
  beforeEach(() => clearImports(connection.db));

  describe.skipIf(!hasDataFile(file))(
    "on the real cdr_custom Master.csv (skipped when ../shared/data is absent)",
    () => {
      it("stores the 14 calls with their outcomes, talk time and agents", async () => {
        const summary = await importFile(connection.db, {
          preset: "asterisk-cdr",
          fileName: "Master.csv",
          input: openDataFile(file),
        });
        const calls = await readCalls(connection);

        expect([
          summary.rowsRead,
          summary.inserted,
          summary.leadsCreated,
        ]).toEqual([14, 14, 2]);
        expect(calls).toHaveLength(14);
        expect(calls[0]).toEqual({
          externalId: "1690325492.2/2023-07-26 01:51:32",
          lead: "6789",
          agent: "client1",
          startedAt: "2023-07-25T23:51:32Z",
          outcome: "answered",
          durationSeconds: 13,
        });
        expect(calls[1]).toEqual({
          externalId: "1690325531.5/2023-07-26 01:52:11",
          lead: "1234",
          agent: "client2",
          startedAt: "2023-07-25T23:52:11Z",
          outcome: "no_answer",
          durationSeconds: 0,
        });
        expect(
          calls.filter((call) => call.outcome === "answered"),
        ).toHaveLength(11);
        expect(
          calls.filter((call) => call.outcome === "no_answer"),
        ).toHaveLength(3);
      });

      it("creates one Dialer lead per number, kept as written because an extension is no phone", async () => {
        await importFile(connection.db, {
          preset: "asterisk-cdr",
          fileName: "Master.csv",
          input: openDataFile(file),
        });
        const leads = await queryRows<Record<string, unknown>>(
          connection.db,
          sql`select l.external_id as "externalId", s.name as source,
            l.phone_e164 as "phoneE164", l.phone_raw as "phoneRaw",
            l.created_at as "createdAt",
            (select count(*)::int from attempts a where a.lead_id = l.id) as calls
          from leads l join sources s on s.id = l.source_id order by l.external_id`,
        );

        expect(leads).toEqual([
          {
            externalId: "1234",
            source: "Dialer",
            phoneE164: null,
            phoneRaw: "1234",
            createdAt: null,
            calls: 5,
          },
          {
            externalId: "6789",
            source: "Dialer",
            phoneE164: null,
            phoneRaw: "6789",
            createdAt: null,
            calls: 9,
          },
        ]);
      });

      it("reads local times in the zone given, and counts a changed start as an update", async () => {
        await importFile(connection.db, {
          preset: "asterisk-cdr",
          fileName: "Master.csv",
          input: openDataFile(file),
        });

        // The lab PBX ran at UTC+3: the start then equals uniqueid's epoch.
        const moved = await importFile(connection.db, {
          preset: "asterisk-cdr",
          fileName: "Master.csv",
          input: openDataFile(file),
          timeZone: "Indian/Antananarivo",
        });
        const again = await importFile(connection.db, {
          preset: "asterisk-cdr",
          fileName: "Master.csv",
          input: openDataFile(file),
          timeZone: "Indian/Antananarivo",
        });
        const [first] = await readCalls(connection);

        expect([moved.inserted, moved.updated, moved.unchanged]).toEqual([
          0, 14, 0,
        ]);
        expect([again.inserted, again.updated, again.unchanged]).toEqual([
          0, 0, 14,
        ]);
        expect(again.leadsCreated).toBe(0);
        expect(first?.startedAt).toBe(
          new Date(1690325492_000).toISOString().replace(".000", ""),
        );
        expect(await countRows(connection.db, "leads")).toBe(2);
      });
    },
  );

  it("detects the older cdr_csv order and maps BUSY and CONGESTION", async () => {
    const input = csvFile([
      cdrCsvRow({
        src: "1001",
        dst: "612345678",
        start: "2026-03-02 10:00:00",
        answer: "2026-03-02 10:00:05",
        billsec: "180",
        disposition: "ANSWERED",
        uniqueid: "1772442000.1",
      }),
      cdrCsvRow({
        src: "1001",
        dst: "612345678",
        start: "2026-03-02 11:00:00",
        answer: "",
        billsec: "0",
        disposition: "BUSY",
        uniqueid: "1772445600.2",
      }),
      cdrCsvRow({
        src: "1002",
        dst: "+34 698 765 432",
        start: "2026-03-02 12:00:00",
        answer: "",
        billsec: "0",
        disposition: "CONGESTION",
        uniqueid: "1772449200.3",
      }),
    ]);

    const summary = await importFile(connection.db, {
      preset: "asterisk-cdr",
      fileName: "cdr.csv",
      input,
    });

    expect([summary.inserted, summary.leadsCreated]).toEqual([3, 2]);
    expect(await readCalls(connection)).toEqual([
      {
        externalId: "1772442000.1/2026-03-02 10:00:00",
        lead: "612345678",
        agent: "1001",
        startedAt: "2026-03-02T09:00:00Z",
        outcome: "answered",
        durationSeconds: 180,
      },
      {
        externalId: "1772445600.2/2026-03-02 11:00:00",
        lead: "612345678",
        agent: "1001",
        startedAt: "2026-03-02T10:00:00Z",
        outcome: "busy",
        durationSeconds: 0,
      },
      {
        externalId: "1772449200.3/2026-03-02 12:00:00",
        lead: "+34 698 765 432",
        agent: "1002",
        startedAt: "2026-03-02T11:00:00Z",
        outcome: "failed",
        durationSeconds: 0,
      },
    ]);
  });

  it("finds the lead that has the dialled phone instead of creating one", async () => {
    await importFile(connection.db, {
      preset: "leads",
      fileName: "crm.csv",
      input: csvFile([
        "external_id,source,created_at,phone",
        "L-1,Web,2026-03-01T09:00:00Z,+34 612 345 678",
      ]),
    });

    const summary = await importFile(connection.db, {
      preset: "asterisk-cdr",
      fileName: "cdr.csv",
      input: csvFile([
        cdrCsvRow({
          src: "1001",
          dst: "0034612345678",
          start: "2026-03-02 10:00:00",
          answer: "",
          billsec: "0",
          disposition: "NO ANSWER",
          uniqueid: "1772442000.1",
        }),
      ]),
    });
    const [call] = await readCalls(connection);

    expect(summary.leadsCreated).toBe(0);
    expect(call?.lead).toBe("L-1");
  });

  it("moves calls onto a lead imported later with their number when the log comes again", async () => {
    const log = () =>
      csvFile([
        cdrCsvRow({
          src: "1001",
          dst: "612345678",
          start: "2026-03-02 10:00:00",
          answer: "",
          billsec: "0",
          disposition: "NO ANSWER",
          uniqueid: "1772442000.1",
        }),
      ]);
    await importFile(connection.db, {
      preset: "asterisk-cdr",
      fileName: "cdr.csv",
      input: log(),
    });
    await importFile(connection.db, {
      preset: "leads",
      fileName: "crm.csv",
      input: csvFile([
        "external_id,source,created_at,phone",
        "L-1,Web,2026-03-01T09:00:00Z,+34612345678",
      ]),
    });

    const again = await importFile(connection.db, {
      preset: "asterisk-cdr",
      fileName: "cdr.csv",
      input: log(),
    });
    const [call] = await readCalls(connection);

    expect([again.updated, again.leadsCreated]).toEqual([1, 0]);
    expect(call?.lead).toBe("L-1");
  });

  it("rejects an unknown disposition, one named like a built-in property of objects too, and a year past 2099, with its row, column and the values expected", async () => {
    const input = csvFile([
      cdrCsvRow({
        src: "1001",
        dst: "612345678",
        start: "2026-03-02 10:00:00",
        answer: "",
        billsec: "0",
        disposition: "ANSWERED",
        uniqueid: "1.1",
      }),
      cdrCsvRow({
        src: "1001",
        dst: "612345678",
        start: "2026-03-02 10:05:00",
        answer: "",
        billsec: "0",
        disposition: "RINGING",
        uniqueid: "1.2",
      }),
      cdrCsvRow({
        src: "1001",
        dst: "612345678",
        start: "2026-03-02 10:10:00",
        answer: "",
        billsec: "0",
        disposition: "constructor",
        uniqueid: "1.3",
      }),
      cdrCsvRow({
        src: "1001",
        dst: "612345678",
        start: "9999-12-31 23:59:59",
        answer: "",
        billsec: "0",
        disposition: "BUSY",
        uniqueid: "1.4",
      }),
    ]);

    // West of UTC, the last second of 9999 is already in the year 10000.
    const error = await importFile(connection.db, {
      preset: "asterisk-cdr",
      fileName: "cdr.csv",
      input,
      timeZone: "America/New_York",
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ImportFailedError);
    expect((error as ImportFailedError).summary.problems).toEqual([
      {
        row: 2,
        column: "disposition",
        message:
          'cdr.csv row 2, column "disposition": expected ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION, got "RINGING"',
      },
      {
        row: 3,
        column: "disposition",
        message:
          'cdr.csv row 3, column "disposition": expected ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION, got "constructor"',
      },
      {
        row: 4,
        column: "start",
        message:
          'cdr.csv row 4, column "start": expected a year up to 2099, got "9999-12-31 23:59:59"',
      },
    ]);
    expect(await countRows(connection.db, "attempts")).toBe(0);
    expect(await countRows(connection.db, "leads")).toBe(0);
  });

  it("rejects an agent over 500 characters with its row and column", async () => {
    const input = csvFile([
      cdrCsvRow({
        src: "1".repeat(3_000),
        dst: "612345678",
        start: "2026-03-02 10:00:00",
        answer: "",
        billsec: "0",
        disposition: "ANSWERED",
        uniqueid: "1.1",
      }),
    ]);

    const error = await importFile(connection.db, {
      preset: "asterisk-cdr",
      fileName: "cdr.csv",
      input,
    }).catch((caught: unknown) => caught);

    expect((error as ImportFailedError).summary.problems).toEqual([
      {
        row: 1,
        column: "src",
        message: 'cdr.csv row 1, column "src": expected at most 500 characters',
      },
    ]);
    expect(await countRows(connection.db, "attempts")).toBe(0);
    expect(await countRows(connection.db, "agents")).toBe(0);
  });

  it("rejects a file in neither order", async () => {
    const error = await importFile(connection.db, {
      preset: "asterisk-cdr",
      fileName: "other.csv",
      input: csvFile(["a,b,c", "1,2,3"]),
    }).catch((caught: unknown) => caught);

    expect((error as ImportFailedError).message).toBe(
      "other.csv was not imported; nothing was written.\n" +
        "other.csv row 1: expected an Asterisk Master.csv: 19 fields in " +
        "cdr_custom order or 18 in cdr_csv order (accountcode first), with " +
        "the start time in field 9 or 10; got 3 fields",
    );
  });
});
