export default function LeadsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading the leads" className="space-y-6">
      <div className="h-8 w-64 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-4 w-full max-w-2xl animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-10 w-96 max-w-full animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="space-y-2 rounded-xl border border-slate-200 p-5 dark:border-slate-800">
        {Array.from({ length: 8 }, (_, index) => (
          <div
            key={index}
            className="h-6 animate-pulse rounded bg-slate-200 dark:bg-slate-800"
          />
        ))}
      </div>
    </div>
  );
}
