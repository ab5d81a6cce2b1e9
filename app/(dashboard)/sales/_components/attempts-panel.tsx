import { AttemptsToContactChart } from "@/components/charts/attempts-to-contact-chart";
import { ContactByAttemptChart } from "@/components/charts/contact-by-attempt-chart";
import { Panel } from "@/components/ui/panel";
import { RateCell } from "@/components/ui/rate-cell";
import { formatCount, formatShare, pluralise } from "@/lib/format";
import type {
  AttemptsToContact,
  ContactByAttemptNumber,
} from "@/lib/metrics/contact";
import {
  ChangeCell,
  ChartTable,
  CsvLink,
  headCell,
  headRowClass,
  numberCell,
  rowClass,
  ScrollTable,
} from "./table-parts";

/** The cumulative contact curve by call number and the distribution of
 * calls it took to reach contacted leads, each with its table. */
export function AttemptsPanel({
  byAttempt,
  attemptsToContact,
  previousByAttempt,
  curveCsv,
  distributionCsv,
  policyCalls,
}: {
  byAttempt: ContactByAttemptNumber;
  attemptsToContact: AttemptsToContact;
  previousByAttempt: ContactByAttemptNumber | null;
  curveCsv: string;
  distributionCsv: string;
  policyCalls: number;
}) {
  const before = new Map(
    previousByAttempt?.points.map((point) => [point.attempt, point.rate]) ?? [],
  );
  const contacted = attemptsToContact.contactedLeads;

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Panel
        title="Contact by attempt number"
        figure="contactByAttemptNumber"
        description={`Share of the period's ${pluralise(byAttempt.leads, "lead")} first contacted by call n, cumulated; the policy asks for ${policyCalls} calls.`}
        actions={<CsvLink href={curveCsv} table="the contact curve" />}
      >
        {byAttempt.leads === 0 ? (
          <p className="text-sm">No leads were created in this period.</p>
        ) : (
          <>
            <ContactByAttemptChart
              points={byAttempt.points.map((point) => ({
                attempt: point.attempt,
                percent:
                  point.rate.value === null ? null : point.rate.value * 100,
                contacted: point.rate.numerator,
                leads: point.rate.denominator,
              }))}
            />
            <ChartTable summary="Show the curve as a table">
              <ScrollTable caption="Leads contacted by call number, cumulated">
                <thead>
                  <tr className={headRowClass}>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      By call
                    </th>
                    <th scope="col" className={headCell}>
                      Contacted (of all leads)
                    </th>
                    {previousByAttempt ? (
                      <th scope="col" className={headCell}>
                        Change
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {byAttempt.points.map((point) => (
                    <tr key={point.attempt} className={rowClass}>
                      <th
                        scope="row"
                        className="py-2 pr-4 text-left font-normal"
                      >
                        {point.attempt}
                      </th>
                      <RateCell rate={point.rate} />
                      {previousByAttempt ? (
                        <ChangeCell
                          current={point.rate}
                          previous={before.get(point.attempt)}
                        />
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            </ChartTable>
          </>
        )}
      </Panel>

      <Panel
        title="Attempts to contact"
        figure="attemptsToContact"
        description={`Outbound calls up to and including the first contact, over the ${pluralise(contacted, "lead")} contacted within the contact window. 0 means the lead reached us first.${attemptsToContact.withoutAttemptLog > 0 ? ` ${pluralise(attemptsToContact.withoutAttemptLog, "contacted lead")} known only from a lead-level outcome ${attemptsToContact.withoutAttemptLog === 1 ? "has" : "have"} no calls to count and ${attemptsToContact.withoutAttemptLog === 1 ? "is" : "are"} left out.` : ""}`}
        actions={<CsvLink href={distributionCsv} table="attempts to contact" />}
      >
        {contacted === 0 ? (
          <p className="text-sm">
            No lead of this period was contacted within the contact window.
          </p>
        ) : (
          <>
            <AttemptsToContactChart bars={attemptsToContact.distribution} />
            <ChartTable summary="Show the distribution as a table">
              <ScrollTable caption="Contacted leads by calls to first contact">
                <thead>
                  <tr className={headRowClass}>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      Calls to first contact
                    </th>
                    <th scope="col" className={headCell}>
                      Contacted leads
                    </th>
                    <th scope="col" className={headCell}>
                      Share
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {attemptsToContact.distribution.map((row) => (
                    <tr key={row.calls} className={rowClass}>
                      <th
                        scope="row"
                        className="py-2 pr-4 text-left font-normal"
                      >
                        {row.calls}
                      </th>
                      <td className={numberCell}>{formatCount(row.leads)}</td>
                      <td className={numberCell}>
                        {formatShare(row.leads / contacted)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            </ChartTable>
          </>
        )}
      </Panel>
    </div>
  );
}
