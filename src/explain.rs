//! Tracing one cell of a form back to the records behind it: the institutions, members or
//! organisations an item counts, with the facts that put each one there.

use std::fmt::Write as _;

use comfy_table::{Table as Grid, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;

use crate::classify::{Tally, tally_members};
use crate::count::{Dataset, Scope, has_flag, passes};
use crate::layout::{Flag, Item, MemberFilter, Rule, TableKind};
use crate::model::{FounderType, Institution, Member, MemberStatus, Spelled};

/// The records behind one cell, as a small table, and what they add up to.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub table: &'static str,
    pub item: usize,
    pub path: String,
    /// The row asked for (its label), or 总数 for all rows.
    pub row: &'static str,
    pub headers: Vec<&'static str>,
    pub records: Vec<Vec<String>>,
    /// The cell's value: the number of records listed, or their sum for item 2 of the
    /// survey; `None` where the cell is blank.
    pub count: Option<u64>,
    /// Where the records come from, for cells that the institutions do not make.
    pub note: Option<String>,
}

/// Explains item `number` of a form, for one row or (with `row` None) the total.
pub fn explain(
    kind: TableKind,
    number: usize,
    row: Option<FounderType>,
    data: &Dataset,
    scope: &Scope,
) -> Result<Explanation, String> {
    let item = kind
        .items()
        .iter()
        .find(|item| item.number == number)
        .ok_or_else(|| {
            format!(
                "the {} table has items 1 to {}",
                kind.key(),
                kind.items().len()
            )
        })?;

    let institutions = &data.records.institutions;
    let tallies = tally_members(&data.records.members, scope.month);
    let in_row = |inst: &Institution| {
        data.selected(scope, inst) && row.is_none_or(|r| r == inst.founder_type)
    };

    let mut explanation = Explanation {
        table: kind.key(),
        item: item.number,
        path: item.joined_path(),
        row: row.map_or(crate::layout::TOTAL_LABEL, |r| r.row_label()),
        headers: Vec::new(),
        records: Vec::new(),
        count: Some(0),
        note: None,
    };

    match item.rule {
        Rule::Institutions(filter) => {
            explanation.headers = institution_headers(filter.flags);
            for (inst, tally) in institutions.iter().zip(&tallies) {
                if in_row(inst) && passes(&filter, inst, tally) {
                    explanation
                        .records
                        .push(institution_line(inst, tally, filter.flags));
                }
            }
            explanation.count = Some(explanation.records.len() as u64);
        }
        Rule::Appraisers => {
            explanation.headers = vec!["机构编号", "机构名称", "行", "鉴定人数"];
            let mut sum = 0;
            for inst in institutions.iter().filter(|inst| in_row(inst)) {
                sum += inst.appraisers;
                explanation.records.push(vec![
                    inst.id.clone(),
                    inst.name.clone(),
                    inst.founder_type.row_label().to_string(),
                    inst.appraisers.to_string(),
                ]);
            }
            explanation.count = Some(sum);
        }
        Rule::Organisations(affiliation) => {
            explanation.headers = vec!["党组织编号", "类型", "行", "所在机构", "覆盖机构", "隶属"];
            for org in &data.organisations {
                let host = &institutions[org.host];
                if in_row(host) && affiliation.is_none_or(|a| a == org.affiliation) {
                    let covered: Vec<&str> = org
                        .institutions
                        .iter()
                        .map(|&i| institutions[i].id.as_str())
                        .collect();
                    explanation.records.push(vec![
                        org.id.clone(),
                        org.kind.chinese().to_string(),
                        host.founder_type.row_label().to_string(),
                        host.id.clone(),
                        covered.join(" "),
                        org.affiliation.chinese().to_string(),
                    ]);
                }
            }
            explanation.count = Some(explanation.records.len() as u64);
        }
        Rule::Members(filter) => {
            explanation.headers = vec![
                "党员编号",
                "姓名",
                "机构编号",
                "行",
                "党员类别",
                "人员类别",
                "组织关系所在",
            ];
            for (member, inst) in members_in(data, &in_row) {
                let counted = match filter {
                    MemberFilter::All => true,
                    MemberFilter::Role(role) => member.role == role,
                    MemberFilter::Relation(relation) => member.org_relation == relation,
                };
                if counted {
                    explanation.records.push(member_line(&member, inst));
                }
            }
            explanation.count = Some(explanation.records.len() as u64);
        }
        Rule::Admitted { had_members_before } => {
            explanation.headers = vec![
                "党员编号",
                "姓名",
                "机构编号",
                "行",
                "入党日期",
                "机构此前有党员",
            ];
            let month = scope
                .month
                .ok_or("admissions are counted for a month: give --month")?;
            let by_id: std::collections::HashMap<&str, &Tally> = institutions
                .iter()
                .zip(&tallies)
                .map(|(inst, tally)| (inst.id.as_str(), tally))
                .collect();
            for (member, inst) in members_in(data, &in_row) {
                let tally = by_id[inst.id.as_str()];
                let admitted = member.joined_on.is_some_and(|d| month.contains(d));
                if admitted && tally.had_members_before == had_members_before {
                    explanation.records.push(vec![
                        member.id.to_string(),
                        member.name.as_deref().unwrap_or_default().to_string(),
                        inst.id.clone(),
                        inst.founder_type.row_label().to_string(),
                        member.joined_on.map(|d| d.to_string()).unwrap_or_default(),
                        yes_no(tally.had_members_before).to_string(),
                    ]);
                }
            }
            explanation.count = Some(explanation.records.len() as u64);
        }
        Rule::Associations | Rule::Work(..) => {
            explain_unit_item(item, row, data, scope, &mut explanation)
        }
    }
    // Records come in file order (TOML before CSV); list them by id.
    explanation.records.sort();
    Ok(explanation)
}

/// Items 18–30 of the monthly table come from `report.toml`, not from institutions.
fn explain_unit_item(
    item: &Item,
    row: Option<FounderType>,
    data: &Dataset,
    scope: &Scope,
    explanation: &mut Explanation,
) {
    let unit = &data.records.unit;
    if row.is_some() {
        explanation.count = None;
        explanation.note = Some("this item exists only in the total row".to_string());
        return;
    }
    if !data.unit_applies(scope) {
        explanation.count = None;
        explanation.note = Some(format!(
            "blank: report.toml speaks for {}, not for this city",
            unit.city.as_deref().unwrap_or("no city")
        ));
        return;
    }
    match item.rule {
        Rule::Associations => {
            explanation.headers = vec!["协会", "完成章程修改"];
            for association in &unit.associations {
                if association.charter_revised {
                    explanation
                        .records
                        .push(vec![association.name.clone(), yes_no(true).to_string()]);
                }
            }
            explanation.count = Some(explanation.records.len() as u64);
            explanation.note = Some("from the [[association]] tables of report.toml".to_string());
        }
        Rule::Work(strand, status) => {
            let given = unit.work.status(strand);
            explanation.count = (given == Some(status)).then_some(1);
            explanation.note = Some(match given {
                Some(given) => format!(
                    "report.toml [work] gives {} ({})",
                    given.key(),
                    given.chinese()
                ),
                None => "report.toml [work] gives no status for this strand".to_string(),
            });
        }
        _ => {}
    }
}

/// The members of the institutions a row selects, with their institution, read again from
/// the folder (members are not kept in memory).
fn members_in<'a>(
    data: &'a Dataset,
    in_row: &dyn Fn(&Institution) -> bool,
) -> Vec<(Member<'static>, &'a Institution)> {
    let by_id: std::collections::HashMap<&str, &Institution> = data
        .records
        .institutions
        .iter()
        .map(|inst| (inst.id.as_str(), inst))
        .collect();
    let mut found = Vec::new();
    crate::read::for_each_member(&data.dir, &mut |member| {
        if let Some(inst) = by_id.get(member.institution.as_ref())
            && in_row(inst)
        {
            found.push((member, *inst));
        }
    });
    found
}

fn institution_headers(flags: &[Flag]) -> Vec<&'static str> {
    let mut headers = vec![
        "机构编号",
        "机构名称",
        "行",
        "正式党员",
        "党员",
        "党组织设置",
    ];
    headers.extend(flags.iter().map(|&flag| flag_label(flag)));
    headers
}

fn institution_line(inst: &Institution, tally: &Tally, flags: &[Flag]) -> Vec<String> {
    let mut line = vec![
        inst.id.clone(),
        inst.name.clone(),
        inst.founder_type.row_label().to_string(),
        tally.formal.to_string(),
        tally.members.to_string(),
        inst.party_org.chinese().to_string(),
    ];
    line.extend(
        flags
            .iter()
            .map(|&flag| yes_no(has_flag(inst, flag)).to_string()),
    );
    line
}

fn member_line(member: &Member<'_>, inst: &Institution) -> Vec<String> {
    vec![
        member.id.to_string(),
        member.name.as_deref().unwrap_or_default().to_string(),
        inst.id.clone(),
        inst.founder_type.row_label().to_string(),
        match member.status {
            MemberStatus::Formal => "正式党员",
            MemberStatus::Probationary => "预备党员",
        }
        .to_string(),
        member.role.chinese().to_string(),
        member.org_relation.chinese().to_string(),
    ]
}

fn flag_label(flag: Flag) -> &'static str {
    match flag {
        Flag::PartyLead => "明确党建负责人",
        Flag::Liaison => "明确党建联络员",
        Flag::RulesRevised => "完成制度修改",
        Flag::CharterRevised => "完成章程修改",
        Flag::RoleMechanism => "建立发挥作用机制",
        Flag::DualEntry => "双向进入交叉任职",
        Flag::PoliticalReview => "明确政治把关作用",
        Flag::Pioneer => "党员先锋岗或党建示范点",
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "是" } else { "否" }
}

impl Explanation {
    /// The records as a terminal table, then the count.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} item {}: {}", self.table, self.item, self.path);
        let _ = writeln!(out, "row: {}", self.row);
        if !self.headers.is_empty() {
            let mut grid = Grid::new();
            grid.load_style(UTF8_FULL_CONDENSED);
            grid.set_header(self.headers.clone());
            for record in &self.records {
                grid.add_row(record.clone());
            }
            let _ = writeln!(out, "{grid}");
        }
        if let Some(note) = &self.note {
            let _ = writeln!(out, "{note}");
        }
        let _ = writeln!(
            out,
            "count: {}",
            self.count.map_or("blank".to_string(), |n| n.to_string())
        );
        out
    }

    /// The records as CSV, one line per record, for scripts; the count is not repeated.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        if !self.headers.is_empty() {
            writer
                .write_record(&self.headers)
                .expect("writing to memory cannot fail");
        }
        for record in &self.records {
            writer
                .write_record(record)
                .expect("writing to memory cannot fail");
        }
        writer.into_inner().expect("writing to memory cannot fail")
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("an explanation always serialises");
        out.push(b'\n');
        out
    }
}
