//! Integration tests of fovea-core against temporary databases. One binary with modules keeps link times down.

mod catalog;
mod oplog;
mod patients;
mod storage;
mod support;
