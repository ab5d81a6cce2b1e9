export default function RevenueLoading() {
  return (
    <div
      aria-busy="true"
      aria-label="Loading the revenue figures"
      className="space-y-6"
    >
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {[0, 1, 2, 3].map((key) => (
          <div
            key={key}
            className="h-32 animate-pulse rounded-xl bg-slate-200 dark:bg-slate-800"
          />
        ))}
      </div>
      {[0, 1, 2].map((key) => (
        <div
          key={key}
          className="h-64 animate-pulse rounded-xl bg-slate-200 dark:bg-slate-800"
        />
      ))}
    </div>
  );
}
