//! Classifying institutions: their members counted (the 3-formal-member rule), and their
//! party organisations resolved, joint ones included, over all records.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::layout::Band;
use crate::model::{
    Affiliation, Institution, Member, MemberStatus, OrgRelation, PartyOrg, Role, Spelled,
};
use crate::period::Month;
use crate::problem::Problem;

/// What an institution's members add up to, for one table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Formal members (正式党员): the ones the 3-member rule counts.
    pub formal: u64,
    /// All members, probationary ones included.
    pub members: u64,
    /// Members by role, in the order of [`Role`].
    pub by_role: [u64; 3],
    /// Members by where their membership is held, in the order of [`OrgRelation`].
    pub by_relation: [u64; 5],
    /// Members admitted in the report month.
    pub admitted: u64,
    /// Whether any member was there before the report month began: joined earlier, or
    /// with no date given.
    pub had_members_before: bool,
}

impl Tally {
    /// The form's group for this institution under the 3-member rule.
    pub fn band(&self) -> Band {
        if self.formal >= 3 {
            Band::ThreePlus
        } else if self.members >= 1 {
            Band::UnderThree
        } else {
            Band::NoMembers
        }
    }
}

/// An institution's members, summed up as they are read so that the member records need
/// not be kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MemberSummary {
    pub formal: u64,
    pub members: u64,
    pub by_role: [u64; 3],
    pub by_relation: [u64; 5],
    /// Whether any member has no joining day (and so counts as there before any month).
    pub undated: bool,
}

/// Every institution's member summary, and the days members joined (入党日期), which the
/// monthly admission items need: memory grows with institutions, plus eight bytes a member.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberSummaries {
    /// One per institution, in the institutions' order.
    pub per_institution: Vec<MemberSummary>,
    /// (institution index, joining day) for each member with a day.
    pub joined: Vec<(u32, NaiveDate)>,
}

impl MemberSummaries {
    pub fn new(institutions: usize) -> Self {
        MemberSummaries {
            per_institution: vec![MemberSummary::default(); institutions],
            joined: Vec::new(),
        }
    }

    pub fn add(&mut self, index: usize, member: &Member<'_>) {
        let summary = &mut self.per_institution[index];
        summary.members += 1;
        if member.status == MemberStatus::Formal {
            summary.formal += 1;
        }
        summary.by_role[role_index(member.role)] += 1;
        summary.by_relation[relation_index(member.org_relation)] += 1;
        match member.joined_on {
            Some(day) => self.joined.push((index as u32, day)),
            None => summary.undated = true,
        }
    }
}

pub fn role_index(role: Role) -> usize {
    role as usize
}

pub fn relation_index(relation: OrgRelation) -> usize {
    relation as usize
}

/// Each institution's tally for a table, in the order of the institutions. Admissions
/// are counted only with a month.
pub fn tally_members(summaries: &MemberSummaries, month: Option<Month>) -> Vec<Tally> {
    let mut tallies: Vec<Tally> = summaries
        .per_institution
        .iter()
        .map(|s| Tally {
            formal: s.formal,
            members: s.members,
            by_role: s.by_role,
            by_relation: s.by_relation,
            admitted: 0,
            had_members_before: month.is_some() && s.undated,
        })
        .collect();
    if let Some(month) = month {
        let first = month.first_day();
        for &(index, day) in &summaries.joined {
            let tally = &mut tallies[index as usize];
            if month.contains(day) {
                tally.admitted += 1;
            } else if day < first {
                tally.had_members_before = true;
            }
        }
    }
    tallies
}

/// One primary party organisation (基层党组织), counted once, in its host's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// The organisation's id: the host's id for own and founder ones, the shared `org_id`
    /// for joint ones.
    pub id: String,
    /// Own, Founder or Joint.
    pub kind: PartyOrg,
    /// Index of the institution whose row and city the organisation is counted in.
    pub host: usize,
    /// Indexes of every institution it covers, the host included, in id order.
    pub institutions: Vec<usize>,
    pub affiliation: Affiliation,
}

/// Resolves every party organisation over all institutions, or says why the records do
/// not describe a consistent set of organisations.
pub fn organisations(institutions: &[Institution]) -> Result<Vec<Organisation>, Vec<Problem>> {
    let by_id: HashMap<&str, usize> = institutions
        .iter()
        .enumerate()
        .map(|(i, inst)| (inst.id.as_str(), i))
        .collect();
    let mut problems = Vec::new();
    for inst in institutions {
        check_organisation_fields(inst, &by_id, institutions, &mut problems);
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    // Own and founder-covered institutions each make one organisation, keyed by their id.
    let mut orgs: BTreeMap<String, (PartyOrg, Vec<usize>)> = BTreeMap::new();
    for (i, inst) in institutions.iter().enumerate() {
        if matches!(inst.party_org, PartyOrg::Own | PartyOrg::Founder) {
            orgs.insert(inst.id.clone(), (inst.party_org, vec![i]));
        }
    }

    // Joint institutions join an own institution's organisation or share a joint one.
    let mut joint: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, inst) in institutions.iter().enumerate() {
        if let (PartyOrg::Joint, Some(org_id)) = (inst.party_org, &inst.org_id) {
            match orgs.get_mut(org_id.as_str()) {
                Some((PartyOrg::Own, covered)) => covered.push(i),
                _ => joint.entry(org_id.as_str()).or_default().push(i),
            }
        }
    }
    for (org_id, covered) in joint {
        orgs.insert(org_id.to_string(), (PartyOrg::Joint, covered));
    }

    let mut resolved = Vec::new();
    for (id, (kind, mut covered)) in orgs {
        covered.sort_by(|&a, &b| institutions[a].id.cmp(&institutions[b].id));
        let host = match by_id.get(id.as_str()) {
            Some(&host) => host,
            // A joint organisation with an id of its own: the smallest member id hosts it.
            None => covered[0],
        };
        match agreed_affiliation(&id, host, &covered, institutions) {
            Ok(affiliation) => resolved.push(Organisation {
                id,
                kind,
                host,
                institutions: covered,
                affiliation,
            }),
            Err(problem) => problems.push(*problem),
        }
    }
    if problems.is_empty() {
        Ok(resolved)
    } else {
        Err(problems)
    }
}

/// The per-institution rules: org_id only for joint institutions and pointing somewhere
/// sensible, and an affiliation for every organisation.
fn check_organisation_fields(
    inst: &Institution,
    by_id: &HashMap<&str, usize>,
    institutions: &[Institution],
    problems: &mut Vec<Problem>,
) {
    let place = |message: String, help: &str| {
        Problem::new(&inst.origin.file, Some(inst.origin.line), message).with_help(help)
    };
    match (&inst.party_org, &inst.org_id) {
        (PartyOrg::Joint, None) => problems.push(place(
            format!("institution \"{}\" is in a joint organisation (联合) but has no 党组织编号 (org_id)", inst.id),
            "give org_id: the joint organisation's own id, or the id of the institution whose organisation it joined",
        )),
        (PartyOrg::Joint, Some(org_id)) => {
            if let Some(&target) = by_id.get(org_id.as_str()) {
                let target = &institutions[target];
                let hosts_it = target.party_org == PartyOrg::Joint
                    && target.org_id.as_deref() == Some(org_id.as_str());
                if target.party_org != PartyOrg::Own && !hosts_it {
                    problems.push(place(
                        format!(
                            "institution \"{}\" has 党组织编号 (org_id) \"{org_id}\", the id of an institution that has no organisation of its own (its 党组织设置 is {}) and does not host this joint organisation",
                            inst.id,
                            target.party_org.key()
                        ),
                        "org_id must be a joint organisation's own id, an institution with party_org = own, or a joint institution whose own org_id is that same id",
                    ));
                }
            }
        }
        (_, Some(org_id)) => problems.push(place(
            format!(
                "institution \"{}\" has 党组织编号 (org_id) \"{org_id}\" but its 党组织设置 (party_org) is {}, not joint",
                inst.id,
                inst.party_org.key()
            ),
            "remove org_id, or set party_org to joint (联合)",
        )),
        (_, None) => {}
    }
    if inst.party_org != PartyOrg::None && inst.org_affiliation.is_none() {
        problems.push(place(
            format!(
                "institution \"{}\" has an organisation ({}) but no 党组织隶属 (org_affiliation)",
                inst.id,
                inst.party_org.key()
            ),
            "say whom the organisation reports to: founder_superior, founder, authority, association or other",
        ));
    }
}

/// The affiliation of an organisation: its host's, which every covered institution must
/// share.
fn agreed_affiliation(
    id: &str,
    host: usize,
    covered: &[usize],
    institutions: &[Institution],
) -> Result<Affiliation, Box<Problem>> {
    let host_inst = &institutions[host];
    let affiliation = host_inst
        .org_affiliation
        .expect("checked: every organisation has an affiliation");
    for &i in covered {
        let inst = &institutions[i];
        if inst.org_affiliation != Some(affiliation) {
            let theirs = inst.org_affiliation.map_or("none", |a| a.key());
            return Err(Box::new(Problem::new(
                &inst.origin.file,
                Some(inst.origin.line),
                format!(
                    "institution \"{}\" gives 党组织隶属 (org_affiliation) {theirs} for organisation \"{id}\", but its host \"{}\" ({}:{}) gives {}",
                    inst.id,
                    host_inst.id,
                    host_inst.origin.file,
                    host_inst.origin.line,
                    affiliation.key()
                ),
            )
            .with_help("the institutions of one organisation must agree on whom it reports to")));
        }
    }
    Ok(affiliation)
}
