import { createContext, useContext, type ReactNode } from "react";

import type { AppInfo } from "../bindings/AppInfo";

const ClinicContext = createContext<AppInfo | null>(null);

/** Makes the (set-up) clinic's AppInfo available to every screen. */
export function ClinicProvider({ info, children }: { info: AppInfo; children: ReactNode }) {
  return <ClinicContext.Provider value={info}>{children}</ClinicContext.Provider>;
}

/** The clinic's AppInfo: date format, today, workstation. Only inside ClinicProvider. */
export function useClinic(): AppInfo {
  const info = useContext(ClinicContext);
  if (info === null) throw new Error("useClinic must be used inside ClinicProvider");
  return info;
}
