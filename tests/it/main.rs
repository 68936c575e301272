//! The integration tests: one binary, one module per concern, fixtures in `tests/data`.

mod cli;
mod fixture;
mod hand_worked;
mod properties;
mod reading;
mod worked_example;
mod xlsx;
