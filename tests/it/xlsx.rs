//! The printed form as XLSX, read back with an independent reader: every value against the
//! JSON output of the same data, the merged header against the layout, the total row's
//! formulas and cached values, the footer, the audit sheet, the print setup, and identical
//! bytes from two runs.

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use report::layout::{TableKind, header_cells, header_depth};

use crate::fixture::{data, report};

/// Writes one form as XLSX and as JSON from the hand-worked folder.
fn write_both(dir: &Path, kind: TableKind) -> (PathBuf, serde_json::Value) {
    let period: &[&str] = match kind {
        TableKind::Survey => &["survey", "--as-of", "2021-02-28"],
        TableKind::Monthly => &["monthly", "--month", "2021-04"],
    };
    let xlsx = dir.join(format!("{}.xlsx", kind.key()));
    report()
        .args(period)
        .args(["--date", "2021-05-06", "--data"])
        .arg(data("hand-worked"))
        .arg("-o")
        .arg(&xlsx)
        .assert()
        .success();
    let json = report()
        .args(period)
        .args(["--format", "json", "--data"])
        .arg(data("hand-worked"))
        .output()
        .unwrap();
    (xlsx, serde_json::from_slice(&json.stdout).unwrap())
}

fn sheet_name(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Survey => "统计表",
        TableKind::Monthly => "月报表",
    }
}

/// The 0-based sheet row whose first cell is `label`.
fn row_of(range: &calamine::Range<Data>, label: &str) -> u32 {
    range
        .rows()
        .position(|row| matches!(row.first(), Some(Data::String(s)) if s == label))
        .unwrap_or_else(|| panic!("no row labelled {label}")) as u32
        + range.start().unwrap().0
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

#[test]
fn every_cell_matches_the_json_output() {
    let dir = tempfile::tempdir().unwrap();
    for kind in [TableKind::Survey, TableKind::Monthly] {
        let (path, json) = write_both(dir.path(), kind);
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        let range = book.worksheet_range(sheet_name(kind)).unwrap();
        let numbers_row = row_of(&range, "项目序号");
        let units_row = row_of(&range, "项目单位");
        assert_eq!(units_row + 1, numbers_row);

        for (i, column) in json["columns"].as_array().unwrap().iter().enumerate() {
            let col = i as u32 + 1;
            assert_eq!(
                cell(&range, numbers_row, col),
                Data::Float(column["item"].as_f64().unwrap())
            );
            assert_eq!(
                cell(&range, units_row, col),
                Data::String(column["unit"].as_str().unwrap().into())
            );
        }
        for (r, row) in json["rows"].as_array().unwrap().iter().enumerate() {
            let sheet_row = numbers_row + 1 + r as u32;
            assert_eq!(
                cell(&range, sheet_row, 0),
                Data::String(row["label"].as_str().unwrap().into())
            );
            for (i, value) in row["values"].as_array().unwrap().iter().enumerate() {
                let found = cell(&range, sheet_row, i as u32 + 1);
                match value.as_u64() {
                    Some(n) => assert_eq!(
                        found,
                        Data::Float(n as f64),
                        "{kind:?} row {r} item {}",
                        i + 1
                    ),
                    None => assert_eq!(found, Data::Empty, "{kind:?} row {r} item {}", i + 1),
                }
            }
        }
    }
}

#[test]
fn the_total_row_sums_the_eight_rows_with_formulas() {
    let dir = tempfile::tempdir().unwrap();
    for kind in [TableKind::Survey, TableKind::Monthly] {
        let (path, _) = write_both(dir.path(), kind);
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        let values = book.worksheet_range(sheet_name(kind)).unwrap();
        let formulas = book.worksheet_formula(sheet_name(kind)).unwrap();
        let total = row_of(&values, "总数");
        let first = total - 8;
        for (i, item) in kind.items().iter().enumerate() {
            let col = i as u32 + 1;
            let letter = rust_xlsxwriter::utility::column_number_to_name(col as u16);
            let formula = formulas
                .get_value((total, col))
                .cloned()
                .unwrap_or_default();
            if item.total_only() {
                assert_eq!(formula, "", "item {} is a plain value", item.number);
            } else {
                // Excel rows are 1-based: the eight type rows are first+1 ..= first+8.
                let expected = format!("SUM({letter}{}:{letter}{})", first + 1, first + 8);
                assert_eq!(formula, expected, "item {}", item.number);
            }
        }
    }
}

#[test]
fn the_header_is_merged_as_the_layout_says() {
    let dir = tempfile::tempdir().unwrap();
    for kind in [TableKind::Survey, TableKind::Monthly] {
        let (path, _) = write_both(dir.path(), kind);
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        let values = book.worksheet_range(sheet_name(kind)).unwrap();
        let merged = book.merge_cells_by_sheet_name(sheet_name(kind)).unwrap();
        let merged: Vec<((u32, u32), (u32, u32))> =
            merged.iter().map(|d| (d.start, d.end)).collect();

        let items = kind.items();
        let depth = header_depth(items) as u32;
        let top = row_of(&values, "项目单位") - depth;
        assert!(
            merged.contains(&((top, 0), (top + depth - 1, 0))),
            "项目 spans the header"
        );
        for header in header_cells(items) {
            let start = (
                top + header.first_level as u32,
                header.first_item as u32 + 1,
            );
            let end = (top + header.last_level as u32, header.last_item as u32 + 1);
            assert_eq!(
                cell(&values, start.0, start.1),
                Data::String(header.label.into())
            );
            if start != end {
                assert!(
                    merged.contains(&(start, end)),
                    "{kind:?}: {} at {start:?}-{end:?}",
                    header.label
                );
            }
        }
    }
}

#[test]
fn title_period_and_footer() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = write_both(dir.path(), TableKind::Monthly);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let values = book.worksheet_range("月报表").unwrap();
    let texts: Vec<String> = values
        .used_cells()
        .filter_map(|(_, _, d)| match d {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for expected in [
        "司法鉴定行业党建工作情况月报表",
        "（2021年4月）",
        "南昌市",
        "统计期间：截至2021年4月30日",
        "填报单位（盖章）：南昌市司法局",
        "填表时间：2021年5月6日",
        "填表说明：",
    ] {
        assert!(texts.iter().any(|t| t == expected), "missing {expected}");
    }
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("2、项目31、32指当月发展为预备党员的数量"))
    );
}

#[test]
fn the_audit_sheet_lists_each_institution_and_its_items() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = write_both(dir.path(), TableKind::Survey);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let audit = book.worksheet_range("明细").unwrap();
    assert_eq!(audit.height(), 11, "a header and ten institutions");
    let u1 = audit
        .rows()
        .find(|r| r[0] == Data::String("U1".into()))
        .unwrap();
    let items = u1.last().unwrap();
    // U1: an institution (1) with appraisers (2), three formal members (3) and its own
    // organisation (4), which it hosts (17) and which reports to its founder (20); its
    // four members (24), two full-time, one part-time, one staff (25–27), three held in its
    // organisation (28) and one in its founder's (30).
    assert_eq!(items, &Data::String("1-4, 17, 20, 24-28, 30".into()));
    assert_eq!(u1[6], Data::String("正式党员3名以上".into()));
}

#[test]
fn print_setup_is_a3_landscape_one_page_wide_with_repeated_header() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = write_both(dir.path(), TableKind::Survey);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let read = |zip: &mut zip::ZipArchive<std::fs::File>, name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let sheet = read(&mut zip, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("paperSize=\"8\""), "A3");
    assert!(sheet.contains("orientation=\"landscape\""));
    assert!(sheet.contains("fitToHeight=\"0\""));
    assert!(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"));
    assert!(sheet.contains("state=\"frozen\""));
    let workbook = read(&mut zip, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles"),
        "header rows repeat on each page"
    );
    let chart = read(&mut zip, "xl/charts/chart1.xml");
    assert!(
        chart.contains("<c:barDir val=\"bar\"/>")
            && chart.contains("<c:grouping val=\"stacked\"/>")
    );
    assert!(chart.contains("党组织覆盖情况"));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    for kind in [TableKind::Survey, TableKind::Monthly] {
        let (a, _) = write_both(one.path(), kind);
        let (b, _) = write_both(two.path(), kind);
        assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    }
}

#[test]
fn xlsx_is_never_printed_to_a_terminal_but_may_go_down_a_pipe() {
    let output = report()
        .args(["survey", "--format", "xlsx", "--data"])
        .arg(data("hand-worked"))
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        output.stdout.starts_with(b"PK\x03\x04"),
        "a pipe receives the workbook"
    );
}
