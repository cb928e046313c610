//! Which tables replicate between workstations, and their columns. The write path refuses anything else, and a test
//! checks these lists against the real schema so a new table must be classified.

/// A table whose rows travel between workstations through the operation log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplicatedTable {
    pub name: &'static str,
    /// Every column except `id`.
    pub columns: &'static [&'static str],
}

pub const SETTINGS: ReplicatedTable = ReplicatedTable {
    name: "settings",
    columns: &["value"],
};

pub const PATIENTS: ReplicatedTable = ReplicatedTable {
    name: "patients",
    columns: &[
        "mrn",
        "first_name",
        "last_name",
        "date_of_birth",
        "sex",
        "phones",
        "email",
        "address",
        "national_id",
        "medical_history",
        "allergies",
        "current_medications",
        "emergency_contact_name",
        "emergency_contact_phone",
        "archived",
        "created_at",
        "updated_at",
        // Added by migration 0011, so last, as the table has it.
        "usual_clinician_id",
    ],
};

pub const USERS: ReplicatedTable = ReplicatedTable {
    name: "users",
    columns: &[
        "username",
        "full_name",
        "roles",
        "active",
        "password_hash",
        "specialization",
        "licence_number",
        "signature_text",
        "created_at",
        "updated_at",
    ],
};

/// Append-only: only ever inserted.
pub const AUDIT_LOG: ReplicatedTable = ReplicatedTable {
    name: "audit_log",
    columns: &[
        "site_id",
        "seq",
        "at",
        "workstation",
        "user_id",
        "username",
        "operation",
        "outcome",
        "patient_id",
        "rows",
        "detail",
        "prev_hash",
        "hash",
    ],
};

pub const APPOINTMENTS: ReplicatedTable = ReplicatedTable {
    name: "appointments",
    columns: &[
        "patient_id",
        "clinician_id",
        "kind",
        "starts_at",
        "ends_at",
        "clinic_day",
        "status",
        "reason",
        "notes",
        "overbook_reason",
        "cancel_reason",
        "visit_id",
        "created_at",
        "updated_at",
        "reminder_called_at",
        "reminder_called_by",
        "reminder_note",
    ],
};

pub const VISITS: ReplicatedTable = ReplicatedTable {
    name: "visits",
    columns: &[
        "patient_id",
        "appointment_id",
        "clinician_id",
        "clinic_day",
        "stage",
        "stage_since",
        "checked_in_at",
        "created_at",
        "updated_at",
    ],
};

pub const SCHEDULES: ReplicatedTable = ReplicatedTable {
    name: "schedules",
    columns: &["days", "default_minutes", "minutes_by_kind", "updated_at"],
};

pub const CLOSED_DAYS: ReplicatedTable = ReplicatedTable {
    name: "closed_days",
    columns: &["reason", "closed"],
};

pub const EXAMINATIONS: ReplicatedTable = ReplicatedTable {
    name: "examinations",
    columns: &[
        "patient_id",
        "visit_id",
        "clinic_day",
        "workup",
        "workup_by",
        "workup_saved_at",
        "consultation",
        "consultation_by",
        "consultation_saved_at",
        "diagnosis_codes",
        "follow_up_on",
        "signed_at",
        "signed_by",
        "created_at",
        "updated_at",
    ],
};

pub const EXAM_VALUES: ReplicatedTable = ReplicatedTable {
    name: "exam_values",
    columns: &[
        "examination_id",
        "patient_id",
        "measured_at",
        "quantity",
        "eye",
        "value",
        "display",
    ],
};

pub const ADDENDA: ReplicatedTable = ReplicatedTable {
    name: "addenda",
    columns: &["examination_id", "author_id", "text", "created_at"],
};

pub const MEDICINES: ReplicatedTable = ReplicatedTable {
    name: "medicines",
    columns: &[
        "generic_name",
        "brand",
        "strength",
        "form",
        "route",
        "pack_size_hundredths",
        "pack_unit",
        "stocked",
        "reorder_level",
        "price_minor",
        "use_within_days",
        "starter",
        "active",
        "created_at",
        "updated_at",
    ],
};

pub const STOCK_BATCHES: ReplicatedTable = ReplicatedTable {
    name: "stock_batches",
    columns: &[
        "medicine_id",
        "lot",
        "expires_on",
        "supplier",
        "cost_minor",
        "quarantined",
        "quarantine_reason",
        "received_at",
        "created_at",
        "updated_at",
    ],
};

/// Append-only: only ever inserted.
pub const STOCK_MOVEMENTS: ReplicatedTable = ReplicatedTable {
    name: "stock_movements",
    columns: &[
        "batch_id",
        "medicine_id",
        "kind",
        "quantity",
        "reason",
        "reverses_id",
        "dispense_id",
        "patient_id",
        "count_id",
        "moved_at",
        "moved_by",
        "created_at",
    ],
};

pub const STOCK_COUNTS: ReplicatedTable = ReplicatedTable {
    name: "stock_counts",
    columns: &[
        "note",
        "started_at",
        "started_by",
        "posted_at",
        "posted_by",
        "created_at",
        "updated_at",
    ],
};

pub const STOCK_COUNT_LINES: ReplicatedTable = ReplicatedTable {
    name: "stock_count_lines",
    columns: &[
        "count_id",
        "batch_id",
        "counted",
        "counted_at",
        "counted_by",
    ],
};

pub const MEDICATION_PRESCRIPTIONS: ReplicatedTable = ReplicatedTable {
    name: "medication_prescriptions",
    columns: &[
        "examination_id",
        "visit_id",
        "patient_id",
        "items",
        "written_by",
        "created_at",
        "updated_at",
    ],
};

pub const TAPER_TEMPLATES: ReplicatedTable = ReplicatedTable {
    name: "taper_templates",
    columns: &[
        "name",
        "medicine_id",
        "steps",
        "active",
        "created_at",
        "updated_at",
    ],
};

/// Append-only: only ever inserted.
pub const DISPENSE_LINES: ReplicatedTable = ReplicatedTable {
    name: "dispense_lines",
    columns: &[
        "prescription_id",
        "item_id",
        "visit_id",
        "patient_id",
        "outcome",
        "quantity",
        "reason",
        "note",
        "dispensed_at",
        "dispensed_by",
        "created_at",
    ],
};

pub const SERVICES: ReplicatedTable = ReplicatedTable {
    name: "services",
    columns: &["code", "name", "kind", "active", "created_at", "updated_at"],
};

pub const SERVICE_PRICES: ReplicatedTable = ReplicatedTable {
    name: "service_prices",
    columns: &[
        "service_id",
        "price_minor",
        "tax_rate_bp",
        "valid_from",
        "set_by",
        "created_at",
        "updated_at",
    ],
};

/// Updated only while a draft, then once to issue and once to void (the database refuses anything else). The lines
/// are one JSON field, so a draft's lines merge as a whole.
pub const INVOICES: ReplicatedTable = ReplicatedTable {
    name: "invoices",
    columns: &[
        "patient_id",
        "visit_id",
        "status",
        "payer_kind",
        "payer_name",
        "payer_reference",
        "currency",
        "lines",
        "note",
        "number",
        "subtotal_minor",
        "tax_minor",
        "total_minor",
        "issued_at",
        "issued_by",
        "voided_at",
        "voided_by",
        "void_reason",
        "created_by",
        "created_at",
        "updated_at",
    ],
};

/// Append-only: only ever inserted (two desks taking payments never conflict).
pub const PAYMENTS: ReplicatedTable = ReplicatedTable {
    name: "payments",
    columns: &[
        "invoice_id",
        "patient_id",
        "kind",
        "method",
        "amount_minor",
        "tendered_minor",
        "change_minor",
        "reference",
        "refund_of",
        "reason",
        "received_at",
        "received_by",
        "workstation",
        "created_at",
    ],
};

/// A cashier's closed day at a workstation: written once, never changed.
pub const CASH_UPS: ReplicatedTable = ReplicatedTable {
    name: "cash_ups",
    columns: &[
        "number",
        "workstation",
        "cashier_id",
        "clinic_day",
        "currency",
        "methods",
        "denominations",
        "expected_minor",
        "counted_minor",
        "variance_minor",
        "variance_reason",
        "payments",
        "refunds",
        "closed_at",
        "created_at",
    ],
};

/// Append-only: only ever inserted.
pub const PATIENT_CREDIT: ReplicatedTable = ReplicatedTable {
    name: "patient_credit",
    columns: &[
        "patient_id",
        "amount_minor",
        "kind",
        "payment_id",
        "invoice_id",
        "at",
        "by_user",
        "created_at",
    ],
};

pub const REPLICATED_TABLES: &[ReplicatedTable] = &[
    SETTINGS,
    PATIENTS,
    USERS,
    AUDIT_LOG,
    APPOINTMENTS,
    VISITS,
    SCHEDULES,
    CLOSED_DAYS,
    EXAMINATIONS,
    EXAM_VALUES,
    ADDENDA,
    MEDICINES,
    STOCK_BATCHES,
    STOCK_MOVEMENTS,
    STOCK_COUNTS,
    STOCK_COUNT_LINES,
    MEDICATION_PRESCRIPTIONS,
    TAPER_TEMPLATES,
    DISPENSE_LINES,
    SERVICES,
    SERVICE_PRICES,
    INVOICES,
    PAYMENTS,
    PATIENT_CREDIT,
    CASH_UPS,
];

/// Tables (and index shadows) that belong to this workstation alone.
pub const LOCAL_TABLES: &[&str] = &[
    "site",
    "counters",
    "oplog",
    "patient_name_tokens",
    "patient_phones",
    "sign_in_failures",
    "workstation_settings",
    "medicine_tokens",
    "stock_batch_on_hand",
    // The takings report's totals per clinic day (migration 0015), kept by triggers from payments and line facts.
    "takings_days",
    "invoiced_days",
    "invoice_line_facts",
];

impl ReplicatedTable {
    pub fn by_name(name: &str) -> Option<ReplicatedTable> {
        REPLICATED_TABLES.iter().copied().find(|t| t.name == name)
    }
}
