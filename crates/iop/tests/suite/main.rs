//! The integration tests of the `iop` binary, in one test binary: each test
//! file built alone would compile the shared support again and link the
//! whole server once more.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test should panic

#[macro_use]
mod support;

mod access;
mod browser;
mod calendar_feed;
mod cli;
mod fidelity;
mod fuzz;
mod hardening;
mod import_cli;
mod import_web;
mod open_data;
mod open_data_served;
mod remind;
mod render_cli;
mod rules_cli;
mod server;
#[path = "../../../mail/tests/fixture/mod.rs"]
mod smtp_fixture;
#[path = "../../../publish/tests/validators/mod.rs"]
mod validators;
