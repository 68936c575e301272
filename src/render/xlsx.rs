//! The printed form as an XLSX workbook, ready to print, stamp and send: the form sheet
//! laid out as the notice prints it, an audit sheet (明细) listing each institution and the
//! items it counts in, and a chart sheet (图表) of organisation coverage by founding type.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Chart, ChartType, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula,
    Workbook, Worksheet, XlsxError, utility::row_col_to_cell,
};
use unicode_width::UnicodeWidthStr;

use crate::count::{TOTAL, Table};
use crate::layout::{Band, TableKind, header_cells, header_depth};
use crate::model::{FounderType, PartyOrg, ReportUnit, Spelled};
use crate::trace::{InstitutionTrace, item_list};

use super::row_labels;

/// What the form needs beyond its cells: who fills it in, when, and the records behind it.
pub struct FormContext<'a> {
    pub unit: &'a ReportUnit,
    /// The fill date printed as 填表时间.
    pub fill_date: NaiveDate,
    /// The institutions behind the form, for the audit and chart sheets; `None` for a form
    /// added up from other forms, which has no records behind it.
    pub traces: Option<&'a [InstitutionTrace<'a>]>,
}

const FONT: &str = "宋体";
/// Width of the row-label column and of each item column, in Excel's character units.
const LABEL_WIDTH: f64 = 16.0;
const ITEM_WIDTH: f64 = 7.0;
/// Points per line of 10-point text, and the lines an item column holds per row.
const LINE_HEIGHT: f64 = 13.5;

/// Renders the workbook.
pub fn render(table: &Table, context: &FormContext) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();

    // Fixed from the period rather than the clock, so that the same records give the same
    // bytes.
    let as_of = table.as_of;
    let created =
        ExcelDateTime::from_ymd(as_of.year() as u16, as_of.month() as u8, as_of.day() as u8)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(table.kind.title())
            .set_creation_datetime(&created),
    );

    let form = workbook.add_worksheet();
    write_form(form, table, context)?;

    if let Some(traces) = context.traces {
        let audit = workbook.add_worksheet();
        write_audit(audit, traces)?;

        let chart = workbook.add_worksheet();
        write_chart(chart, traces)?;
    }

    workbook.save_to_buffer()
}

/// The cell formats of the form.
struct Formats {
    title: Format,
    line: Format,
    header: Format,
    label: Format,
    number: Format,
    footer: Format,
    note: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(10);
        let boxed = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            title: base
                .clone()
                .set_font_size(20)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            line: base
                .clone()
                .set_font_size(12)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: boxed.clone().set_text_wrap(),
            label: boxed.clone(),
            number: boxed.set_num_format("0"),
            footer: base
                .clone()
                .set_font_size(12)
                .set_align(FormatAlign::VerticalCenter),
            note: base
                .set_font_size(10)
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Left),
        }
    }
}

/// The form sheet: title, city and period lines, the merged header, units, item numbers,
/// the nine rows, the footer and the notes.
fn write_form(
    sheet: &mut Worksheet,
    table: &Table,
    context: &FormContext,
) -> Result<(), XlsxError> {
    let formats = Formats::new();
    let items = table.kind.items();
    let last_col = items.len() as u16;
    sheet.set_name(match table.kind {
        TableKind::Survey => "统计表",
        TableKind::Monthly => "月报表",
    })?;

    // Title, monthly subtitle, city line, period line.
    let mut row: u32 = 0;
    merge(
        sheet,
        row,
        0,
        row,
        last_col,
        table.kind.title(),
        &formats.title,
    )?;
    sheet.set_row_height(row, 36)?;
    row += 1;
    if let Some(month) = table.month {
        let subtitle = format!("（{}年{}月）", month.year, month.month);
        merge(sheet, row, 0, row, last_col, &subtitle, &formats.line)?;
        row += 1;
    }
    merge(
        sheet,
        row,
        0,
        row,
        last_col,
        &city_line(table.city.as_deref()),
        &formats.line,
    )?;
    row += 1;
    let period = format!("统计期间：截至{}", chinese_date(table.as_of));
    merge(sheet, row, 0, row, last_col, &period, &formats.line)?;
    row += 1;

    // The header tree, with 项目 over the row-label column.
    let header_top = row;
    let depth = header_depth(items) as u32;
    merge(
        sheet,
        header_top,
        0,
        header_top + depth - 1,
        0,
        "项目",
        &formats.header,
    )?;
    let mut lines_needed = vec![1usize; depth as usize];
    for cell in header_cells(items) {
        let (first_row, last_row) = (
            header_top + cell.first_level as u32,
            header_top + cell.last_level as u32,
        );
        let (first_col, last_col) = (cell.first_item as u16 + 1, cell.last_item as u16 + 1);
        merge(
            sheet,
            first_row,
            first_col,
            last_row,
            last_col,
            cell.label,
            &formats.header,
        )?;

        // Rust_xlsxwriter's autofit counts each Chinese character as one narrow one, so the
        // heights come from display widths instead.
        let width = ITEM_WIDTH * f64::from(last_col - first_col + 1);
        let lines = (cell.label.width() as f64 / (width - 1.0)).ceil().max(1.0) as usize;
        let rows = cell.last_level - cell.first_level + 1;
        let per_row = lines.div_ceil(rows);
        for needed in &mut lines_needed[cell.first_level..=cell.last_level] {
            *needed = (*needed).max(per_row);
        }
    }
    for (level, lines) in lines_needed.iter().enumerate() {
        sheet.set_row_height(header_top + level as u32, LINE_HEIGHT * *lines as f64 + 4.0)?;
    }
    row = header_top + depth;

    // Units and item numbers.
    sheet.write_string_with_format(row, 0, "项目单位", &formats.label)?;
    sheet.write_string_with_format(row + 1, 0, "项目序号", &formats.label)?;
    for (i, item) in items.iter().enumerate() {
        let col = i as u16 + 1;
        sheet.write_string_with_format(row, col, item.unit.label(), &formats.label)?;
        sheet.write_number_with_format(row + 1, col, item.number as f64, &formats.label)?;
    }
    row += 2;
    let header_bottom = row - 1;

    // The nine rows: numbers for the types, SUM formulas (values cached) for the total.
    let first_data = row;
    for (r, (label, cells)) in row_labels().zip(&table.rows).enumerate() {
        let excel_row = first_data + r as u32;
        sheet.write_string_with_format(excel_row, 0, label, &formats.label)?;
        sheet.set_row_height(excel_row, 20)?;
        for (i, cell) in cells.iter().enumerate() {
            let col = i as u16 + 1;
            let summed = r == TOTAL && !items[i].total_only();
            match (cell, summed) {
                (Some(value), true) => {
                    let range = format!(
                        "=SUM({}:{})",
                        row_col_to_cell(first_data, col),
                        row_col_to_cell(first_data + TOTAL as u32 - 1, col)
                    );
                    let formula = Formula::new(range).set_result(value.to_string());
                    sheet.write_formula_with_format(excel_row, col, formula, &formats.number)?;
                }
                (Some(value), false) => {
                    sheet.write_number_with_format(
                        excel_row,
                        col,
                        *value as f64,
                        &formats.number,
                    )?;
                }
                (None, _) => {
                    sheet.write_blank(excel_row, col, &formats.number)?;
                }
            }
        }
    }
    row = first_data + table.rows.len() as u32 + 1;

    // Footer: who fills it in, then the notes.
    let unit = context.unit;
    let quarter = (last_col + 1) / 4;
    let footer = [
        format!("填报单位（盖章）：{}", unit.name.as_deref().unwrap_or("")),
        format!("负责人：{}", unit.head.as_deref().unwrap_or("")),
        format!("填表人：{}", unit.filler.as_deref().unwrap_or("")),
        format!("填表时间：{}", chinese_date(context.fill_date)),
    ];
    for (i, text) in footer.iter().enumerate() {
        let first = i as u16 * quarter;
        let last = if i == 3 {
            last_col
        } else {
            first + quarter - 1
        };
        merge(sheet, row, first, row, last, text, &formats.footer)?;
    }
    sheet.set_row_height(row, 24)?;
    row += 2;
    sheet.write_string_with_format(row, 0, "填表说明：", &formats.footer)?;
    row += 1;
    for note in notes(table.kind) {
        merge(sheet, row, 0, row, last_col, note, &formats.note)?;
        sheet.set_row_height(row, 18)?;
        row += 1;
    }

    // Column widths, print setup, frozen header.
    sheet.set_column_width(0, LABEL_WIDTH)?;
    sheet.set_column_range_width(1, last_col, ITEM_WIDTH)?;
    sheet.set_paper_size(8); // A3
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_repeat_rows(header_top, header_bottom)?;
    sheet.set_freeze_panes(header_bottom + 1, 1)?;
    Ok(())
}

/// Writes a label over a range, or into one cell when the range is a single cell.
fn merge(
    sheet: &mut Worksheet,
    first_row: u32,
    first_col: u16,
    last_row: u32,
    last_col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if first_row == last_row && first_col == last_col {
        sheet.write_string_with_format(first_row, first_col, text, format)?;
    } else {
        sheet.merge_range(first_row, first_col, last_row, last_col, text, format)?;
    }
    Ok(())
}

/// The form's city line: the city's name where the blank before 市 stands.
fn city_line(city: Option<&str>) -> String {
    match city {
        Some(city) if city.ends_with('市') => city.to_string(),
        Some(city) => format!("{city}市"),
        None => "＿＿＿＿＿市".to_string(),
    }
}

fn chinese_date(day: NaiveDate) -> String {
    format!("{}年{}月{}日", day.year(), day.month(), day.day())
}

/// The notes printed under each form, in this form's numbering.
fn notes(kind: TableKind) -> &'static [&'static str] {
    match kind {
        TableKind::Survey => &[
            "1、项目4中“机构单独成立党组织的”指以鉴定机构为组织基础单独成立的司法鉴定机构基层党组织。",
            "2、机构未成立、设立单位成立党组织的，视为党组织已覆盖，党组织数量计“1”，项目18专指此类党组织。",
            "3、项目21指成立的司法鉴定行业专门的党组织，如“中共江西省九江市司法鉴定行业委员会党支部”。",
            "4、总数栏自动生成，不用填写。其中项目1、项目2请注意与相关的统计数据核对，确保摸底数据准确。",
        ],
        TableKind::Monthly => &[
            "1、项目19至30针对司法行政机关自身工作情况，属于哪种情况，在相应项目下填数字“1”。",
            "2、项目31、32指当月发展为预备党员的数量，其他项目均指截至当月最后一日的数据。",
        ],
    }
}

/// The audit sheet: one row per institution with the facts that place it and the items it
/// counts in, so a cell can be checked with a filter.
fn write_audit(sheet: &mut Worksheet, traces: &[InstitutionTrace]) -> Result<(), XlsxError> {
    sheet.set_name("明细")?;
    let head = Format::new()
        .set_font_name(FONT)
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let body = Format::new()
        .set_font_name(FONT)
        .set_border(FormatBorder::Thin);

    let headers = [
        "机构编号",
        "机构名称",
        "设区市",
        "设立单位类型（行）",
        "正式党员数",
        "党员数",
        "分组",
        "党组织设置",
        "党组织编号",
        "党组织隶属",
        "明确党建负责人",
        "明确党建联络员",
        "完成制度修改",
        "完成章程修改",
        "建立发挥作用机制",
        "双向进入交叉任职",
        "明确政治把关作用",
        "党员先锋岗或党建示范点",
        "计入项目",
    ];
    for (col, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *text, &head)?;
    }

    for (r, trace) in traces.iter().enumerate() {
        let row = r as u32 + 1;
        let inst = trace.institution;
        let yes_no = |b: bool| if b { "是" } else { "否" };
        let texts = [
            inst.id.clone(),
            inst.name.clone(),
            inst.city.clone().unwrap_or_default(),
            inst.founder_type.row_label().to_string(),
        ];
        for (col, text) in texts.iter().enumerate() {
            sheet.write_string_with_format(row, col as u16, text, &body)?;
        }
        sheet.write_number_with_format(row, 4, trace.tally.formal as f64, &body)?;
        sheet.write_number_with_format(row, 5, trace.tally.members as f64, &body)?;
        let flags = [
            inst.party_lead,
            inst.liaison,
            inst.rules_revised,
            inst.charter_revised,
            inst.role_mechanism,
            inst.dual_entry,
            inst.political_review,
            inst.pioneer,
        ];
        let texts = [
            band_label(trace.band).to_string(),
            party_org_label(inst.party_org).to_string(),
            trace.organisation.unwrap_or("").to_string(),
            inst.org_affiliation.map_or("", |a| a.chinese()).to_string(),
        ]
        .into_iter()
        .chain(flags.iter().map(|&f| yes_no(f).to_string()))
        .chain([item_list(&trace.items)]);
        for (i, text) in texts.enumerate() {
            sheet.write_string_with_format(row, 6 + i as u16, &text, &body)?;
        }
    }

    let last_row = traces.len() as u32;
    sheet.autofilter(0, 0, last_row, headers.len() as u16 - 1)?;
    sheet.set_freeze_panes(1, 2)?;
    sheet.set_paper_size(8);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    for (col, text) in headers.iter().enumerate() {
        let widest = traces
            .iter()
            .map(|t| match col {
                1 => t.institution.name.width(),
                18 => item_list(&t.items).width(),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
            .max(text.width());
        sheet.set_column_width(col as u16, (widest as f64 + 2.0).min(60.0))?;
    }
    Ok(())
}

fn band_label(band: Band) -> &'static str {
    match band {
        Band::ThreePlus => "正式党员3名以上",
        Band::UnderThree => "正式党员不足3名",
        Band::NoMembers => "无党员",
    }
}

fn party_org_label(org: PartyOrg) -> &'static str {
    match org {
        PartyOrg::Own => "单独成立",
        PartyOrg::Founder => "设立单位成立",
        PartyOrg::Joint => "联合",
        PartyOrg::None => "无",
    }
}

/// The chart sheet: institutions by founding type and how their party work is organised,
/// as stacked bars, with the numbers beside the chart.
fn write_chart(sheet: &mut Worksheet, traces: &[InstitutionTrace]) -> Result<(), XlsxError> {
    const NAME: &str = "图表";
    sheet.set_name(NAME)?;
    let head = Format::new()
        .set_font_name(FONT)
        .set_bold()
        .set_border(FormatBorder::Thin);
    let body = Format::new()
        .set_font_name(FONT)
        .set_border(FormatBorder::Thin);

    let kinds = [
        (PartyOrg::Own, "单独成立党组织"),
        (PartyOrg::Founder, "设立单位党组织覆盖"),
        (PartyOrg::Joint, "联合党组织"),
        (PartyOrg::None, "未覆盖"),
    ];
    sheet.write_string_with_format(0, 0, "设立单位类型", &head)?;
    for (col, (_, label)) in kinds.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16 + 1, *label, &head)?;
    }
    for (r, founder) in FounderType::ALL.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string_with_format(row, 0, founder.row_label(), &body)?;
        for (col, (org, _)) in kinds.iter().enumerate() {
            let count = traces
                .iter()
                .filter(|t| {
                    t.institution.founder_type == *founder && t.institution.party_org == *org
                })
                .count();
            sheet.write_number_with_format(row, col as u16 + 1, count as f64, &body)?;
        }
    }
    sheet.set_column_width(0, 16)?;
    sheet.set_column_range_width(1, kinds.len() as u16, 18)?;

    let mut chart = Chart::new(ChartType::BarStacked);
    for col in 1..=kinds.len() as u16 {
        chart
            .add_series()
            .set_name((NAME, 0, col))
            .set_categories((NAME, 1, 0, FounderType::ALL.len() as u32, 0))
            .set_values((NAME, 1, col, FounderType::ALL.len() as u32, col));
    }
    chart
        .title()
        .set_name("各类设立单位司法鉴定机构党组织覆盖情况");
    chart.x_axis().set_name("机构数（家）");
    chart.y_axis().set_reverse();
    chart.set_width(760).set_height(420);
    sheet.insert_chart(FounderType::ALL.len() as u32 + 3, 0, &chart)?;
    Ok(())
}
