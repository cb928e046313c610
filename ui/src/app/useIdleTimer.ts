import { useEffect, useRef } from "react";

const ACTIVITY_EVENTS = ["keydown", "pointerdown", "pointermove", "mousedown", "mousemove", "wheel", "touchstart"] as const;

/**
 * Calls `onIdle` once after `minutes` without keyboard, mouse or touch activity, and `onActive`
 * on activity at most once per `activeEveryMs` (default: a minute, or half the idle time if
 * shorter). Off while `enabled` is false.
 */
export function useIdleTimer({
  minutes,
  enabled,
  onIdle,
  onActive,
  activeEveryMs,
}: {
  minutes: number;
  enabled: boolean;
  onIdle: () => void;
  onActive?: () => void;
  activeEveryMs?: number;
}) {
  // Latest callbacks without restarting the timer on every render.
  const callbacks = useRef({ onIdle, onActive });
  useEffect(() => {
    callbacks.current = { onIdle, onActive };
  });

  useEffect(() => {
    if (!enabled) return;
    const idleMs = Math.max(1, minutes) * 60_000;
    const every = activeEveryMs ?? Math.min(60_000, idleMs / 2);
    let lastActive = Date.now();
    let timer = window.setTimeout(fire, idleMs);

    function fire() {
      callbacks.current.onIdle();
    }

    function activity() {
      window.clearTimeout(timer);
      timer = window.setTimeout(fire, idleMs);
      const now = Date.now();
      if (now - lastActive >= every) {
        lastActive = now;
        callbacks.current.onActive?.();
      }
    }

    const options = { capture: true, passive: true } as const;
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, activity, options);
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, activity, options);
    };
  }, [minutes, enabled, activeEveryMs]);
}
