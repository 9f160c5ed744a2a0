"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { z } from "zod";

// zod compiles object parsers with `new Function` when it may, and probes for that with a
// caught `new Function("")`; under the dashboard's script policy (no 'unsafe-eval') the probe
// is still reported as a violation. In the browser it parses without compiling instead.
z.config({ jitless: true });

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
