import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-10">
      <h1 className="text-2xl font-semibold">Not for your role</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        Your role does not give access to this page. Ask an admin if you need
        it.
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
