//! `explain`, `merge` and `init`: every cell traced to records, cities added up to the
//! whole, and a starter folder that works at once.

use std::fs;

use predicates::prelude::*;
use report::count::{Scope, TOTAL};
use report::explain::explain;
use report::layout::TableKind;
use report::model::FounderType;
use report::period::Month;

use crate::fixture::{data, day, monthly, report, survey};

/// For every item and every row of both forms, the explanation's count is the cell.
fn explanations_match_cells(dir: &std::path::Path, city: Option<&str>) {
    let loaded = report::load(dir, Some(day(2021, 4, 30))).unwrap();
    let month = Month::parse("2021-04").unwrap();
    let cases = [
        (
            survey(dir, city),
            Scope {
                city: city.map(str::to_string),
                as_of: day(2021, 2, 28),
                month: None,
            },
        ),
        (
            monthly(dir, "2021-04", city),
            Scope {
                city: city.map(str::to_string),
                as_of: month.last_day(),
                month: Some(month),
            },
        ),
    ];
    for (table, scope) in cases {
        for item in table.kind.items() {
            let rows = FounderType::ALL
                .iter()
                .map(|&t| (Some(t), t.row()))
                .chain([(None, TOTAL)]);
            for (row, index) in rows {
                let explanation =
                    explain(table.kind, item.number, row, &loaded.data, &scope).unwrap();
                assert_eq!(
                    explanation.count,
                    table.rows[index][item.number - 1],
                    "{:?} item {} row {index}",
                    table.kind,
                    item.number
                );
            }
        }
    }
}

#[test]
fn every_explanation_adds_up_to_its_cell() {
    explanations_match_cells(&data("hand-worked"), None);
    explanations_match_cells(&data("hand-worked"), Some("南昌市"));
    explanations_match_cells(&data("worked-example/data"), None);
    explanations_match_cells(&data("worked-example/data"), Some("九江市"));
}

fn ids(explanation: &report::explain::Explanation) -> Vec<&str> {
    explanation.records.iter().map(|r| r[0].as_str()).collect()
}

#[test]
fn explanations_list_the_records_worked_out_by_hand() {
    let loaded = report::load(&data("hand-worked"), Some(day(2021, 4, 30))).unwrap();
    let month = Month::parse("2021-04").unwrap();
    let survey_scope = Scope {
        city: None,
        as_of: day(2021, 2, 28),
        month: None,
    };
    let monthly_scope = Scope {
        city: None,
        as_of: month.last_day(),
        month: Some(month),
    };

    // Survey 17, hospitals: the two founder-covered hospitals, one organisation each.
    let e = explain(
        TableKind::Survey,
        17,
        Some(FounderType::Hospital),
        &loaded.data,
        &survey_scope,
    )
    .unwrap();
    assert_eq!(ids(&e), ["H1", "H2"]);
    // Survey 17, all rows: U1's own (covering S1 too), LH-1 hosted by P1, O1's joint one.
    let e = explain(TableKind::Survey, 17, None, &loaded.data, &survey_scope).unwrap();
    assert_eq!(ids(&e), ["H1", "H2", "LH-1", "O1", "U1"]);
    let u1 = e.records.iter().find(|r| r[0] == "U1").unwrap();
    assert_eq!(u1[4], "S1 U1", "U1's organisation covers S1");
    // Survey 13: joint or no organisation, under three formal members.
    let e = explain(TableKind::Survey, 13, None, &loaded.data, &survey_scope).unwrap();
    assert_eq!(ids(&e), ["N1", "P1"]);
    // Monthly 31 and 32: who was admitted in April, and whether their institution had members.
    let e = explain(TableKind::Monthly, 31, None, &loaded.data, &monthly_scope).unwrap();
    assert_eq!(ids(&e), ["M11"]);
    let e = explain(TableKind::Monthly, 32, None, &loaded.data, &monthly_scope).unwrap();
    assert_eq!(ids(&e), ["M04"]);
    // Monthly 20 comes from report.toml.
    let e = explain(TableKind::Monthly, 20, None, &loaded.data, &monthly_scope).unwrap();
    assert_eq!(e.count, Some(1));
    assert!(e.note.unwrap().contains("done"));
}

#[test]
fn explain_on_the_command_line_accepts_every_row_spelling() {
    for row in ["hospital", "医院", "医院设立"] {
        report()
            .args([
                "explain",
                "survey",
                "18",
                "--row",
                row,
                "--as-of",
                "2021-02-28",
                "--data",
            ])
            .arg(data("hand-worked"))
            .assert()
            .success()
            .stdout(predicate::str::contains("row: 医院设立"))
            .stdout(predicate::str::contains("count: 2"));
    }
    let output = report()
        .args([
            "explain", "monthly", "31", "--month", "2021-04", "--format", "json", "--data",
        ])
        .arg(data("hand-worked"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["count"], 1);
    assert_eq!(json["records"][0][0], "M11");
    report()
        .args(["explain", "survey", "40", "--data"])
        .arg(data("hand-worked"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("items 1 to 32"));
}

/// Writes one city's table in a format and returns the path.
fn city_table(dir: &std::path::Path, kind: &str, city: &str, format: &str) -> std::path::PathBuf {
    let path = dir.join(format!("{kind}-{city}.{format}"));
    let period: &[&str] = if kind == "survey" {
        &["--as-of", "2021-02-28"]
    } else {
        &["--month", "2021-04"]
    };
    report()
        .args([kind, "--city", city])
        .args(period)
        .arg("--data")
        .arg(data("worked-example/data"))
        .arg("-o")
        .arg(&path)
        .assert()
        .success();
    path
}

#[test]
fn merged_cities_equal_the_table_of_all_records() {
    let dir = tempfile::tempdir().unwrap();
    for (kind, period) in [
        ("survey", vec!["--as-of", "2021-02-28"]),
        ("monthly", vec!["--month", "2021-04"]),
    ] {
        let whole = report()
            .args([kind, "--format", "json"])
            .args(&period)
            .arg("--data")
            .arg(data("worked-example/data"))
            .output()
            .unwrap()
            .stdout;
        for format in ["json", "csv"] {
            let parts: Vec<_> = ["九江市", "上饶市"]
                .iter()
                .map(|c| city_table(dir.path(), kind, c, format))
                .collect();
            let merged = report()
                .arg("merge")
                .args(&parts)
                .args(&period)
                .args(["--city", "九江市", "--format", "json"])
                .output()
                .unwrap();
            assert!(
                merged.status.success(),
                "{}",
                String::from_utf8_lossy(&merged.stderr)
            );
            assert_eq!(
                String::from_utf8(merged.stdout).unwrap(),
                String::from_utf8(whole.clone()).unwrap(),
                "{kind} from {format}"
            );
        }
    }
}

#[test]
fn merge_adds_the_work_statuses_up_to_a_count_of_cities() {
    let dir = tempfile::tempdir().unwrap();
    let a = city_table(dir.path(), "monthly", "九江市", "json");
    let b = dir.path().join("other.json");
    let text = fs::read_to_string(&a)
        .unwrap()
        .replace("\"city\": \"九江市\"", "\"city\": \"景德镇市\"");
    fs::write(&b, text).unwrap();
    let merged = report()
        .arg("merge")
        .arg(&a)
        .arg(&b)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(merged.stdout).unwrap();
    let total: Vec<&str> = csv.lines().last().unwrap().split(',').collect();
    // Item 20 (“三进” done) was 1 in each city: 2 now; item 19 blank in both stays blank.
    assert_eq!(total[20], "2");
    assert_eq!(total[19], "");
    assert_eq!(total[1], "30", "institutions add up");
}

#[test]
fn merge_refuses_tables_that_do_not_belong_together() {
    let dir = tempfile::tempdir().unwrap();
    let survey_json = city_table(dir.path(), "survey", "九江市", "json");
    let monthly_json = city_table(dir.path(), "monthly", "九江市", "json");
    let other_month = dir.path().join("may.json");
    let text = fs::read_to_string(&monthly_json)
        .unwrap()
        .replace("\"2021-04\"", "\"2021-05\"")
        .replace("2021-04-30", "2021-05-31")
        .replace("\"city\": \"九江市\"", "\"city\": \"上饶市\"");
    fs::write(&other_month, text).unwrap();
    let edited = dir.path().join("edited.csv");
    let csv = fs::read_to_string(city_table(dir.path(), "survey", "上饶市", "csv")).unwrap();
    fs::write(&edited, csv.replacen("鉴定人数", "鉴定人员数", 1)).unwrap();

    let same_city = dir.path().join("again.json");
    fs::copy(&monthly_json, &same_city).unwrap();
    let csv_only = city_table(dir.path(), "monthly", "上饶市", "csv");

    let refusals = [
        (vec![&survey_json, &monthly_json], "monthly table, but"),
        (
            vec![&monthly_json, &same_city],
            "the city 九江市 is already in",
        ),
        (
            vec![&monthly_json, &monthly_json],
            "this table is given twice",
        ),
        (
            vec![&monthly_json, &csv_only],
            "a CSV table does not record its period",
        ),
        (
            vec![&monthly_json, &other_month],
            "its period (month 2021-05) differs",
        ),
        (
            vec![&survey_json, &edited],
            "edited.csv: the header line is not that of",
        ),
    ];
    for (files, reason) in refusals {
        report()
            .arg("merge")
            .args(files)
            .args(["--format", "csv"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(reason));
    }
}

#[test]
fn init_writes_a_folder_that_works_at_once_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("新市");
    report().arg("init").arg(&folder).assert().success();
    for (name, _) in report::init::FILES {
        assert!(folder.join(name).exists(), "{name}");
    }

    // Straight back in: tables, no errors, no warnings.
    report()
        .args(["check", "--as-of", "2021-02-28", "--data"])
        .arg(&folder)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "checked 4 institutions and 6 members: 0 errors, 0 warnings",
        ));
    let table = survey(&folder, None);
    assert_eq!(table.rows[TOTAL][0], Some(4));
    assert_eq!(table.rows[TOTAL][23], Some(6));
    monthly(&folder, "2021-04", None);

    fs::write(folder.join("members.csv"), "edited by the clerk").unwrap();
    report()
        .arg("init")
        .arg(&folder)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing was written"));
    assert_eq!(
        fs::read_to_string(folder.join("members.csv")).unwrap(),
        "edited by the clerk"
    );
}

#[test]
fn completions_and_man_page() {
    report()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("monthly"));
    report()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(".ie"))
        .stdout(predicate::str::contains(".TH report-survey 1"))
        .stdout(predicate::str::contains(".TH report-merge 1"));
}

#[test]
fn help_of_every_command() {
    for command in [
        vec![],
        vec!["survey"],
        vec!["monthly"],
        vec!["check"],
        vec!["explain"],
        vec!["merge"],
        vec!["init"],
        vec!["completions"],
        vec!["man"],
    ] {
        let output = report()
            .args(&command)
            .arg("--help")
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        assert!(output.status.success());
        let name = if command.is_empty() {
            "report".to_string()
        } else {
            format!("report-{}", command[0])
        };
        insta::assert_snapshot!(
            format!("help_{name}"),
            String::from_utf8(output.stdout).unwrap()
        );
    }
    report()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("report "));
}

#[test]
fn merge_refuses_tables_that_break_the_forms_arithmetic() {
    let dir = tempfile::tempdir().unwrap();
    let path = city_table(dir.path(), "survey", "九江市", "json");
    let mut json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    // Five more institutions in the first row than its bands account for (1 = 3 + 9 + 15).
    let first = json["rows"][0]["values"][0].as_u64().unwrap();
    json["rows"][0]["values"][0] = (first + 5).into();
    let edited = dir.path().join("edited.json");
    fs::write(&edited, serde_json::to_string(&json).unwrap()).unwrap();
    report()
        .arg("merge")
        .arg(&edited)
        .args(["--format", "csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("do not add up to a valid form"));
}
