import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "@mantine/dates/styles.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { configureBridge } from "./api/http";
import { App } from "./app/App";
import { Providers } from "./app/Providers";

// `dev/ui` serves the screens in a browser against the development bridge, reached through Vite's proxy. Only the dev
// server defines these; the desktop build has neither and talks to its own core through Tauri.
if (import.meta.env.DEV && import.meta.env.VITE_FOVEA_BRIDGE_TOKEN) {
  configureBridge({ url: `${window.location.origin}/__fovea`, token: import.meta.env.VITE_FOVEA_BRIDGE_TOKEN, db: null });
}

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <Providers>
      <App />
    </Providers>
  </StrictMode>,
);
