import { Center, Loader, Stack, Text } from "@mantine/core";
import { Router } from "wouter";
import { useHashLocation } from "wouter/use-hash-location";

import { useAppInfo } from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { SetupScreen } from "../features/setup/SetupScreen";
import { AppLayout } from "./AppLayout";
import { ClinicProvider } from "./clinic";
import { ShellProvider } from "./shell";

/**
 * Decides what can be shown: nothing but a loader until AppInfo arrives, only the setup
 * screen until the clinic is set up, then the app.
 */
export function App() {
  const info = useAppInfo();

  if (info.isError) {
    return (
      <Center mih="100vh" p="xl">
        <Stack w={520}>
          <ErrorAlert error={info.error} title="Fovea could not start" onRetry={() => void info.refetch()} />
        </Stack>
      </Center>
    );
  }
  if (info.data === undefined) {
    return (
      <Center mih="100vh">
        <Stack align="center" gap="sm">
          <Loader />
          <Text c="dimmed">Opening the clinic database…</Text>
        </Stack>
      </Center>
    );
  }
  if (!info.data.setup_done) return <SetupScreen info={info.data} />;

  return (
    <ClinicProvider info={info.data}>
      <Router hook={useHashLocation}>
        <ShellProvider>
          <AppLayout />
        </ShellProvider>
      </Router>
    </ClinicProvider>
  );
}
