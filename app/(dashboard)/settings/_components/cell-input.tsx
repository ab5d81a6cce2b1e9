import { inputClass } from "./save-footer";

/** A text field in a table cell of a settings form, with the error of the
 * last save below it. */
export function CellInput({
  name,
  defaultValue,
  label,
  error,
  errorId,
  width,
  inputMode,
}: {
  name: string;
  defaultValue: string;
  label: string;
  error: string | undefined;
  errorId: string;
  /** Tailwind width classes. */
  width: string;
  inputMode?: "decimal" | "numeric";
}) {
  return (
    <td className="py-2 pr-2 sm:pr-4">
      <div className="grid gap-1">
        <input
          name={name}
          defaultValue={defaultValue}
          inputMode={inputMode}
          className={`${inputClass} ${width}`}
          aria-label={label}
          aria-invalid={Boolean(error)}
          aria-describedby={errorId}
        />
        <span id={errorId} className="text-red-700 dark:text-red-400">
          {error}
        </span>
      </div>
    </td>
  );
}
