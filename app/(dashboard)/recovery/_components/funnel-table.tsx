import { formatCount } from "@/lib/format";
import type { RecoveryFunnel } from "@/lib/metrics/recovery-funnel";
import {
  bodyRowClass,
  headRowClass,
  linkClass,
  numTdClass,
  numThClass,
  RateCells,
  RateHeaders,
  ScrollTable,
  thClass,
} from "./table-parts";

/**
 * The recovery funnel as a table: each step's leads, its share of the step
 * before, and a bar of its size against the call-failed leads. The bar is
 * decoration; the numbers are in the cells.
 */
export function FunnelTable({
  funnel,
  previous,
  compare,
  leadsHrefs,
}: {
  funnel: RecoveryFunnel;
  previous: RecoveryFunnel | undefined;
  compare: boolean;
  /** Where the leads of a step are listed, for the steps that have a set. */
  leadsHrefs: Partial<Record<string, string>>;
}) {
  const callFailed = funnel.steps[0]?.rate.numerator ?? 0;

  return (
    <ScrollTable caption="Recovery funnel: leads at each step and their share of the step before">
      <thead>
        <tr className={headRowClass}>
          <th scope="col" className={thClass}>
            Step
          </th>
          <th scope="col" className={numThClass}>
            Leads
          </th>
          <RateHeaders label="Of the step before" compare={compare} />
          <th scope="col" className={`${thClass} w-1/3 min-w-32`}>
            <span className="sr-only">Size against call-failed leads</span>
          </th>
          <th scope="col" className={thClass}>
            <span className="sr-only">Leads behind</span>
          </th>
        </tr>
      </thead>
      <tbody>
        <tr className={bodyRowClass}>
          <th scope="row" className="py-2 pr-4 text-left font-normal">
            Leads created in the period
          </th>
          <td className={numTdClass}>{formatCount(funnel.leads)}</td>
          <td />
          {compare ? <td /> : null}
          <td />
          <td />
        </tr>
        {funnel.steps.map((step) => {
          const width =
            callFailed === 0 ? 0 : (step.rate.numerator / callFailed) * 100;
          const href = leadsHrefs[step.step];

          return (
            <tr key={step.step} className={bodyRowClass}>
              <th scope="row" className="py-2 pr-4 text-left font-normal">
                {step.label}
              </th>
              <td className={numTdClass}>{formatCount(step.rate.numerator)}</td>
              <RateCells
                rate={step.rate}
                previous={
                  previous?.steps.find((entry) => entry.step === step.step)
                    ?.rate
                }
                compare={compare}
              />
              <td className="py-2 pr-4 align-middle">
                <div
                  aria-hidden="true"
                  className="h-3 rounded-sm bg-(--color-chart-blue)"
                  style={{ width: `${width}%` }}
                />
              </td>
              <td className="py-2 text-xs">
                {href && step.rate.numerator > 0 ? (
                  <a href={href} className={linkClass}>
                    See the leads
                    <span className="sr-only"> ({step.label})</span>
                  </a>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}
