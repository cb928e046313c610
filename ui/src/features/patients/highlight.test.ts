import { describe, expect, it } from "vitest";

import { highlightedIndex, highlightReducer, initialHighlight, rowToOpen } from "./highlight";

describe("highlightReducer", () => {
  it("moves down from the search box and stops at the last row", () => {
    let state = highlightReducer(initialHighlight, { type: "down", key: "ann", count: 2 });
    expect(highlightedIndex(state, "ann", 2)).toBe(0);
    state = highlightReducer(state, { type: "down", key: "ann", count: 2 });
    state = highlightReducer(state, { type: "down", key: "ann", count: 2 });
    expect(highlightedIndex(state, "ann", 2)).toBe(1);
  });

  it("moves up back to the search box and no further", () => {
    let state = highlightReducer(initialHighlight, { type: "down", key: "a", count: 3 });
    state = highlightReducer(state, { type: "up", key: "a", count: 3 });
    expect(highlightedIndex(state, "a", 3)).toBe(-1);
    state = highlightReducer(state, { type: "up", key: "a", count: 3 });
    expect(highlightedIndex(state, "a", 3)).toBe(-1);
  });

  it("forgets the highlight when the search changes", () => {
    let state = highlightReducer(initialHighlight, { type: "down", key: "a", count: 3 });
    state = highlightReducer(state, { type: "down", key: "a", count: 3 });
    expect(highlightedIndex(state, "ab", 3)).toBe(-1);
    state = highlightReducer(state, { type: "down", key: "ab", count: 3 });
    expect(highlightedIndex(state, "ab", 3)).toBe(0);
  });

  it("clamps to fewer rows and ignores empty results", () => {
    const state = highlightReducer(initialHighlight, { type: "set", key: "a", index: 4 });
    expect(highlightedIndex(state, "a", 2)).toBe(1);
    expect(highlightReducer(state, { type: "down", key: "a", count: 0 }).index).toBe(-1);
  });

  it("opens the highlighted row, else the first", () => {
    expect(rowToOpen(initialHighlight, "a", 3)).toBe(0);
    expect(rowToOpen(initialHighlight, "a", 0)).toBe(-1);
    const state = highlightReducer(initialHighlight, { type: "set", key: "a", index: 2 });
    expect(rowToOpen(state, "a", 3)).toBe(2);
  });
});
