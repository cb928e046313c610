//! Operations of this area (declared with `op!`, listed below in catalog order): the formulary, receiving and
//! correcting stock, counts, reports and the pharmacy's settings.

use super::adjust::{self, AdjustRequest, MovementPosted, ReverseRequest};
use super::count::{self, CountRequest, RecordCountRequest, StartCountRequest, StockCount};
use super::formulary::{
    self, Medicine, MedicineRequest, SaveMedicineRequest, SearchMedicinesRequest,
    SearchMedicinesResponse,
};
use super::receive::{
    self, Batch, BatchesRequest, BatchesResponse, QuarantineRequest, ReceiveRequest,
};
use super::reports::{
    self, AlertsResponse, LotRecipientsRequest, LotRecipientsResponse, MovementsRequest,
    MovementsResponse, StockRequest, StockResponse,
};
use super::settings::{self, PharmacySettings};
use crate::catalog::{Empty, area_operations, op};
use crate::documents::Document;

op! {
    Medicines = "pharmacy.medicines", ReadStock,
    summary: "Search the formulary by name prefix (accent-blind), each medicine with usable stock and its nearest expiry.",
    label: "Searched the formulary",
    fn(cx, r: SearchMedicinesRequest) -> SearchMedicinesResponse {
        formulary::search(cx, &r)
    }
}
op! {
    GetMedicine = "pharmacy.medicine", ReadStock,
    summary: "One formulary medicine with its usable stock (the starter list's rows say they are a starting point, not advice).",
    label: "Opened a medicine",
    fn(cx, r: MedicineRequest) -> Medicine {
        formulary::get(cx, &r.id)
    }
}
op! {
    SaveMedicine = "pharmacy.save_medicine", ManageStock,
    summary: "Add a medicine to the formulary or change one; a second entry of the same generic, strength and form is refused.",
    label: "Saved a formulary medicine",
    fn(cx, r: SaveMedicineRequest) -> Medicine {
        formulary::save(cx, &r)
    }
}
op! {
    Receive = "pharmacy.receive", ManageStock,
    summary: "Receive packs of a lot (expiry required, or an explicit no expiry); the same lot and expiry adds to its batch.",
    label: "Received stock",
    fn(cx, r: ReceiveRequest) -> Batch {
        receive::receive(cx, &r)
    }
}
op! {
    Batches = "pharmacy.batches", ReadStock,
    summary: "A medicine's batches, first expiry first, with packs on hand and whether each is usable, expired, quarantined or empty.",
    label: "Listed a medicine's batches",
    fn(cx, r: BatchesRequest) -> BatchesResponse {
        receive::batches(cx, &r)
    }
}
op! {
    Adjust = "pharmacy.adjust", ManageStock,
    summary: "Correct a batch with a reason: an adjustment (±), a return to the supplier or from a patient, an expiry write-off.",
    label: "Adjusted stock",
    fn(cx, r: AdjustRequest) -> MovementPosted {
        adjust::adjust(cx, &r)
    }
}
op! {
    Reverse = "pharmacy.reverse", ManageStock,
    summary: "Post the opposite of one stock movement, with a reason; a movement is reversed once, a reversal never.",
    label: "Reversed a stock movement",
    fn(cx, r: ReverseRequest) -> MovementPosted {
        adjust::reverse(cx, &r)
    }
}
op! {
    Quarantine = "pharmacy.quarantine", ManageStock,
    summary: "Set a batch aside (never offered while set) or release it, with a reason.",
    label: "Quarantined or released a batch",
    fn(cx, r: QuarantineRequest) -> Batch {
        receive::quarantine(cx, &r)
    }
}
op! {
    StartCount = "pharmacy.start_count", ManageStock,
    summary: "Start a stock count.",
    label: "Started a stock count",
    fn(cx, r: StartCountRequest) -> StockCount {
        count::start(cx, &r)
    }
}
op! {
    RecordCount = "pharmacy.record_count", ManageStock,
    summary: "Record the packs counted of one batch, stamped now; counting a batch again replaces its line.",
    label: "Recorded a stock count line",
    fn(cx, r: RecordCountRequest) -> StockCount {
        count::record(cx, &r)
    }
}
op! {
    GetCount = "pharmacy.count", ReadStock,
    summary: "A stock count sheet: each batch counted, the ledger's on hand when it was counted, and the variance.",
    label: "Opened a stock count",
    fn(cx, r: CountRequest) -> StockCount {
        cx.read(|conn| count::sheet(conn, &r.count_id))
    }
}
op! {
    PostCount = "pharmacy.post_count", ManageStock,
    summary: "Post a count's variances as movements (stock moved during the count is kept) and close it.",
    label: "Posted a stock count",
    fn(cx, r: CountRequest) -> StockCount {
        count::post(cx, &r)
    }
}
op! {
    Stock = "pharmacy.stock", ReadStock,
    summary: "Stock on hand per medicine with its value at cost; flags below reorder, expired, expiring soon and negative stock.",
    label: "Opened the stock list",
    fn(cx, r: StockRequest) -> StockResponse {
        reports::stock(cx, &r)
    }
}
op! {
    Alerts = "pharmacy.alerts", ReadStock,
    summary: "What needs the pharmacist: below reorder level, expired and expiring batches, and negative (merged) stock.",
    label: "Opened the stock alerts",
    fn(cx, _r: Empty) -> AlertsResponse {
        reports::alerts(cx)
    }
}
op! {
    Movements = "pharmacy.movements", ReadStock,
    summary: "A medicine's or a batch's stock movements, newest first, with who moved stock and why.",
    label: "Opened stock movements",
    fn(cx, r: MovementsRequest) -> MovementsResponse {
        reports::movements(cx, &r)
    }
}
op! {
    LotRecipients = "pharmacy.lot_recipients", ManageStock,
    summary: "Which patients received a lot (a recall): patient, MRN, date and packs kept.",
    label: "Traced the patients who received a lot",
    fn(cx, r: LotRecipientsRequest) -> LotRecipientsResponse {
        reports::lot_recipients(cx, &r)
    }
}
op! {
    PrintStock = "pharmacy.print_stock", ReadStock,
    summary: "Save the stock-on-hand list as a PDF in the documents folder.",
    label: "Printed the stock list",
    fn(cx, _r: Empty) -> Document {
        reports::print_stock(cx)
    }
}
op! {
    PrintAlerts = "pharmacy.print_alerts", ReadStock,
    summary: "Save the stock alerts as a PDF in the documents folder.",
    label: "Printed the stock alerts",
    fn(cx, _r: Empty) -> Document {
        reports::print_alerts(cx)
    }
}
op! {
    GetSettings = "pharmacy.settings", SignedIn,
    summary: "The pharmacy's settings: drops per mL and the days ahead that expiry warnings look.",
    label: "Read the pharmacy settings",
    fn(cx, _r: Empty) -> PharmacySettings {
        cx.read(settings::load)
    }
}
op! {
    SaveSettings = "pharmacy.save_settings", ManageSettings,
    summary: "Change drops per mL (10 to 40) or the expiry warning days (1 to 365).",
    label: "Changed the pharmacy settings",
    fn(cx, r: PharmacySettings) -> PharmacySettings {
        cx.write(|w| settings::save(w, &r))?;
        cx.read(settings::load)
    }
}

// The registry lists this area's operations in this order (`fovea call --list`, the bindings).
area_operations! {
    Medicines,
    GetMedicine,
    SaveMedicine,
    Receive,
    Batches,
    Adjust,
    Reverse,
    Quarantine,
    StartCount,
    RecordCount,
    GetCount,
    PostCount,
    Stock,
    Alerts,
    Movements,
    LotRecipients,
    PrintStock,
    PrintAlerts,
    GetSettings,
    SaveSettings,
}
