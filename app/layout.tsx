import type { Metadata } from "next";
import localFont from "next/font/local";
import "./globals.css";

// Shipped in an npm package, so the build needs no font download.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Reachboard", template: "%s · Reachboard" },
  description: "Where contact with leads is won and lost.",
  icons: { icon: "/favicon.svg" },
};

export default function RootLayout({
  children,
}: {
  children: React.ReactNode;
}) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
