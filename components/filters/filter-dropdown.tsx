"use client";

import { useRef } from "react";

const field =
  "rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900";

/**
 * A filter's list of choices under a button that names what is chosen. A
 * `<details>`, so it opens without JavaScript; with it, Escape closes an
 * open list and gives the focus back to its button.
 */
export function FilterDropdown({
  label,
  children,
}: {
  label: string;
  children: React.ReactNode;
}) {
  const button = useRef<HTMLElement>(null);

  function closeOnEscape(event: React.KeyboardEvent<HTMLDetailsElement>) {
    if (event.key !== "Escape" || !event.currentTarget.open) return;
    event.preventDefault();
    event.currentTarget.open = false;
    button.current?.focus();
  }

  return (
    <details className="relative" onKeyDown={closeOnEscape}>
      <summary ref={button} className={`${field} cursor-pointer list-none`}>
        {label}
      </summary>
      {children}
    </details>
  );
}
