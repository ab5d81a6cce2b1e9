import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-10">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        There is nothing at this address.
      </p>
      <Link
        href="/overview"
        className="mt-4 inline-block text-sky-700 underline dark:text-sky-400"
      >
        Back to the overview
      </Link>
    </main>
  );
}
