import { DateInput, type DateInputProps } from "@mantine/dates";
import { IconCalendar } from "@tabler/icons-react";

import { useClinic } from "../app/clinic";
import { datePattern, formatDate, parseDateInput, toIso } from "../lib/dates";

/**
 * A clinic day: typed in the clinic's format (or ISO) or picked from a calendar. Value and onChange are ISO
 * (YYYY-MM-DD), as the core takes them.
 */
export function ClinicDateInput({
  value,
  onChange,
  ...rest
}: Omit<DateInputProps, "value" | "onChange" | "valueFormat" | "dateParser"> & {
  value: string | null;
  onChange: (iso: string | null) => void;
}) {
  const info = useClinic();
  return (
    <DateInput
      value={value}
      onChange={onChange}
      valueFormat={(iso) => formatDate(iso, info.date_format)}
      dateParser={(text) => {
        const date = parseDateInput(text, info.date_format);
        return date ? toIso(date) : null;
      }}
      placeholder={datePattern(info.date_format)}
      leftSection={<IconCalendar size={16} />}
      firstDayOfWeek={1}
      {...rest}
    />
  );
}
