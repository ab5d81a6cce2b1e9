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

const file = "freeswitch-cdr-sample/Master.csv";

type CallRow = {
  externalId: string;
  lead: string;
  agent: string | null;
  startedAt: string;
  outcome: string;
  durationSeconds: number;
};

async function readCalls(connection: Connection): Promise<CallRow[]> {
  return queryRows<CallRow>(
    connection.db,
    sql`select a.external_id as "externalId", l.external_id as lead,
      ag.external_id as agent,
      to_char(a.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') as "startedAt",
      a.outcome::text as outcome, a.duration_seconds as "durationSeconds"
    from attempts a join leads l on l.id = a.lead_id
    left join agents ag on ag.id = a.agent_id
    order by a.started_at, a.external_id`,
  );
}

// A FreeSWITCH default-template row, as a spreadsheet re-saves it.
function row(fields: {
  caller: string;
  destination: string;
  start: string;
  answer: string;
  cause: string;
  uuid: string;
}): string {
  return [
    "Sales",
    fields.caller,
    fields.destination,
    "default",
    fields.start,
    fields.answer,
    fields.start,
    "30",
    "25",
    fields.cause,
    fields.uuid,
    "",
    fields.caller,
    "PCMU",
    "PCMU",
  ].join(",");
}

describe("the freeswitch-cdr preset", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());
  beforeEach(() => clearImports(connection.db));

  describe.skipIf(!hasDataFile(file))(
    "on the real re-saved Master.csv (skipped when ../shared/data is absent)",
    () => {
      it("stores a call reported three times once, as its last report says, and names the rows", async () => {
        const summary = await importFile(connection.db, {
          preset: "freeswitch-cdr",
          fileName: "Master.csv",
          input: openDataFile(file),
        });

        expect([summary.rowsRead, summary.inserted]).toEqual([10, 8]);
        expect(summary.repeatedIds).toEqual([
          {
            externalId: "7adced1a-4c7c-11ea-b08c-2bfc2a06d67d",
            rows: [8, 9, 10],
            keptRow: 10,
          },
        ]);
        expect(summary.lines).toContain(
          "Rows 8, 9 and 10 report the same id 7adced1a-4c7c-11ea-b08c-2bfc2a06d67d; it is stored once, as row 10 reports it.",
        );
        expect(
          (await readCalls(connection)).find(
            (call) =>
              call.externalId === "7adced1a-4c7c-11ea-b08c-2bfc2a06d67d",
          ),
        ).toEqual({
          externalId: "7adced1a-4c7c-11ea-b08c-2bfc2a06d67d",
          lead: "1004",
          agent: null,
          startedAt: "2020-02-11T10:13Z",
          outcome: "busy",
          durationSeconds: 20,
        });
      });

      it("reads slashed dates without seconds and maps hangup causes to outcomes", async () => {
        await importFile(connection.db, {
          preset: "freeswitch-cdr",
          fileName: "Master.csv",
          input: openDataFile(file),
        });

        expect(await readCalls(connection)).toEqual([
          {
            externalId: "b9d0a33e-4c15-11ea-978a-9dd79410affb",
            lead: "1002",
            agent: null,
            startedAt: "2020-02-10T21:40Z",
            outcome: "answered",
            durationSeconds: 61,
          },
          {
            externalId: "d80e22e0-4c15-11ea-97a0-9dd79410affb",
            lead: "1002",
            agent: null,
            startedAt: "2020-02-10T21:41Z",
            outcome: "answered",
            durationSeconds: 9,
          },
          {
            externalId: "e56b68e4-4c15-11ea-97b4-9dd79410affb",
            lead: "1002",
            agent: null,
            startedAt: "2020-02-10T21:41Z",
            outcome: "answered",
            durationSeconds: 21,
          },
          {
            externalId: "f1542038-4c15-11ea-97ca-9dd79410affb",
            lead: "1002",
            agent: null,
            startedAt: "2020-02-10T21:41Z",
            outcome: "no_answer",
            durationSeconds: 0,
          },
          {
            externalId: "f68e66ee-4c15-11ea-97d1-9dd79410affb",
            lead: "1002",
            agent: null,
            startedAt: "2020-02-10T21:42Z",
            outcome: "answered",
            durationSeconds: 327,
          },
          {
            externalId: "f2f22b7e-4c79-11ea-b05d-2bfc2a06d67d",
            lead: "1004",
            agent: null,
            startedAt: "2020-02-11T09:55Z",
            outcome: "answered",
            durationSeconds: 20,
          },
          {
            externalId: "559758f2-4c7b-11ea-b071-2bfc2a06d67d",
            lead: "1004",
            agent: "1002",
            startedAt: "2020-02-11T10:05Z",
            outcome: "failed",
            durationSeconds: 32,
          },
          {
            externalId: "7adced1a-4c7c-11ea-b08c-2bfc2a06d67d",
            lead: "1004",
            agent: null,
            startedAt: "2020-02-11T10:13Z",
            outcome: "busy",
            durationSeconds: 20,
          },
        ]);
      });

      it("changes nothing when the same file is imported again", async () => {
        await importFile(connection.db, {
          preset: "freeswitch-cdr",
          fileName: "Master.csv",
          input: openDataFile(file),
        });

        const second = await importFile(connection.db, {
          preset: "freeswitch-cdr",
          fileName: "Master.csv",
          input: openDataFile(file),
        });

        expect([second.inserted, second.updated, second.unchanged]).toEqual([
          0, 0, 8,
        ]);
        expect(second.leadsCreated).toBe(0);
        expect(await countRows(connection.db, "attempts")).toBe(8);
        expect(await countRows(connection.db, "leads")).toBe(2);
      });
    },
  );

  it("maps rejected, unallocated and cancelled calls, and reads an unpadded stamp with seconds", async () => {
    await importFile(connection.db, {
      preset: "freeswitch-cdr",
      fileName: "fs.csv",
      input: csvFile([
        row({
          caller: "1002",
          destination: "+34612345678",
          start: "2026/3/2 9:05:07",
          answer: "",
          cause: "CALL_REJECTED",
          uuid: "u1",
        }),
        row({
          caller: "1002",
          destination: "+34612345678",
          start: "2026-03-02 10:00:00",
          answer: "",
          cause: "UNALLOCATED_NUMBER",
          uuid: "u2",
        }),
        row({
          caller: "1002",
          destination: "+34612345678",
          start: "2026-03-02 11:00:00",
          answer: "",
          cause: "ORIGINATOR_CANCEL",
          uuid: "u3",
        }),
        row({
          caller: "1002",
          destination: "+34612345678",
          start: "2026-03-02 12:00:00",
          answer: "",
          cause: "NORMAL_CLEARING",
          uuid: "u4",
        }),
      ]),
    });

    expect(
      (await readCalls(connection)).map((call) => [
        call.externalId,
        call.startedAt,
        call.outcome,
      ]),
    ).toEqual([
      ["u1", "2026-03-02T08:05Z", "rejected"],
      ["u2", "2026-03-02T09:00Z", "invalid_number"],
      ["u3", "2026-03-02T10:00Z", "no_answer"],
      ["u4", "2026-03-02T11:00Z", "no_answer"],
    ]);
  });

  it("rejects an unknown hangup cause, one named like a built-in property of objects too, a day-first date and a year past 2099", async () => {
    const error = await importFile(connection.db, {
      preset: "freeswitch-cdr",
      fileName: "fs.csv",
      input: csvFile([
        row({
          caller: "1002",
          destination: "1004",
          start: "2026-03-02 09:00:00",
          answer: "",
          cause: "SOMETHING_ELSE",
          uuid: "u1",
        }),
        row({
          caller: "1002",
          destination: "1004",
          start: "2/3/2026 09:00",
          answer: "",
          cause: "USER_BUSY",
          uuid: "u2",
        }),
        row({
          caller: "1002",
          destination: "1004",
          start: "2026-03-02 09:10:00",
          answer: "",
          cause: "constructor",
          uuid: "u3",
        }),
        row({
          caller: "1002",
          destination: "1004",
          start: "9999-12-31 23:59:59",
          answer: "",
          cause: "USER_BUSY",
          uuid: "u4",
        }),
      ]),
      // West of UTC, the last second of 9999 is already in the year 10000.
      timeZone: "America/New_York",
    }).catch((caught: unknown) => caught);

    expect(
      (error as ImportFailedError).summary.problems.map((p) => p.message),
    ).toEqual([
      'fs.csv row 1, column "hangup_cause": expected a FreeSWITCH hangup cause such as NORMAL_CLEARING or USER_BUSY, got "SOMETHING_ELSE"',
      'fs.csv row 2, column "start_stamp": expected a time such as 2020-02-10 22:41:37 or 2020/2/10 22:41, got "2/3/2026 09:00"',
      'fs.csv row 3, column "hangup_cause": expected a FreeSWITCH hangup cause such as NORMAL_CLEARING or USER_BUSY, got "constructor"',
      'fs.csv row 4, column "start_stamp": expected a year up to 2099, got "9999-12-31 23:59:59"',
    ]);
    expect(await countRows(connection.db, "attempts")).toBe(0);
  });
});
