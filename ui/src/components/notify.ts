import { notifications } from "@mantine/notifications";

import { errorTitle, normalizeError } from "../api";

/** Errors that belong to no form field are shown as a notification. */
export function notifyError(error: unknown, title?: string): void {
  const apiError = normalizeError(error);
  notifications.show({
    color: "red",
    title: title ?? errorTitle(apiError.code),
    message: apiError.message,
    autoClose: 8000,
  });
}

export function notifySuccess(title: string, message: string): void {
  notifications.show({ color: "teal", title, message, autoClose: 5000 });
}
