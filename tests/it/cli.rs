//! The binary end to end: each output format, how the format is chosen, files written
//! whole or not at all, and the exit codes.

use std::fs;

use predicates::prelude::*;

use crate::fixture::{data, report, stdout_of};

/// Runs a table command on the hand-worked folder with fixed dates and returns stdout.
fn render(args: &[&str]) -> String {
    stdout_of(args, &data("hand-worked"))
}

#[test]
fn csv_is_the_default_when_piped() {
    let csv = render(&["survey", "--as-of", "2021-02-28"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 10, "a header line and nine rows");
    assert!(lines[0].starts_with("项目,1 行业情况/司法鉴定机构数,2 行业情况/鉴定人数,"));
    assert!(lines[0].ends_with(",32 鉴定机构党员情况/党员组织关系/在其他党组织的"));
    // The total row of the hand-worked survey (see hand_worked.rs for each cell).
    assert_eq!(
        lines[9],
        "总数,10,70,3,1,0,0,2,1,3,0,1,1,2,1,4,2,5,2,2,1,1,1,0,15,8,4,3,4,2,4,2,3"
    );
    assert!(csv.ends_with('\n') && !csv.contains('\r'));
}

#[test]
fn csv_leaves_total_only_cells_blank_in_type_rows() {
    let csv = render(&["monthly", "--month", "2021-04", "--format", "csv"]);
    let university = csv.lines().nth(1).unwrap();
    assert_eq!(
        university,
        "高等院校设立,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,1,1,,,,,,,,,,,,,,0,1,1,0,1,0"
    );
    let total = csv.lines().nth(9).unwrap();
    assert_eq!(
        total,
        "总数,10,3,1,0,0,2,1,3,0,1,1,2,1,4,2,2,1,1,,1,1,,,1,,,,,,,1,1,1,1,1,1"
    );
}

#[test]
fn csv_with_a_byte_order_mark() {
    let csv = render(&["survey", "--as-of", "2021-02-28", "--bom"]);
    assert!(csv.starts_with("\u{feff}项目,"));
}

#[test]
fn json_output() {
    insta::assert_snapshot!(render(&[
        "monthly", "--month", "2021-04", "--format", "json"
    ]));
}

#[test]
fn json_keys_and_blanks() {
    let json = render(&["monthly", "--month", "2021-04", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["table"], "monthly");
    assert_eq!(value["city"], "南昌市");
    assert_eq!(value["period"]["as_of"], "2021-04-30");
    assert_eq!(value["period"]["month"], "2021-04");
    assert_eq!(value["columns"].as_array().unwrap().len(), 36);
    assert_eq!(value["columns"][30]["unit"], "人", "item 31 counts people");
    let rows = value["rows"].as_array().unwrap();
    let keys: Vec<&str> = rows.iter().map(|r| r["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "university",
            "research_institute",
            "hospital",
            "private_enterprise",
            "other_enterprise",
            "social_organization",
            "private_non_enterprise",
            "other_organization",
            "total"
        ]
    );
    assert_eq!(rows[0]["values"][17], serde_json::Value::Null);
    assert_eq!(rows[8]["values"][17], 1);
    assert_eq!(rows[8]["values"][18], serde_json::Value::Null);
    let order = [
        "\"table\"",
        "\"title\"",
        "\"city\"",
        "\"period\"",
        "\"columns\"",
        "\"rows\"",
    ];
    let positions: Vec<usize> = order.iter().map(|k| json.find(k).unwrap()).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "keys in the documented order"
    );
}

#[test]
fn survey_json_has_no_month() {
    let json = render(&["survey", "--as-of", "2021-02-28", "--format", "json"]);
    assert!(json.contains("\"period\": {\n    \"as_of\": \"2021-02-28\"\n  },"));
}

#[test]
fn markdown_output() {
    insta::assert_snapshot!(render(&[
        "survey",
        "--as-of",
        "2021-02-28",
        "--format",
        "md"
    ]));
}

#[test]
fn terminal_output() {
    insta::assert_snapshot!(render(&[
        "monthly", "--month", "2021-04", "--format", "table"
    ]));
}

#[test]
fn terminal_output_in_ascii() {
    let text = render(&[
        "survey",
        "--as-of",
        "2021-02-28",
        "--format",
        "table",
        "--ascii",
    ]);
    let grid: String = text.lines().skip(2).collect();
    assert!(grid.is_ascii() || grid.chars().all(|c| c.is_ascii() || !is_box_drawing(c)));
    assert!(!grid.chars().any(is_box_drawing));
}

fn is_box_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c)
}

#[test]
fn the_output_file_extension_chooses_the_format() {
    let dir = tempfile::tempdir().unwrap();
    for (name, starts) in [("t.csv", "项目,"), ("t.json", "{\n"), ("t.md", "## ")] {
        let path = dir.path().join(name);
        report()
            .args(["survey", "--as-of", "2021-02-28", "--data"])
            .arg(data("hand-worked"))
            .arg("-o")
            .arg(&path)
            .assert()
            .success()
            .stdout("");
        let written = fs::read_to_string(&path).unwrap();
        assert!(written.starts_with(starts), "{name}: {written}");
    }
}

#[test]
fn an_unknown_extension_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    report()
        .args(["survey", "--data"])
        .arg(data("hand-worked"))
        .arg("-o")
        .arg(dir.path().join("t.docx"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("t.docx"));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn monthly_without_a_month_shows_an_example() {
    report()
        .args(["monthly", "--data"])
        .arg(data("hand-worked"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--month 2021-04"));
}

#[test]
fn an_unknown_city_lists_the_cities_present() {
    report()
        .args(["survey", "--city", "九江市", "--data"])
        .arg(data("hand-worked"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("南昌市, 赣州市"));
}

#[test]
fn bad_input_names_the_place_and_leaves_an_existing_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("institutions.csv"),
        "id,name,founder_type,appraisers\nA1,甲所,hospital,5\nA2,乙所,医阮,-3\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("members.csv"),
        "id,institution,status,role,org_relation\n",
    )
    .unwrap();
    let out = dir.path().join("out.csv");
    fs::write(&out, "earlier contents").unwrap();

    report()
        .args(["survey", "--data"])
        .arg(dir.path())
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        // The place line counts characters: 医阮 starts at the 7th, -3 at the 10th.
        .stderr(predicate::str::contains("institutions.csv:3:7]"))
        .stderr(predicate::str::contains("\"医阮\""))
        .stderr(predicate::str::contains("did you mean \"医院\"?"))
        .stderr(predicate::str::contains("institutions.csv:3:10]"))
        .stderr(predicate::str::contains("\"-3\""))
        .stderr(predicate::str::contains(
            "2 errors in 1 file; no table was written",
        ));
    assert_eq!(fs::read_to_string(&out).unwrap(), "earlier contents");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        3,
        "no temporary file left"
    );
}

#[test]
fn refuses_to_write_over_an_input_file() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["institutions.toml", "members.csv", "report.toml"] {
        fs::copy(data("hand-worked").join(name), dir.path().join(name)).unwrap();
    }
    let target = dir.path().join("members.csv");
    let before = fs::read(&target).unwrap();
    report()
        .args(["survey", "--format", "csv", "--data"])
        .arg(dir.path())
        .arg("-o")
        .arg(&target)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("input"));
    assert_eq!(fs::read(&target).unwrap(), before);
}

#[test]
fn a_missing_folder_is_reported() {
    report()
        .args(["survey", "--data", "/nonexistent/folder"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the folder /nonexistent/folder does not exist",
        ));
}

#[test]
fn a_flood_of_errors_is_shown_in_part_and_counted_in_full() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("institutions.csv"),
        "id,name,founder_type,appraisers\nA1,甲所,医院,5\n",
    )
    .unwrap();
    let mut members = String::from("id,institution,status,role,org_relation\n");
    for m in 0..300 {
        members.push_str(&format!("M{m},A1,formall,staff,other\n"));
    }
    fs::write(dir.path().join("members.csv"), members).unwrap();
    let output = report()
        .args(["survey", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1));
    // 300 bad rows on lines 2 to 301: the first 100 are shown, the other 200 counted.
    assert_eq!(stderr.matches("did you mean \"formal\"?").count(), 100);
    assert!(stderr.contains("… and 200 more in"), "{stderr}");
    assert!(stderr.contains("lines 102 to 301"), "{stderr}");
    assert!(stderr.ends_with("300 errors in 1 file; no table was written\n"));
}
