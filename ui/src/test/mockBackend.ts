// Component tests that drive the whole UI against the in-memory backend (api/mock.ts) instead of mocked
// operations. A test file opts in with:
//   vi.mock("../../api/tauri", async () => ({ tauriTransport: (await import("../../api/mock")).mockTransport }));
import * as ops from "../api/operations";
import type { AppInfo } from "../bindings/AppInfo";
import type { CurrentUser } from "../bindings/CurrentUser";

/** Signs in to the mock as one of its demo accounts and returns what the app needs to render. */
export async function signInToMock(username = "reception", password = "front desk 2026"): Promise<{ user: CurrentUser; info: AppInfo }> {
  const user = await ops.signIn({ username, password });
  const info = await ops.getAppInfo();
  return { user, info };
}
