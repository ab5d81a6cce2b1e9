import type {
  RecoveryByTemplate,
  TemplateChecks,
} from "@/lib/metrics/recovery";
import { templateCheckLabels } from "./labels";
import {
  bodyRowClass,
  headRowClass,
  numTdClass,
  numThClass,
  RateCells,
  RateHeaders,
  ScrollTable,
  thClass,
} from "./table-parts";

const checkKeys = Object.keys(templateCheckLabels) as (keyof TemplateChecks)[];

// A tick or a cross with the word beside it, so the answer never rests on
// colour or on the glyph alone.
function CheckMark({ passed }: { passed: boolean }) {
  return passed ? (
    <span className="whitespace-nowrap text-emerald-800 dark:text-emerald-300">
      <span aria-hidden="true">✓ </span>Yes
    </span>
  ) : (
    <span className="whitespace-nowrap text-orange-800 dark:text-orange-300">
      <span aria-hidden="true">✗ </span>No
    </span>
  );
}

/** Recovery rate by message template, with the template's four checks. */
export function TemplateTable({
  byTemplate,
  previous,
  compare,
}: {
  byTemplate: RecoveryByTemplate;
  previous: RecoveryByTemplate | undefined;
  compare: boolean;
}) {
  return (
    <ScrollTable caption="Recovery rate by message template, with the four checks of each template">
      <thead>
        <tr className={headRowClass}>
          <th scope="col" className={thClass}>
            Template
          </th>
          {checkKeys.map((key) => (
            <th key={key} scope="col" className={`${thClass} max-w-32`}>
              {templateCheckLabels[key]}
            </th>
          ))}
          <th scope="col" className={numThClass}>
            Checks passed
          </th>
          <RateHeaders label="Recovery rate" compare={compare} />
        </tr>
      </thead>
      <tbody>
        {byTemplate.templates.map((template) => (
          <tr key={template.templateId ?? "none"} className={bodyRowClass}>
            <th scope="row" className="py-2 pr-4 text-left font-normal">
              {template.name ?? "Sent without a template"}
            </th>
            {checkKeys.map((key) => (
              <td key={key} className="py-2 pr-4">
                {template.checks ? (
                  <CheckMark passed={template.checks[key]} />
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">
                    not checked
                  </span>
                )}
              </td>
            ))}
            <td className={numTdClass}>
              {template.checksPassed === null
                ? "not checked"
                : `${template.checksPassed} of 4`}
            </td>
            <RateCells
              rate={template.rate}
              previous={
                previous?.templates.find(
                  (entry) => entry.templateId === template.templateId,
                )?.rate
              }
              compare={compare}
            />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
