import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

import { theme } from "./theme";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The backend is a local database: no network flakiness to retry through, and a failed query should show
        // its error at once. A busy database is retried by api/client for every call, queries and writes alike.
        retry: false,
        refetchOnWindowFocus: false,
        staleTime: 5_000,
      },
      mutations: { retry: false },
    },
  });
}

/** Theme, data cache and notifications: everything the app and its tests render inside. */
export function Providers({
  children,
  client,
  env = "default",
}: {
  children: ReactNode;
  client?: QueryClient;
  /** "test" turns off transitions and portals (Vitest). */
  env?: "default" | "test";
}) {
  const [ownClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" forceColorScheme="light" env={env}>
      <Notifications position="top-center" limit={4} />
      <QueryClientProvider client={client ?? ownClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
