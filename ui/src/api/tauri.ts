import { invoke } from "@tauri-apps/api/core";

import type { Transport } from "./transport";

/** The real backend: the single `call` command of the Tauri shell. */
export const tauriTransport: Transport = (op, request, session) => invoke("call", { op, request, session });
