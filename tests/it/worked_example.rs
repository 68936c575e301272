//! A sample city folder (九江市 and one institution of 上饶市) whose four expected CSV files
//! were filled in by hand, cell by cell, independently of this program. The binary must
//! reproduce them byte for byte.

use crate::fixture::{data, monthly, stdout_of, survey};

fn expected(name: &str) -> String {
    std::fs::read_to_string(data("worked-example/expected").join(name)).unwrap()
}

fn run(args: &[&str]) -> String {
    let args = [args, &["--format", "csv"]].concat();
    stdout_of(&args, &data("worked-example/data"))
}

#[test]
fn survey_of_one_city() {
    assert_eq!(
        run(&["survey", "--city", "九江市"]),
        expected("survey-jiujiang.csv")
    );
}

#[test]
fn survey_of_all_records() {
    assert_eq!(run(&["survey"]), expected("survey-all.csv"));
}

#[test]
fn monthly_of_one_city() {
    assert_eq!(
        run(&["monthly", "--month", "2021-04", "--city", "九江市"]),
        expected("monthly-2021-04-jiujiang.csv")
    );
}

#[test]
fn monthly_of_all_records() {
    assert_eq!(
        run(&["monthly", "--month", "2021-04"]),
        expected("monthly-2021-04-all.csv")
    );
}

#[test]
fn the_invariants_hold_on_every_table_of_the_sample() {
    // The fixture helpers check the invariants of every table they compute.
    let dir = data("worked-example/data");
    for city in [None, Some("九江市"), Some("上饶市")] {
        survey(&dir, city);
        monthly(&dir, "2021-04", city);
    }
}
