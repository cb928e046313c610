// Which result row the keyboard has highlighted. The state remembers the search it belongs
// to (`key`), so a new search starts again from the search box without any effect resetting it.

export interface HighlightState {
  key: string;
  index: number; // -1: nothing highlighted (focus is "in the search box")
}

export type HighlightAction =
  | { type: "down"; key: string; count: number }
  | { type: "up"; key: string; count: number }
  | { type: "set"; key: string; index: number };

export const initialHighlight: HighlightState = { key: "", index: -1 };

/** The highlighted row for the current search and result count, or -1. */
export function highlightedIndex(state: HighlightState, key: string, count: number): number {
  if (state.key !== key || count === 0) return -1;
  return Math.min(state.index, count - 1);
}

export function highlightReducer(state: HighlightState, action: HighlightAction): HighlightState {
  switch (action.type) {
    case "down": {
      if (action.count === 0) return { key: action.key, index: -1 };
      const current = highlightedIndex(state, action.key, action.count);
      return { key: action.key, index: Math.min(current + 1, action.count - 1) };
    }
    case "up": {
      const current = highlightedIndex(state, action.key, action.count);
      return { key: action.key, index: Math.max(current - 1, -1) };
    }
    case "set":
      return { key: action.key, index: action.index };
  }
}

/** The row Enter opens: the highlighted one, else the first; -1 when there are no rows. */
export function rowToOpen(state: HighlightState, key: string, count: number): number {
  if (count === 0) return -1;
  const current = highlightedIndex(state, key, count);
  return current >= 0 ? current : 0;
}
