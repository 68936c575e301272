//! The trade's warnings: `tests/data/warnings` holds one record for each rule (worked out
//! by hand in the comments below), and each must be warned about exactly once.

use predicates::prelude::*;

use report::count::Scope;
use report::problem::Severity;

use crate::fixture::{data, day, report};

/// Each rule, and the words that name the one record that breaks it.
const EXPECTED: [&str; 11] = [
    // W1: three formal members, no organisation (无).
    "应建尽建: \"W1\" has 3 formal members",
    // W5: three formal members in a joint organisation (联合).
    "应建尽建: \"W5\" has 3 formal members",
    // W2: its own organisation with two formal members.
    "\"W2\" has its own organisation (单独成立) but only 2 formal members",
    // W3: covered by its founder, no lead named.
    "\"W3\" is covered by its founder's organisation but names no party-building lead",
    // W4: no organisation and no liaison; and an affiliation that is ignored.
    "\"W4\" has no party organisation and no party-building liaison",
    "\"W4\" gives 党组织隶属 (org_affiliation) but has no organisation",
    // W6: three full-time members, one appraiser.
    "\"W6\" has 3 party-member appraisers (专职 and 兼职) but only 1 appraisers",
    // G1 holds membership in W7's organisation, which W7 (founder-covered) does not have.
    "member \"G1\" holds membership in the institution's organisation",
    // F4 joined two days after the reporting date.
    "member \"F4\" joined on 2021-05-02, after the reporting date 2021-04-30",
    // B2 is formal but joined five months before the reporting date.
    "member \"B2\" is formal (正式党员) but joined on 2020-12-01",
    // Seven institutions, where the register says 99 (its 31 appraisers are right).
    "survey item 1 (司法鉴定机构数) is 7, but the register ([registry]) says 99",
];

#[test]
fn each_rule_is_warned_about_once() {
    let as_of = day(2021, 4, 30);
    let loaded = report::load(&data("warnings"), Some(as_of)).unwrap();
    let scope = Scope {
        city: None,
        as_of,
        month: None,
    };
    let found = report::warnings::warnings(&loaded.data, &scope, true);
    for expected in EXPECTED {
        let matching = found
            .iter()
            .filter(|p| p.message.contains(expected))
            .count();
        assert_eq!(matching, 1, "{expected} in {found:#?}");
    }
    assert_eq!(found.len(), EXPECTED.len(), "{found:#?}");
    assert!(found.iter().all(|p| p.severity == Severity::Warning));

    report()
        .args(["check", "--as-of", "2021-04-30", "--data"])
        .arg(data("warnings"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "checked 7 institutions and 13 members: 0 errors, 11 warnings",
        ));
}

#[test]
fn a_quiet_table_shows_no_warnings_and_a_loud_one_shows_them_after_it() {
    let quiet = ["survey", "--as-of", "2021-04-30", "--quiet", "--data"];
    report()
        .args(quiet)
        .arg(data("warnings"))
        .assert()
        .success()
        .stderr("");
    report()
        .args(["survey", "--as-of", "2021-04-30", "--data"])
        .arg(data("warnings"))
        .assert()
        .success()
        .stderr(predicate::str::ends_with("11 warnings in 3 files\n"));
}
