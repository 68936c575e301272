//! The integration tests: one binary, one module per concern, fixtures in `tests/data`.

mod bad_input;
mod cli;
mod fixture;
mod hand_worked;
mod properties;
mod reading;
mod robustness;
mod trace_merge_init;
mod warnings;
mod worked_example;
mod xlsx;
