//! Every cell of both forms for `tests/data/hand-worked`, worked out by hand from the
//! records. Each non-zero cell is listed with the institutions or members behind it; every
//! cell not listed must be zero (or blank, for the monthly items kept to the total row).

use report::count::{ROWS, TOTAL, Table};

use crate::fixture::{data, monthly, survey};

// Row indexes, in the form's order.
const UNI: usize = 0; // 高等院校设立: U1
const RES: usize = 1; // 科研院所设立: R1 (赣州市)
const HOS: usize = 2; // 医院设立: H1, H2
const PRI: usize = 3; // 民营企业设立: P1, P2
const OEN: usize = 4; // 其他企业设立: O2
const SOC: usize = 5; // 社团组织设立: S1
const PNE: usize = 6; // 民办非企业设立: N1
const OOR: usize = 7; // 其他组织设立: O1

/// Compares a whole table with the cells listed: `(row, item, value)`; unlisted cells are
/// 0, except the monthly items 18–30, which are blank unless listed.
fn assert_cells(table: &Table, listed: &[(usize, usize, u64)]) {
    let items = table.kind.items();
    let mut expected = vec![vec![Some(0); items.len()]; ROWS];
    for (column, item) in items.iter().enumerate() {
        if item.total_only() {
            for row in &mut expected {
                row[column] = None;
            }
        }
    }
    for &(row, item, value) in listed {
        expected[row][item - 1] = Some(value);
    }
    for (row, expected_row) in expected.iter().enumerate() {
        for (column, item) in items.iter().enumerate() {
            assert_eq!(
                table.rows[row][column], expected_row[column],
                "{:?} row {row} item {}",
                table.kind, item.number
            );
        }
    }
}

/// The survey cells for all ten institutions.
#[rustfmt::skip]
const SURVEY_ALL: &[(usize, usize, u64)] = &[
    // 1: one institution per row, two hospitals and two private ones.
    (UNI, 1, 1), (RES, 1, 1), (HOS, 1, 2), (PRI, 1, 2), (OEN, 1, 1), (SOC, 1, 1), (PNE, 1, 1), (OOR, 1, 1), (TOTAL, 1, 10),
    // 2: appraisers: U1 10; R1 2; H1 20 + H2 5; P1 8 + P2 6; O2 5; S1 4; N1 3; O1 7.
    (UNI, 2, 10), (RES, 2, 2), (HOS, 2, 25), (PRI, 2, 14), (OEN, 2, 5), (SOC, 2, 4), (PNE, 2, 3), (OOR, 2, 7), (TOTAL, 2, 70),
    // 3: three or more formal members: U1 (M01–M03; M04 is probationary), S1 (3), O1 (4).
    (UNI, 3, 1), (SOC, 3, 1), (OOR, 3, 1), (TOTAL, 3, 3),
    // 4: of those, U1 has its own organisation.
    (UNI, 4, 1), (TOTAL, 4, 1),
    // 7: S1 joined U1's organisation and O1 hosts a joint one: neither set up its own and
    // neither founder did; 8: S1 names a liaison, O1 does not.
    (SOC, 7, 1), (OOR, 7, 1), (TOTAL, 7, 2),
    (SOC, 8, 1), (TOTAL, 8, 1),
    // 9: members but under three formal: H1 (2), P1 (1), N1 (1 probationary).
    (HOS, 9, 1), (PRI, 9, 1), (PNE, 9, 1), (TOTAL, 9, 3),
    // 11, 12: H1 is covered by its hospital's organisation and names a lead.
    (HOS, 11, 1), (TOTAL, 11, 1), (HOS, 12, 1), (TOTAL, 12, 1),
    // 13: P1 (joint LH-1) and N1 (none); 14: only P1 names a liaison.
    (PRI, 13, 1), (PNE, 13, 1), (TOTAL, 13, 2),
    (PRI, 14, 1), (TOTAL, 14, 1),
    // 15: no members: R1, H2, P2, O2; 16: R1 and P2 name a liaison.
    (RES, 15, 1), (HOS, 15, 1), (PRI, 15, 1), (OEN, 15, 1), (TOTAL, 15, 4),
    (RES, 16, 1), (PRI, 16, 1), (TOTAL, 16, 2),
    // 17: organisations by host: U1's own (S1 inside it adds none); H1's and H2's founder
    // ones; LH-1, hosted by P1 (the smaller id of P1, P2); O1's joint one (O1 is its host
    // because the org_id is its own id, so O2's row gets nothing).
    (UNI, 17, 1), (HOS, 17, 2), (PRI, 17, 1), (OOR, 17, 1), (TOTAL, 17, 5),
    // 18: founder-covered institutions, H2 included although it has no members.
    (HOS, 18, 2), (TOTAL, 18, 2),
    // 19: H1, H2 report to their founder's superior; 20: U1's to its founder;
    // 21: LH-1 to the authority; 22: O1's to the association.
    (HOS, 19, 2), (TOTAL, 19, 2),
    (UNI, 20, 1), (TOTAL, 20, 1),
    (PRI, 21, 1), (TOTAL, 21, 1),
    (OOR, 22, 1), (TOTAL, 22, 1),
    // 24: members: U1 4, H1 2, P1 1, S1 3, N1 1, O1 4.
    (UNI, 24, 4), (HOS, 24, 2), (PRI, 24, 1), (SOC, 24, 3), (PNE, 24, 1), (OOR, 24, 4), (TOTAL, 24, 15),
    // 25 full-time: M01, M04 | M05 | M07 | M08, M09 | M12, M15.
    (UNI, 25, 2), (HOS, 25, 1), (PRI, 25, 1), (SOC, 25, 2), (OOR, 25, 2), (TOTAL, 25, 8),
    // 26 part-time: M02 | M06 | M10 | M14.
    (UNI, 26, 1), (HOS, 26, 1), (SOC, 26, 1), (OOR, 26, 1), (TOTAL, 26, 4),
    // 27 staff: M03 | M11 | M13.
    (UNI, 27, 1), (PNE, 27, 1), (OOR, 27, 1), (TOTAL, 27, 3),
    // 28 held in the institution's organisation: M01, M02, M04 | M15.
    (UNI, 28, 3), (OOR, 28, 1), (TOTAL, 28, 4),
    // 29 in the association's: M08 | M13.
    (SOC, 29, 1), (OOR, 29, 1), (TOTAL, 29, 2),
    // 30 in the founder's: M03 | M05, M06 | M14.
    (UNI, 30, 1), (HOS, 30, 2), (OOR, 30, 1), (TOTAL, 30, 4),
    // 31 in a former employer's: M07 | M10.
    (PRI, 31, 1), (SOC, 31, 1), (TOTAL, 31, 2),
    // 32 elsewhere: M09 | M11 | M12.
    (SOC, 32, 1), (PNE, 32, 1), (OOR, 32, 1), (TOTAL, 32, 3),
];

#[test]
fn survey_of_every_institution() {
    let table = survey(&data("hand-worked"), None);
    assert_cells(&table, SURVEY_ALL);
    assert_eq!(
        table.city.as_deref(),
        Some("南昌市"),
        "the city comes from report.toml"
    );
}

#[test]
fn survey_of_one_city_leaves_the_other_out() {
    // Without R1 (赣州市): its row is empty, and the totals of 1, 2, 15 and 16 drop by its
    // one institution, two appraisers, and its place among those without members.
    let listed: Vec<_> = SURVEY_ALL
        .iter()
        .filter(|&&(row, _, _)| row != RES)
        .map(|&(row, item, value)| match (row, item) {
            (TOTAL, 1) => (row, item, 9),
            (TOTAL, 2) => (row, item, 68),
            (TOTAL, 15) => (row, item, 3),
            (TOTAL, 16) => (row, item, 1),
            _ => (row, item, value),
        })
        .collect();
    assert_cells(&survey(&data("hand-worked"), Some("南昌市")), &listed);
}

/// The monthly cells for April 2021, all institutions.
#[rustfmt::skip]
const MONTHLY_ALL: &[(usize, usize, u64)] = &[
    // 1–15 are the survey's 1 and 3–16 (bands and coverage).
    (UNI, 1, 1), (RES, 1, 1), (HOS, 1, 2), (PRI, 1, 2), (OEN, 1, 1), (SOC, 1, 1), (PNE, 1, 1), (OOR, 1, 1), (TOTAL, 1, 10),
    (UNI, 2, 1), (SOC, 2, 1), (OOR, 2, 1), (TOTAL, 2, 3),
    (UNI, 3, 1), (TOTAL, 3, 1),
    (SOC, 6, 1), (OOR, 6, 1), (TOTAL, 6, 2),
    (SOC, 7, 1), (TOTAL, 7, 1),
    (HOS, 8, 1), (PRI, 8, 1), (PNE, 8, 1), (TOTAL, 8, 3),
    (HOS, 10, 1), (TOTAL, 10, 1), (HOS, 11, 1), (TOTAL, 11, 1),
    (PRI, 12, 1), (PNE, 12, 1), (TOTAL, 12, 2),
    (PRI, 13, 1), (TOTAL, 13, 1),
    (RES, 14, 1), (HOS, 14, 1), (PRI, 14, 1), (OEN, 14, 1), (TOTAL, 14, 4),
    (RES, 15, 1), (PRI, 15, 1), (TOTAL, 15, 2),
    // 16: rules revised: U1, H1. 17: rules and charter: U1 only; S1 revised its charter
    // but not its rules, and 17 is a part of 16.
    (UNI, 16, 1), (HOS, 16, 1), (TOTAL, 16, 2),
    (UNI, 17, 1), (TOTAL, 17, 1),
    // 18: one of the two associations revised its charter.
    (TOTAL, 18, 1),
    // 20: “三进” done; 21: 审核设立机构 in progress; 24: 审核许可执业 done; the other three
    // strands have no status, so 25–30 stay blank.
    (TOTAL, 20, 1), (TOTAL, 21, 1), (TOTAL, 24, 1),
    // 31: M11 joined N1 on 2021-04-20 and N1 had no members before April.
    (PNE, 31, 1), (TOTAL, 31, 1),
    // 32: M04 joined U1 on 2021-04-10; U1 had members before (M01, M02, and M03 without a date).
    (UNI, 32, 1), (TOTAL, 32, 1),
    // 33: U1; 34: H1; 35: U1; 36: S1.
    (UNI, 33, 1), (TOTAL, 33, 1),
    (HOS, 34, 1), (TOTAL, 34, 1),
    (UNI, 35, 1), (TOTAL, 35, 1),
    (SOC, 36, 1), (TOTAL, 36, 1),
];

#[test]
fn monthly_of_every_institution() {
    let table = monthly(&data("hand-worked"), "2021-04", None);
    assert_cells(&table, MONTHLY_ALL);
}

#[test]
fn monthly_admissions_look_only_at_the_month() {
    // In May nobody joined: 31 and 32 are zero; the rest is as in April, because bands and
    // every other count take the records as they stand.
    let listed: Vec<_> = MONTHLY_ALL
        .iter()
        .copied()
        .filter(|&(_, item, _)| item != 31 && item != 32)
        .collect();
    assert_cells(&monthly(&data("hand-worked"), "2021-05", None), &listed);
}

#[test]
fn monthly_of_another_city_leaves_the_work_statuses_blank() {
    // 赣州市 holds only R1: a research institute without members that names a liaison.
    // report.toml speaks for 南昌市, so 18–30 are blank in the total row too.
    let table = monthly(&data("hand-worked"), "2021-04", Some("赣州市"));
    #[rustfmt::skip]
    let listed = [
        (RES, 1, 1), (TOTAL, 1, 1),
        (RES, 14, 1), (TOTAL, 14, 1),
        (RES, 15, 1), (TOTAL, 15, 1),
    ];
    assert_cells(&table, &listed);
    assert_eq!(table.city.as_deref(), Some("赣州市"));
}

#[test]
fn monthly_of_the_units_own_city_keeps_the_work_statuses() {
    let table = monthly(&data("hand-worked"), "2021-04", Some("南昌市"));
    let listed: Vec<_> = MONTHLY_ALL
        .iter()
        .filter(|&&(row, _, _)| row != RES)
        .map(|&(row, item, value)| match (row, item) {
            (TOTAL, 1) | (TOTAL, 14) => (row, item, value - 1),
            (TOTAL, 15) => (row, item, 1),
            _ => (row, item, value),
        })
        .collect();
    assert_cells(&table, &listed);
}
