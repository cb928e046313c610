import { render, type RenderResult } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import type { ReactElement } from "react";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";

import { ClinicProvider } from "../app/clinic";
import { createQueryClient, Providers } from "../app/Providers";
import { SessionContext, type SessionValue } from "../app/session";
import { ShellProvider } from "../app/shell";
import type { AppInfo } from "../bindings/AppInfo";
import type { CurrentUser } from "../bindings/CurrentUser";

/**
 * Renders inside everything a page needs (theme, a fresh query cache, clinic info, a signed-in
 * user, the shell with its patient form, and an in-memory router). Pass the `{ user, info }` that
 * signInAs returned, for the user the calls are made as.
 * `location.history` records navigation; `sessionCalls` the session actions, which only count their calls.
 */
export function renderApp(
  ui: ReactElement,
  { path = "/patients", info, user }: { path?: string; info: AppInfo; user: CurrentUser },
) {
  const location = memoryLocation({ path, record: true });
  const client = createQueryClient();
  const calls: string[] = [];
  const session: SessionValue = {
    user,
    locked: false,
    lock: () => calls.push("lock"),
    switchUser: () => calls.push("switchUser"),
    signOut: () => calls.push("signOut"),
    refresh: () => calls.push("refresh"),
  };
  const result: RenderResult = render(
    <Providers client={client} env="test">
      <ClinicProvider info={info}>
        <SessionContext.Provider value={session}>
          <Router hook={location.hook}>
            <ShellProvider>{ui}</ShellProvider>
          </Router>
        </SessionContext.Provider>
      </ClinicProvider>
    </Providers>,
  );
  return { ...result, location, client, sessionCalls: calls };
}

/** The path the app is on now. */
export function currentPath(location: { history: string[] }): string | undefined {
  return location.history[location.history.length - 1];
}

/**
 * A user-event instance. The pointer-events check walks computed styles of every ancestor,
 * which is slow in jsdom with Mantine's style tags and tells us nothing (no CSS is loaded).
 */
export function setupUser() {
  return userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
}
