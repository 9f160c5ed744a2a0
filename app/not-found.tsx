import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="muted mt-2">It doesn&apos;t exist, or you don&apos;t have access to it.</p>
      <Link href="/" className="btn-secondary mt-6">
        Back to your team
      </Link>
    </main>
  );
}
