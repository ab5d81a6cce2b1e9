import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeRedirectPath } from "@/lib/auth/redirect-path";
import { getCurrentUser } from "@/lib/auth/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const landing = safeRedirectPath((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(landing);

  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-2xl font-semibold">Reachboard</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600 dark:text-slate-400">
          Sign in to see where contact is won and lost.
        </p>
        <SignInForm landing={landing} />
      </div>
    </main>
  );
}
