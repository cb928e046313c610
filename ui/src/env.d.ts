interface ImportMetaEnv {
  /** Set by `dev/ui` only: the development bridge's token, for the browser dev mode. */
  readonly VITE_FOVEA_BRIDGE_TOKEN?: string;
}
