//! Computing every cell of a form from classified records: a pure function of the records,
//! the selected city and the period.

use chrono::NaiveDate;

use crate::classify::{Organisation, Tally, relation_index, role_index, tally_members};
use crate::layout::{Coverage, Flag, InstitutionFilter, MemberFilter, Rule, TableKind};
use crate::model::{FounderType, Institution, PartyOrg, Records};
use crate::period::Month;

/// The number of rows on each form: the eight founding types, then 总数.
pub const ROWS: usize = FounderType::ALL.len() + 1;

/// Index of the total row.
pub const TOTAL: usize = ROWS - 1;

/// One filled-in form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub kind: TableKind,
    /// The city on the form's city line, if any.
    pub city: Option<String>,
    /// The day the figures stand at: `--as-of`, or the last day of the report month.
    pub as_of: NaiveDate,
    /// The report month (monthly table only).
    pub month: Option<Month>,
    /// The nine rows in the form's order; in each, one cell per item, `None` for a blank.
    pub rows: Vec<Vec<Option<u64>>>,
}

/// Records with their organisations resolved: everything a table is computed from.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub records: Records,
    pub organisations: Vec<Organisation>,
    /// The folder the records came from, to read members again when a cell is traced.
    pub dir: std::path::PathBuf,
}

/// Which records a table covers and for what period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// Only the institutions of this city (and their members), if given.
    pub city: Option<String>,
    pub as_of: NaiveDate,
    pub month: Option<Month>,
}

impl Dataset {
    /// Whether an institution is in the scope's city.
    pub fn selected(&self, scope: &Scope, inst: &Institution) -> bool {
        match &scope.city {
            Some(city) => inst.city.as_deref() == Some(city.as_str()),
            None => true,
        }
    }

    /// Whether `report.toml`'s own facts (work statuses, associations) belong in this
    /// table: they describe `unit.city`, so another city's table leaves them blank.
    pub fn unit_applies(&self, scope: &Scope) -> bool {
        match &scope.city {
            Some(city) => self.records.unit.city.as_deref() == Some(city.as_str()),
            None => true,
        }
    }

    /// The cities that institutions name, sorted, for messages.
    pub fn cities(&self) -> Vec<&str> {
        let mut cities: Vec<&str> = self
            .records
            .institutions
            .iter()
            .filter_map(|i| i.city.as_deref())
            .collect();
        cities.sort_unstable();
        cities.dedup();
        cities
    }
}

/// Computes every cell of a form.
pub fn compute(kind: TableKind, data: &Dataset, scope: &Scope) -> Table {
    let items = kind.items();
    let institutions = &data.records.institutions;
    let tallies = tally_members(&data.records.members, scope.month);
    let selected: Vec<bool> = institutions
        .iter()
        .map(|inst| data.selected(scope, inst))
        .collect();

    let mut rows = vec![vec![Some(0); items.len()]; ROWS];
    for (column, item) in items.iter().enumerate() {
        match item.rule {
            Rule::Organisations(affiliation) => {
                for org in &data.organisations {
                    if selected[org.host] && affiliation.is_none_or(|a| a == org.affiliation) {
                        let row = institutions[org.host].founder_type.row();
                        add(&mut rows[row][column], 1);
                    }
                }
            }
            Rule::Associations | Rule::Work(..) => {
                for row in &mut rows[..TOTAL] {
                    row[column] = None;
                }
            }
            rule => {
                for (i, inst) in institutions.iter().enumerate() {
                    if selected[i] {
                        let n = contribution(rule, inst, &tallies[i]);
                        add(&mut rows[inst.founder_type.row()][column], n);
                    }
                }
            }
        }
    }

    for (column, item) in items.iter().enumerate() {
        rows[TOTAL][column] = if item.total_only() {
            total_only_cell(item.rule, data, scope)
        } else {
            Some(rows[..TOTAL].iter().filter_map(|row| row[column]).sum())
        };
    }

    Table {
        kind,
        city: scope
            .city
            .clone()
            .or_else(|| data.records.unit.city.clone()),
        as_of: scope.as_of,
        month: scope.month,
        rows,
    }
}

fn add(cell: &mut Option<u64>, n: u64) {
    *cell = Some(cell.unwrap_or(0) + n);
}

/// What one institution adds to a cell of its row, for the rules that count institutions
/// or their members.
pub fn contribution(rule: Rule, inst: &Institution, tally: &Tally) -> u64 {
    match rule {
        Rule::Institutions(filter) => u64::from(passes(&filter, inst, tally)),
        Rule::Appraisers => inst.appraisers,
        Rule::Members(MemberFilter::All) => tally.members,
        Rule::Members(MemberFilter::Role(role)) => tally.by_role[role_index(role)],
        Rule::Members(MemberFilter::Relation(relation)) => {
            tally.by_relation[relation_index(relation)]
        }
        Rule::Admitted { had_members_before } => {
            if tally.had_members_before == had_members_before {
                tally.admitted
            } else {
                0
            }
        }
        Rule::Organisations(_) | Rule::Associations | Rule::Work(..) => 0,
    }
}

/// Whether an institution is one that an institution item counts.
pub fn passes(filter: &InstitutionFilter, inst: &Institution, tally: &Tally) -> bool {
    let band_ok = filter.band.is_none_or(|band| band == tally.band());
    let coverage_ok = filter.coverage.is_none_or(|coverage| match coverage {
        Coverage::Own => inst.party_org == PartyOrg::Own,
        Coverage::Founder => inst.party_org == PartyOrg::Founder,
        Coverage::JointOrNone => matches!(inst.party_org, PartyOrg::Joint | PartyOrg::None),
    });
    band_ok && coverage_ok && filter.flags.iter().all(|&flag| has_flag(inst, flag))
}

pub fn has_flag(inst: &Institution, flag: Flag) -> bool {
    match flag {
        Flag::PartyLead => inst.party_lead,
        Flag::Liaison => inst.liaison,
        Flag::RulesRevised => inst.rules_revised,
        Flag::CharterRevised => inst.charter_revised,
        Flag::RoleMechanism => inst.role_mechanism,
        Flag::DualEntry => inst.dual_entry,
        Flag::PoliticalReview => inst.political_review,
        Flag::Pioneer => inst.pioneer,
    }
}

/// The total-row cells that come from `report.toml` rather than from institutions.
fn total_only_cell(rule: Rule, data: &Dataset, scope: &Scope) -> Option<u64> {
    if !data.unit_applies(scope) {
        return None;
    }
    let unit = &data.records.unit;
    match rule {
        Rule::Associations => Some(
            unit.associations
                .iter()
                .filter(|a| a.charter_revised)
                .count() as u64,
        ),
        Rule::Work(strand, status) => (unit.work.status(strand) == Some(status)).then_some(1),
        _ => unreachable!("only association and work items are total-only"),
    }
}

/// The invariants of each form, checked on a computed table: a failed one names the row
/// and the items involved. `one_unit` adds the rule that a single reporting unit's total
/// row holds at most one status of each pair; tables added up from several cities hold
/// counts there instead.
pub fn check_invariants(table: &Table, one_unit: bool) -> Result<(), String> {
    let get = |row: usize, item: usize| table.rows[row][item - 1].unwrap_or(0);
    let mut failures = Vec::new();
    let sum = |row: usize, items: &[usize]| items.iter().map(|&i| get(row, i)).sum::<u64>();
    for row in 0..ROWS {
        let mut equal = |left: usize, right: &[usize]| {
            if get(row, left) != sum(row, right) {
                failures.push(format!("row {row}: item {left} ≠ sum of {right:?}"));
            }
        };
        match table.kind {
            TableKind::Survey => {
                equal(1, &[3, 9, 15]);
                equal(3, &[4, 5, 7]);
                equal(9, &[10, 11, 13]);
                equal(17, &[19, 20, 21, 22, 23]);
                equal(24, &[25, 26, 27]);
                equal(24, &[28, 29, 30, 31, 32]);
            }
            TableKind::Monthly => {
                equal(1, &[2, 8, 14]);
                equal(2, &[3, 4, 6]);
                equal(8, &[9, 10, 12]);
            }
        }
        let pairs: &[(usize, usize)] = match table.kind {
            TableKind::Survey => &[(6, 5), (8, 7), (12, 11), (14, 13), (16, 15), (18, 17)],
            TableKind::Monthly => &[(5, 4), (7, 6), (11, 10), (13, 12), (15, 14), (17, 16)],
        };
        for &(small, large) in pairs {
            if get(row, small) > get(row, large) {
                failures.push(format!("row {row}: item {small} > item {large}"));
            }
        }
        if table.kind == TableKind::Survey && get(row, 5) + get(row, 11) > get(row, 18) {
            failures.push(format!("row {row}: items 5 + 11 > item 18"));
        }
    }
    if one_unit && table.kind == TableKind::Monthly {
        for first in (19..=29).step_by(2) {
            let filled = [first, first + 1]
                .iter()
                .filter(|&&i| table.rows[TOTAL][i - 1].is_some())
                .count();
            if filled > 1 {
                failures.push(format!(
                    "total row: items {first} and {} both filled",
                    first + 1
                ));
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}
