//! Warnings: records that are valid but that the trade's rules say need work. They never
//! stop a table; they are the list a clerk chases each month.

use chrono::{Months, NaiveDate};

use crate::classify::{Tally, role_index, tally_members};
use crate::count::{Dataset, Scope};
use crate::model::{Institution, Member, MemberStatus, OrgRelation, PartyOrg, Role, Spelled};
use crate::problem::Problem;

/// Every warning for the institutions (and their members) in the scope, as of the scope's
/// day. `registry` also compares survey items 1 and 2 with the register's totals.
pub fn warnings(data: &Dataset, scope: &Scope, registry: bool) -> Vec<Problem> {
    let institutions = &data.records.institutions;
    let tallies = tally_members(&data.records.members, None);

    let mut found = data.records.file_warnings.clone();
    for (inst, tally) in institutions.iter().zip(&tallies) {
        if data.selected(scope, inst) {
            institution_warnings(inst, tally, &mut found);
        }
    }

    // Member warnings were found while the members were read, judged on the same day.
    for (index, warning) in &data.records.member_warnings {
        if data.selected(scope, &institutions[*index]) {
            found.push(warning.clone());
        }
    }

    if registry && data.unit_applies(scope) {
        registry_warnings(data, scope, &mut found);
    }
    found
}

fn at(inst: &Institution, message: String, help: &str) -> Problem {
    Problem::warning(&inst.origin.file, Some(inst.origin.line), message).with_help(help)
}

fn institution_warnings(inst: &Institution, tally: &Tally, found: &mut Vec<Problem>) {
    let id = &inst.id;
    match inst.party_org {
        PartyOrg::None | PartyOrg::Joint if tally.formal >= 3 => found.push(at(
            inst,
            format!(
                "应建尽建: \"{id}\" has {} formal members but no organisation of its own ({})",
                tally.formal,
                inst.party_org.chinese()
            ),
            "an institution with three or more formal members should set up its own party organisation",
        )),
        PartyOrg::Own if tally.formal < 3 => found.push(at(
            inst,
            format!(
                "\"{id}\" has its own organisation (单独成立) but only {} formal member{}",
                tally.formal,
                if tally.formal == 1 { "" } else { "s" }
            ),
            "a primary organisation needs three formal members; check the member records or party_org",
        )),
        _ => {}
    }
    if inst.party_org == PartyOrg::Founder && !inst.party_lead {
        found.push(at(
            inst,
            format!("\"{id}\" is covered by its founder's organisation but names no party-building lead (党建负责人)"),
            "name a lead and set party_lead to yes",
        ));
    }
    if inst.party_org == PartyOrg::None && !inst.liaison {
        found.push(at(
            inst,
            format!(
                "\"{id}\" has no party organisation and no party-building liaison (党建联络员)"
            ),
            "name a liaison and set liaison to yes",
        ));
    }
    if inst.party_org == PartyOrg::None && inst.org_affiliation.is_some() {
        found.push(at(
            inst,
            format!(
                "\"{id}\" gives 党组织隶属 (org_affiliation) but has no organisation; it is ignored"
            ),
            "remove org_affiliation, or set party_org",
        ));
    }
    let appraiser_members =
        tally.by_role[role_index(Role::FullTime)] + tally.by_role[role_index(Role::PartTime)];
    if appraiser_members > inst.appraisers {
        found.push(at(
            inst,
            format!(
                "\"{id}\" has {appraiser_members} party-member appraisers (专职 and 兼职) but only {} appraisers (鉴定人数)",
                inst.appraisers
            ),
            "check appraisers and the members' roles",
        ));
    }
}

/// The warnings about one member, as of the reporting date.
pub fn member_warnings(member: &Member<'_>, inst: &Institution, as_of: NaiveDate) -> Vec<Problem> {
    let mut found = Vec::new();
    let at = |message: String, help: &str| {
        Problem::warning(&member.origin.file, Some(member.origin.line), message).with_help(help)
    };
    let id = &member.id;
    if member.org_relation == OrgRelation::Institution
        && matches!(inst.party_org, PartyOrg::None | PartyOrg::Founder)
    {
        found.push(at(
            format!(
                "member \"{id}\" holds membership in the institution's organisation, but \"{}\" has none of its own ({})",
                inst.id,
                inst.party_org.chinese()
            ),
            "check org_relation, or the institution's party_org",
        ));
    }
    let Some(joined) = member.joined_on else {
        return found;
    };
    if joined > as_of {
        found.push(at(
            format!("member \"{id}\" joined on {joined}, after the reporting date {as_of}"),
            "check 入党日期 (joined_on)",
        ));
    } else if member.status == MemberStatus::Formal
        && as_of
            .checked_sub_months(Months::new(12))
            .is_some_and(|year_ago| joined > year_ago)
    {
        found.push(at(
            format!(
                "member \"{id}\" is formal (正式党员) but joined on {joined}, less than a year before {as_of}"
            ),
            "the probationary period is one year: check status or joined_on",
        ));
    }
    found
}

fn registry_warnings(data: &Dataset, scope: &Scope, found: &mut Vec<Problem>) {
    let Some(registry) = data.records.unit.registry else {
        return;
    };
    let selected: Vec<&Institution> = data
        .records
        .institutions
        .iter()
        .filter(|inst| data.selected(scope, inst))
        .collect();
    let counted = [
        (
            "1",
            "司法鉴定机构数",
            selected.len() as u64,
            registry.institutions,
        ),
        (
            "2",
            "鉴定人数",
            selected.iter().map(|inst| inst.appraisers).sum(),
            registry.appraisers,
        ),
    ];
    for (item, label, count, register) in counted {
        if let Some(register) = register.filter(|&r| r != count) {
            found.push(
                Problem::warning(
                    data.records.unit.file.as_deref().unwrap_or("report.toml"),
                    None,
                    format!("survey item {item} ({label}) is {count}, but the register ([registry]) says {register}"),
                )
                .with_help("check the records against the licensing register before sending the form"),
            );
        }
    }
}
