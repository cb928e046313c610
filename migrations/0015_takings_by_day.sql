-- The takings report read a year of payments and invoice lines row by row (measured: 627 ms p95 over 100,000
-- invoices, the raw SQL as slow). These two local tables hold the same figures summed per clinic day, kept by
-- triggers as payments and invoice line facts are written, so a year reads a few hundred rows. The clinic day of an
-- instant is fovea_local_day(instant, time zone), a function every Fovea connection registers; when the clinic's time
-- zone changes, saving the settings sums both tables again (clinic::settings). Payments and facts stay the truth;
-- these belong to this workstation alone (merged rows pass through the same triggers).
CREATE TABLE takings_days (
    clinic_day TEXT NOT NULL,
    kind TEXT NOT NULL,
    method TEXT NOT NULL,
    payments INTEGER NOT NULL,
    amount_minor INTEGER NOT NULL,
    PRIMARY KEY (clinic_day, kind, method)
) STRICT, WITHOUT ROWID;

CREATE TABLE invoiced_days (
    clinic_day TEXT NOT NULL,
    item_kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    code TEXT,
    description TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    discount_minor INTEGER NOT NULL,
    net_minor INTEGER NOT NULL,
    tax_minor INTEGER NOT NULL,
    PRIMARY KEY (clinic_day, item_kind, item_id)
) STRICT, WITHOUT ROWID;

INSERT INTO takings_days (clinic_day, kind, method, payments, amount_minor)
    SELECT fovea_local_day(received_at, (SELECT value FROM settings WHERE id = 'time_zone')), kind, method, count(*),
           sum(amount_minor)
      FROM payments GROUP BY 1, 2, 3;

INSERT INTO invoiced_days (clinic_day, item_kind, item_id, code, description, quantity, discount_minor, net_minor,
                           tax_minor)
    SELECT fovea_local_day(issued_at, (SELECT value FROM settings WHERE id = 'time_zone')), item_kind, item_id,
           max(code), max(description), sum(quantity), sum(discount_minor), sum(net_minor), sum(tax_minor)
      FROM invoice_line_facts GROUP BY 1, 2, 3;

-- Payments are never updated or deleted: an insert trigger is all they need.
CREATE TRIGGER payments_takings_days AFTER INSERT ON payments BEGIN
    INSERT INTO takings_days (clinic_day, kind, method, payments, amount_minor)
        VALUES (fovea_local_day(new.received_at, (SELECT value FROM settings WHERE id = 'time_zone')), new.kind,
                new.method, 1, new.amount_minor)
        ON CONFLICT (clinic_day, kind, method) DO UPDATE
            SET payments = payments + 1, amount_minor = amount_minor + excluded.amount_minor;
END;

-- Facts come and go with issuing and voiding (a replaced fact fires the delete first: recursive triggers are on).
CREATE TRIGGER invoice_line_facts_days_add AFTER INSERT ON invoice_line_facts BEGIN
    INSERT INTO invoiced_days (clinic_day, item_kind, item_id, code, description, quantity, discount_minor,
                               net_minor, tax_minor)
        VALUES (fovea_local_day(new.issued_at, (SELECT value FROM settings WHERE id = 'time_zone')), new.item_kind,
                new.item_id, new.code, new.description, new.quantity, new.discount_minor, new.net_minor,
                new.tax_minor)
        ON CONFLICT (clinic_day, item_kind, item_id) DO UPDATE
            SET code = coalesce(excluded.code, code), description = excluded.description,
                quantity = quantity + excluded.quantity, discount_minor = discount_minor + excluded.discount_minor,
                net_minor = net_minor + excluded.net_minor, tax_minor = tax_minor + excluded.tax_minor;
END;
CREATE TRIGGER invoice_line_facts_days_remove AFTER DELETE ON invoice_line_facts BEGIN
    UPDATE invoiced_days
       SET quantity = quantity - old.quantity, discount_minor = discount_minor - old.discount_minor,
           net_minor = net_minor - old.net_minor, tax_minor = tax_minor - old.tax_minor
     WHERE clinic_day = fovea_local_day(old.issued_at, (SELECT value FROM settings WHERE id = 'time_zone'))
       AND item_kind = old.item_kind AND item_id = old.item_id;
END;
