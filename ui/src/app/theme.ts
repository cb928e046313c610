import { createTheme, type MantineColorsTuple } from "@mantine/core";

// A calm petrol blue: clinical without the hospital-green cliché, and dark enough at the
// primary shade for white text to stay readable (contrast ≥ 4.5:1).
const fovea: MantineColorsTuple = [
  "#e7f5f8",
  "#d4e9ee",
  "#a8d2dc",
  "#78bac8",
  "#51a6b8",
  "#3899ad",
  "#2892a8",
  "#187f93",
  "#067184",
  "#006273",
];

export const theme = createTheme({
  primaryColor: "fovea",
  primaryShade: 8,
  colors: { fovea },
  defaultRadius: "md",
  cursorType: "pointer",
  focusRing: "auto",
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif',
  headings: { fontWeight: "650" },
  components: {
    TextInput: { defaultProps: { autoComplete: "off", spellCheck: false } },
    Textarea: { defaultProps: { autosize: true, minRows: 2, maxRows: 6 } },
    Tooltip: { defaultProps: { openDelay: 400 } },
  },
});
