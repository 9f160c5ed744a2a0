"use client";

import { useRouter } from "next/navigation";

type Team = { slug: string; name: string };

export function TeamSwitcher({ current, teams }: { current: Team; teams: Team[] }) {
  const router = useRouter();
  if (teams.length < 2) return <span className="text-sm font-medium">{current.name}</span>;
  return (
    <label className="text-sm">
      <span className="sr-only">Team</span>
      <select
        className="rounded-md border border-zinc-300 bg-transparent px-2 py-1 text-sm font-medium dark:border-zinc-700"
        value={current.slug}
        onChange={(e) => router.push(`/teams/${e.target.value}`)}
      >
        {teams.map((t) => (
          <option key={t.slug} value={t.slug}>
            {t.name}
          </option>
        ))}
      </select>
    </label>
  );
}
