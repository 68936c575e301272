//! Reading records: spellings and shapes the input allows, and the errors it must give.

use std::fs;
use std::path::Path;

use report::count::TOTAL;
use report::problem::Problem;

use crate::fixture::{day, monthly, survey};

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn errors(dir: &Path) -> Vec<Problem> {
    match report::load(dir, Some(day(2021, 4, 30))) {
        Ok(_) => panic!("expected input errors"),
        Err(errors) => errors.problems,
    }
}

/// Finds the problem in `file` at `line` (and `column`, for CSV the field number) whose
/// message contains `text`.
fn find<'a>(
    problems: &'a [Problem],
    file: &str,
    line: usize,
    column: Option<usize>,
    text: &str,
) -> &'a Problem {
    problems
        .iter()
        .find(|p| {
            p.file.ends_with(file)
                && p.line == Some(line)
                && (column.is_none() || p.column == column)
                && p.message.contains(text)
        })
        .unwrap_or_else(|| panic!("no {file}:{line} \"{text}\" among {problems:#?}"))
}

const NO_MEMBERS: (&str, &str) = ("members.csv", "id,institution,status,role,org_relation\n");

#[test]
fn an_institutions_file_without_records_gives_the_empty_form() {
    let dir = folder(&[("institutions.toml", "# none yet\n"), NO_MEMBERS]);
    let table = survey(dir.path(), None);
    assert!(table.rows.iter().flatten().all(|cell| *cell == Some(0)));
}

#[test]
fn whole_number_ids_in_toml_are_ids_like_any_other() {
    let dir = folder(&[
        (
            "institutions.toml",
            "[[institution]]\nid = 101\nname = \"甲\"\nfounder_type = \"hospital\"\nappraisers = 3\n",
        ),
        (
            "members.toml",
            "[[member]]\nid = 1\ninstitution = 101\nstatus = \"formal\"\nrole = \"staff\"\norg_relation = \"other\"\n",
        ),
    ]);
    let table = survey(dir.path(), None);
    assert_eq!(table.rows[TOTAL][23], Some(1), "the member is counted");
}

#[test]
fn short_rows_and_trailing_empty_rows_of_a_spreadsheet_export() {
    // Excel drops trailing empty cells on some rows and saves empty rows at the end.
    let dir = folder(&[
        (
            "institutions.csv",
            "id,name,founder_type,appraisers,party_org,liaison\nA1,甲,医院,4\nA2,乙,医院,5,无,是\n,,,,,\n",
        ),
        NO_MEMBERS,
    ]);
    let table = survey(dir.path(), None);
    assert_eq!(table.rows[TOTAL][0], Some(2));
    assert_eq!(table.rows[TOTAL][15], Some(1), "only A2 names a liaison");
}

#[test]
fn a_duplicate_id_across_toml_and_csv_names_both_places() {
    let dir = folder(&[
        (
            "institutions.toml",
            "[[institution]]\nid = \"A1\"\nname = \"甲\"\nfounder_type = \"hospital\"\nappraisers = 3\n",
        ),
        (
            "institutions.csv",
            "id,name,founder_type,appraisers\nA1,乙,医院,4\n",
        ),
        NO_MEMBERS,
    ]);
    let problems = errors(dir.path());
    let problem = find(
        &problems,
        "institutions.csv",
        2,
        None,
        "\"A1\" is used twice",
    );
    assert!(
        problem.message.contains("institutions.toml:1"),
        "{}",
        problem.message
    );
}

#[test]
fn a_header_with_a_stray_space_is_an_error_with_the_fix() {
    let dir = folder(&[
        (
            "institutions.csv",
            "id,name ,founder_type,appraisers\nA1,甲,医院,4\n",
        ),
        NO_MEMBERS,
    ]);
    let problems = errors(dir.path());
    let problem = find(
        &problems,
        "institutions.csv",
        1,
        Some(2),
        "unknown column header \"name \"",
    );
    assert_eq!(problem.help.as_deref(), Some("did you mean \"name\"?"));
}

#[test]
fn every_error_of_a_run_is_reported() {
    let dir = folder(&[
        (
            "institutions.csv",
            "机构编号,机构名称,设立单位类型,鉴定人数,党组织设置,党组织编号\n\
             A1,甲,医院,4,联合,\n\
             A2,乙,医院,x,单独成立,\n\
             A3,丙,医院,2,无,Z9\n",
        ),
        (
            "members.csv",
            "id,institution,status,role,org_relation,joined_on\nM1,A9,formal,staff,other,2021-02-30\n",
        ),
    ]);
    let problems = errors(dir.path());
    let appraisers = "鉴定人数 (appraisers) should be a whole number of 0 or more, found \"x\"";
    find(&problems, "institutions.csv", 3, Some(4), appraisers);
    let date = "入党日期 (joined_on) should be a date that exists, found \"2021-02-30\"";
    find(&problems, "members.csv", 2, Some(6), date);
    // The organisation rules are checked on the records that could be read.
    let joint = "\"A1\" is in a joint organisation (联合) but has no 党组织编号";
    find(&problems, "institutions.csv", 2, None, joint);
    find(
        &problems,
        "institutions.csv",
        4,
        None,
        "\"A3\" has 党组织编号 (org_id) \"Z9\"",
    );
    find(
        &problems,
        "institutions.csv",
        2,
        None,
        "\"A1\" has an organisation (joint) but no 党组织隶属",
    );
    assert_eq!(problems.len(), 5, "{problems:#?}");
}

#[test]
fn a_workbook_saved_under_a_csv_name_is_refused() {
    let dir = folder(&[("institutions.csv", "PK\u{3}\u{4}binary"), NO_MEMBERS]);
    let problems = errors(dir.path());
    assert!(
        problems[0]
            .message
            .contains("save it from Excel or WPS as CSV")
    );
}

/// A members file big enough to be read in two halves at once, written so that its
/// institution and line numbers are known.
fn big_folder(quoted: bool, bad_line: Option<usize>) -> tempfile::TempDir {
    let mut institutions =
        String::from("id,name,city,founder_type,appraisers,party_org,org_affiliation\n");
    for i in 0..1000 {
        let (org, affiliation) = if i % 3 == 0 {
            ("own", "authority")
        } else {
            ("none", "")
        };
        institutions.push_str(&format!(
            "I{i:04},所{i},甲市,hospital,{},{org},{affiliation}\n",
            i % 40
        ));
    }
    let mut members = String::from("id,name,institution,status,role,org_relation,joined_on\n");
    for m in 0..80_000 {
        // Line m + 2 of the file holds member m.
        let institution = if bad_line == Some(m + 2) {
            "NOWHERE".to_string()
        } else {
            format!("I{:04}", (m * 7) % 1000)
        };
        let name = if quoted && m == 5 {
            "\"党员, 甲\"".to_string()
        } else {
            format!("党员{m}")
        };
        let status = if m % 4 == 0 { "probationary" } else { "formal" };
        let joined = format!("2021-{:02}-{:02}", m % 12 + 1, m % 28 + 1);
        members.push_str(&format!(
            "M{m:06},{name},{institution},{status},full_time,former,{joined}\n"
        ));
    }
    assert!(members.len() > 4 << 20, "large enough to be split");
    folder(&[
        ("institutions.csv", institutions.as_str()),
        ("members.csv", members.as_str()),
    ])
}

#[test]
fn a_large_members_file_read_in_halves_gives_the_same_tables() {
    // With a quoted cell the file is read whole; without, in two halves at once.
    let whole = big_folder(true, None);
    let halves = big_folder(false, None);
    assert_eq!(survey(whole.path(), None), survey(halves.path(), None));
    assert_eq!(
        monthly(whole.path(), "2021-04", None),
        monthly(halves.path(), "2021-04", None)
    );
    assert_eq!(survey(halves.path(), None).rows[TOTAL][23], Some(80_000));
}

#[test]
fn problems_in_the_second_half_keep_their_line_numbers() {
    for line in [3, 40_002, 79_999] {
        let dir = big_folder(false, Some(line));
        let problems = errors(dir.path());
        assert_eq!(problems.len(), 1, "{problems:#?}");
        find(&problems, "members.csv", line, None, "\"NOWHERE\"");
    }
}

#[test]
fn an_emptied_records_file_is_valid_but_warned_about() {
    let dir = folder(&[
        (
            "institutions.csv",
            "id,name,founder_type,appraisers,liaison\nA1,甲所,医院,4,是\n",
        ),
        ("members.toml", ""),
        NO_MEMBERS,
    ]);
    crate::fixture::report()
        .args(["check", "--as-of", "2021-02-28", "--data"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "members.toml: this file holds no member records",
        ))
        .stderr(predicates::str::contains(
            "members.csv: this file holds no member records",
        ))
        .stderr(predicates::str::contains("0 errors, 2 warnings"));
}
