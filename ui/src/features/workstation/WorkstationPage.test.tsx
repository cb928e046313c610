// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import * as ops from "../../api/operations";
import { openSavedDocument } from "../../components/documents";
import { freshClinic, signInAs } from "../../test/demoClinic";
import { renderApp, setupUser } from "../../test/render";
import { WorkstationPage } from "./WorkstationPage";

// The test bridge answers printing with stand-ins for CUPS (bridge.global.ts): printers Reception (the system's
// default) and Consult-1.
describe("the workstation's printer", () => {
  it("is chosen from the printers CUPS knows, and kept by the core", async () => {
    const user = setupUser();
    const admin = await signInAs("admin");
    renderApp(<WorkstationPage />, { ...admin, path: "/workstation" });
    const select = await screen.findByTestId("printer-select");
    expect(select).toHaveValue("The system's default (Reception)");
    expect(screen.getByTestId("printer-save")).toBeDisabled();
    await user.click(select);
    await user.click(await screen.findByRole("option", { name: "Consult-1" }));
    await user.click(screen.getByTestId("printer-save"));
    expect(await screen.findByText("Documents print on Consult-1.")).toBeInTheDocument();
    expect((await ops.listPrinters()).chosen).toBe("Consult-1");
  });

  it("prints a saved document from its notification, which says where the file is once", async () => {
    const user = setupUser();
    await freshClinic();
    const reception = await signInAs("reception");
    renderApp(<div />, { ...reception });
    const document = await ops.printReminders(null);
    await openSavedDocument(document, "Call list saved");
    const notice = await screen.findByText(`The file is saved at ${document.path}. Documents open only in the desktop app.`);
    const card = notice.closest(".mantine-Notification-root") as HTMLElement;
    expect(card.textContent?.split(document.path).length).toBe(2);
    await user.click(within(card).getByTestId("document-print"));
    expect(await within(card).findByText(`Sent to the printer: ${document.file_name} is printing on the default printer (job Reception-1).`)).toBeInTheDocument();
    await user.click(within(card).getByTestId("document-show"));
    await waitFor(() => expect(screen.getByText("The file manager opens only from the desktop app.")).toBeInTheDocument());
  });
});
