import { Center, Loader, Stack, Text } from "@mantine/core";
import { useState } from "react";

import { useAppInfo } from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { SetupScreen } from "../features/setup/SetupScreen";
import { ClinicProvider } from "./clinic";
import { SessionGate } from "./SessionGate";

/**
 * Decides what can be shown: nothing but a loader until AppInfo arrives, only the setup
 * screen until the clinic is set up, then whatever the session allows (SessionGate).
 */
export function App() {
  const info = useAppInfo();
  // The first administrator's username, prefilled on the sign-in screen right after setup.
  const [setupUsername, setSetupUsername] = useState("");

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
  if (!info.data.setup_done) return <SetupScreen info={info.data} onDone={setSetupUsername} />;

  return (
    <ClinicProvider info={info.data}>
      <SessionGate initialUsername={setupUsername} />
    </ClinicProvider>
  );
}
