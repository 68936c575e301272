//! Which items each institution counts in: the link from a cell back to the records, used
//! by the audit sheet of the printed form.

use crate::classify::{Tally, tally_members};
use crate::count::{Dataset, Scope, contribution};
use crate::layout::{Band, Rule, TableKind};
use crate::model::Institution;

/// One institution in a table's scope, with what the table makes of it.
#[derive(Debug, Clone)]
pub struct InstitutionTrace<'a> {
    pub institution: &'a Institution,
    pub tally: Tally,
    pub band: Band,
    /// The id of the organisation that covers it, if any (its own id for own and founder
    /// ones, the shared id for joint ones).
    pub organisation: Option<&'a str>,
    /// The numbers of the items whose cell in its row it adds to.
    pub items: Vec<usize>,
}

/// Every institution in the scope, in id order, with the items it counts in.
pub fn trace<'a>(kind: TableKind, data: &'a Dataset, scope: &Scope) -> Vec<InstitutionTrace<'a>> {
    let institutions = &data.records.institutions;
    let tallies = tally_members(&data.records.members, scope.month);

    let mut covering: Vec<Option<&str>> = vec![None; institutions.len()];
    let mut hosted: Vec<Option<usize>> = vec![None; institutions.len()];
    for (index, org) in data.organisations.iter().enumerate() {
        hosted[org.host] = Some(index);
        for &i in &org.institutions {
            covering[i] = Some(org.id.as_str());
        }
    }

    let mut traces: Vec<InstitutionTrace> = institutions
        .iter()
        .enumerate()
        .filter(|(_, inst)| data.selected(scope, inst))
        .map(|(i, inst)| {
            let tally = tallies[i];
            let items = kind
                .items()
                .iter()
                .filter(|item| match item.rule {
                    Rule::Organisations(affiliation) => hosted[i].is_some_and(|o| {
                        affiliation.is_none_or(|a| a == data.organisations[o].affiliation)
                    }),
                    Rule::Associations | Rule::Work(..) => false,
                    rule => contribution(rule, inst, &tally) > 0,
                })
                .map(|item| item.number)
                .collect();
            InstitutionTrace {
                institution: inst,
                tally,
                band: tally.band(),
                organisation: covering[i],
                items,
            }
        })
        .collect();
    traces.sort_by(|a, b| a.institution.id.cmp(&b.institution.id));
    traces
}

/// Item numbers as a short list with ranges: `1, 3-5, 17`.
pub fn item_list(items: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let start = items[i];
        let mut end = start;
        while i + 1 < items.len() && items[i + 1] == end + 1 {
            i += 1;
            end = items[i];
        }
        parts.push(if end > start + 1 {
            format!("{start}-{end}")
        } else if end == start + 1 {
            format!("{start}, {end}")
        } else {
            start.to_string()
        });
        i += 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_lists_fold_runs() {
        assert_eq!(item_list(&[1, 2, 3, 5, 7, 8, 17]), "1-3, 5, 7, 8, 17");
        assert_eq!(item_list(&[]), "");
    }
}
