import "@testing-library/jest-dom/vitest";

import { notifications } from "@mantine/notifications";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeAll, inject } from "vitest";

import { configureBridge, newScratchClinic } from "../api/http";
import { clearFaults } from "./faults";

// Pure-logic tests run in Node; component tests opt into jsdom with a docblock.
const inBrowser = typeof window !== "undefined";

if (inBrowser) {
  // jsdom lacks a few browser APIs that Mantine uses.
  if (!window.matchMedia) {
    Object.defineProperty(window, "matchMedia", {
      writable: true,
      value: (query: string) => ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      }),
    });
  }

  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  if (!("ResizeObserver" in window)) {
    Object.defineProperty(window, "ResizeObserver", { writable: true, value: ResizeObserverStub });
  }

  // Textarea autosize listens for web fonts loading.
  if (!("fonts" in document)) {
    Object.defineProperty(document, "fonts", {
      value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
    });
  }

  if (!Element.prototype.scrollIntoView) {
    Element.prototype.scrollIntoView = () => {};
  }
}

// Every answer comes from the core over HTTP, on a machine that may be busy with builds: findBy and waitFor wait up
// to 5 s rather than the default second.
configure({ asyncUtilTimeout: 5000 });

// Every test file works on its own copy of the demo clinic that bridge.global.ts seeded, through the real core.
beforeAll(async () => {
  const { url, token } = inject("bridge");
  // The scratch request itself goes to the bridge, so it needs the address first.
  configureBridge({ url, token, db: null });
  configureBridge({ url, token, db: await newScratchClinic() });
});

afterEach(() => {
  clearFaults();
  if (!inBrowser) return;
  cleanup();
  // The notifications store is global: don't let one test's toasts leak into the next.
  notifications.clean();
});
