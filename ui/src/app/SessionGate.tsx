import { Center, Loader, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer } from "react";
import { Router } from "wouter";
import { useHashLocation } from "wouter/use-hash-location";

import { getSession, lockSession, normalizeError, queryKeys, signOut as callSignOut } from "../api";
import type { CurrentUser } from "../bindings/CurrentUser";
import { LockScreen } from "../features/auth/LockScreen";
import { SignInScreen } from "../features/auth/SignInScreen";
import { AppLayout } from "./AppLayout";
import { SessionContext, type SessionValue } from "./session";
import { initialSession, sessionReducer, sessionUser } from "./sessionState";
import { ShellProvider } from "./shell";
import { useIdleTimer } from "./useIdleTimer";

/**
 * Nothing below this shows without a signed-in user. Asks the core who is signed in, shows the
 * sign-in screen when nobody is, and covers the app with the lock screen — without unmounting it,
 * so work in progress survives — when the session locks (idle timer, Lock button, or the core).
 * A different user signing in gets a fresh app tree and empty caches.
 */
export function SessionGate({ initialUsername = "" }: { initialUsername?: string }) {
  const client = useQueryClient();
  const [state, dispatch] = useReducer(sessionReducer, initialSession);
  const user = sessionUser(state);
  const userId = user?.id ?? null;

  // Everything a user saw goes when the user does; the public AppInfo stays, so the window keeps
  // its clinic name and the observers of that query stay attached.
  const resetCaches = useCallback(() => {
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.appInfo[0] });
    client.getMutationCache().clear();
  }, [client]);

  /** What a failed call means for the session: only `unauthenticated` and `locked` change it. */
  const sessionFailure = useCallback((reason: unknown) => {
    const { code } = normalizeError(reason);
    if (code === "unauthenticated" || code === "locked") dispatch({ type: "auth_error", code });
  }, []);

  useEffect(() => {
    let cancelled = false;
    getSession().then(
      (current) => {
        if (!cancelled) dispatch({ type: "checked", user: current });
      },
      (reason: unknown) => {
        if (cancelled) return;
        const error = normalizeError(reason);
        if (error.code === "unauthenticated" || error.code === "locked") sessionFailure(error);
        else dispatch({ type: "signed_out", notice: error.message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [sessionFailure]);

  // Any query or mutation anywhere that meets an ended or locked session sends the window there.
  useEffect(() => {
    const unsubscribeQueries = client.getQueryCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") sessionFailure(event.action.error);
    });
    const unsubscribeMutations = client.getMutationCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") sessionFailure(event.action.error);
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [client, sessionFailure]);

  // After the app tree has unmounted, so no observer refetches what is removed.
  useLayoutEffect(() => {
    if (state.status === "signed_out") resetCaches();
  }, [state.status, resetCaches]);

  const lock = useCallback(
    (switching = false) => {
      notifications.clean(); // a toast could name a patient
      dispatch({ type: "lock", switching });
      lockSession().catch(sessionFailure);
    },
    [sessionFailure],
  );

  const refresh = useCallback(() => {
    getSession().then((current) => dispatch({ type: "refreshed", user: current }), sessionFailure);
  }, [sessionFailure]);

  const signOut = useCallback(() => {
    notifications.clean();
    dispatch({ type: "signed_out" });
    callSignOut().catch(() => {
      // The token is dropped whatever the answer; an error here changes nothing for the user.
    });
  }, []);

  const onSignedIn = useCallback(
    (current: CurrentUser) => {
      resetCaches();
      dispatch({ type: "signed_in", user: current });
    },
    [resetCaches],
  );

  const onUnlocked = useCallback(
    (current: CurrentUser) => {
      dispatch({ type: "unlocked", user: current });
      // What failed because the session was locked can be read now.
      void client.invalidateQueries({ predicate: (query) => query.state.status === "error" });
    },
    [client],
  );

  const onSwitched = useCallback(
    (current: CurrentUser) => {
      if (current.id === userId) onUnlocked(current);
      else onSignedIn(current);
    },
    [userId, onUnlocked, onSignedIn],
  );

  // The core locks a session after the same idle time without calls; a user busy with a long form
  // makes no calls, so activity also tells the core (at most once a minute) that someone is there.
  useIdleTimer({
    minutes: user?.idle_lock_minutes ?? 10,
    enabled: state.status === "active",
    onIdle: () => lock(false),
    onActive: refresh,
  });

  const locked = state.status === "locked";
  const value = useMemo<SessionValue | null>(
    () =>
      user === null
        ? null
        : { user, locked, lock: () => lock(false), switchUser: () => lock(true), signOut, refresh },
    [user, locked, lock, signOut, refresh],
  );

  if (state.status === "checking") {
    return (
      <Center mih="100vh">
        <Stack align="center" gap="sm">
          <Loader />
          <Text c="dimmed">Checking who is signed in…</Text>
        </Stack>
      </Center>
    );
  }
  if (state.status === "signed_out") {
    return (
      <SignInScreen key={initialUsername} initialUsername={initialUsername} notice={state.notice} onSignedIn={onSignedIn} />
    );
  }

  const lockScreen = locked && (
    <LockScreen
      user={state.user}
      switching={state.switching}
      onSwitching={(switching) => dispatch({ type: "switching", switching })}
      onUnlocked={onUnlocked}
      onSwitched={onSwitched}
    />
  );
  if (value === null) return lockScreen;

  return (
    <SessionContext.Provider value={value}>
      {/* Inert while locked: no focus, clicks or screen reader reach the app under the lock screen. */}
      <div inert={locked}>
        <Router hook={useHashLocation}>
          <ShellProvider key={value.user.id}>
            <AppLayout />
          </ShellProvider>
        </Router>
      </div>
      {lockScreen}
    </SessionContext.Provider>
  );
}
