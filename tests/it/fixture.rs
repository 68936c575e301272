//! Helpers shared by the tests: fixture folders, computed tables, the binary.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use report::count::{self, Scope, Table};
use report::layout::TableKind;
use report::period::Month;

/// A folder under `tests/data`.
pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The survey table of a folder, failing the test on input errors.
pub fn survey(dir: &Path, city: Option<&str>) -> Table {
    table(dir, TableKind::Survey, city, None)
}

/// The monthly table of a folder for `YYYY-MM`.
pub fn monthly(dir: &Path, month: &str, city: Option<&str>) -> Table {
    table(
        dir,
        TableKind::Monthly,
        city,
        Some(Month::parse(month).unwrap()),
    )
}

fn table(dir: &Path, kind: TableKind, city: Option<&str>, month: Option<Month>) -> Table {
    let loaded = report::load(dir, Some(day(2021, 4, 30)))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let scope = Scope {
        city: city.map(str::to_string),
        as_of: month.map_or(day(2021, 2, 28), |m| m.last_day()),
        month,
    };
    let table = count::compute(kind, &loaded.data, &scope);
    count::check_invariants(&table, true).unwrap_or_else(|e| panic!("invariant broken: {e}"));
    table
}

/// The `report` binary, ready for arguments.
pub fn report() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("report").unwrap()
}

/// Runs the binary with `args` on a data folder and returns its standard output, failing
/// the test (with the binary's messages) if it fails.
pub fn stdout_of(args: &[&str], dir: &Path) -> String {
    let output = report().args(args).arg("--data").arg(dir).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}
