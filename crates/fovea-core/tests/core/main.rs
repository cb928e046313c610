//! Integration tests of fovea-core against temporary databases. One binary with modules keeps link times down.

mod accounts;
mod appointments;
mod audit;
mod billing;
mod billing_documents;
mod cash_up;
mod catalog;
mod demo;
mod demo_only;
mod dispensing;
mod exam;
mod hostile_input;
mod oplog;
mod patients;
mod permissions;
mod pharmacy_stock;
mod prescriptions;
mod printing;
mod sealed;
mod storage;
mod support;
