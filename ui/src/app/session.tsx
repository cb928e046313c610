import { createContext, useContext } from "react";

import type { CurrentUser } from "../bindings/CurrentUser";
import type { Permission } from "../bindings/Permission";

export interface SessionValue {
  /** The signed-in user. Inside the app there always is one. */
  user: CurrentUser;
  /** True while the lock screen covers the app. */
  locked: boolean;
  /** Shows the lock screen now (the header's Lock button, the idle timer). */
  lock: () => void;
  /** Locks and offers to sign in as someone else. */
  switchUser: () => void;
  signOut: () => void;
  /** Re-reads the signed-in user from the core (after changing one's own roles or the idle time). */
  refresh: () => void;
}

export const SessionContext = createContext<SessionValue | null>(null);

/** The session of the signed-in user. Only inside the app (below SessionGate). */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error("useSession must be used inside SessionContext");
  return value;
}

/**
 * Whether the signed-in user's role allows `permission`. The UI only hides what a role cannot do;
 * the core checks every call.
 */
export function useCan(permission: Permission): boolean {
  return useSession().user.permissions.includes(permission);
}
