// Who is at the keyboard, as the window knows it. Pure: the SessionGate feeds it the outcomes of
// calls and renders from it. The core stays the authority; this only decides which screen shows.
import type { CurrentUser } from "../bindings/CurrentUser";

export type SessionState =
  /** Asking the core whether this window already has a session. */
  | { status: "checking" }
  /** Nobody signed in: the sign-in screen. `notice` says why, when a session just ended. */
  | { status: "signed_out"; notice: string | null }
  | { status: "active"; user: CurrentUser }
  /**
   * The lock screen over the (still mounted) app. `user` is null only when the core reported a
   * locked session before the window knew whose it was. `switching`: the lock screen shows the
   * form to sign in as someone else.
   */
  | { status: "locked"; user: CurrentUser | null; switching: boolean };

export type SessionAction =
  | { type: "checked"; user: CurrentUser }
  | { type: "signed_in"; user: CurrentUser }
  | { type: "signed_out"; notice?: string | null }
  | { type: "lock"; switching: boolean }
  | { type: "switching"; switching: boolean }
  | { type: "unlocked"; user: CurrentUser }
  | { type: "refreshed"; user: CurrentUser }
  | { type: "auth_error"; code: "unauthenticated" | "locked" };

export const SESSION_ENDED = "Your session has ended. Please sign in again.";

export const initialSession: SessionState = { status: "checking" };

/** The signed-in user, locked or not. */
export function sessionUser(state: SessionState): CurrentUser | null {
  return state.status === "active" || state.status === "locked" ? state.user : null;
}

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case "checked":
    case "signed_in":
      return { status: "active", user: action.user };
    case "signed_out":
      return { status: "signed_out", notice: action.notice ?? null };
    case "lock":
      if (state.status === "active") return { status: "locked", user: state.user, switching: action.switching };
      if (state.status === "locked") return { ...state, switching: action.switching };
      return state;
    case "switching":
      return state.status === "locked" ? { ...state, switching: action.switching } : state;
    case "unlocked":
      return state.status === "locked" || state.status === "checking" ? { status: "active", user: action.user } : state;
    case "refreshed": {
      // Roles, permissions or the idle time may have changed; never swap the person this way.
      const user = sessionUser(state);
      if (user === null || user.id !== action.user.id) return state;
      return { ...state, user: action.user } as SessionState;
    }
    case "auth_error":
      if (action.code === "unauthenticated") {
        if (state.status === "signed_out") return state;
        return { status: "signed_out", notice: state.status === "checking" ? null : SESSION_ENDED };
      }
      if (state.status === "active") return { status: "locked", user: state.user, switching: false };
      if (state.status === "checking") return { status: "locked", user: null, switching: false };
      return state;
  }
}
