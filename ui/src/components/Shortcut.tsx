import { Kbd } from "@mantine/core";

/** A keyboard shortcut written out, e.g. <Shortcut keys={["Ctrl", "K"]} />. */
export function Shortcut({ keys, size = "xs" }: { keys: string[]; size?: "xs" | "sm" }) {
  return (
    <span style={{ whiteSpace: "nowrap" }}>
      {keys.map((key, index) => (
        <span key={key}>
          {index > 0 && " + "}
          <Kbd size={size}>{key}</Kbd>
        </span>
      ))}
    </span>
  );
}
