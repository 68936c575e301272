//! The records a bureau keeps, as typed values: institutions (司法鉴定机构), their party
//! members (党员) and the reporting unit's own facts (`report.toml`).
//!
//! Every enumerated field lists its accepted spellings here, next to its meaning, so the
//! readers, the error suggestions and the docs all draw on one list.

use std::borrow::Cow;

use chrono::NaiveDate;

/// Where a record came from: the file (as given on the command line, for messages) and the
/// 1-based line its record starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: std::sync::Arc<str>,
    pub line: usize,
}

/// An enumerated field value with fixed spellings. The first spelling of each value is its
/// canonical English key; the rest are the Chinese words (and aliases) the forms use.
pub trait Spelled: Copy + Sized + 'static {
    /// Each value with every spelling accepted for it.
    const SPELLINGS: &'static [(Self, &'static [&'static str])];

    /// The canonical English key.
    fn key(self) -> &'static str;

    /// Looks a value up after trimming; English spellings ignore case, Chinese ones are
    /// exact (ASCII case folding leaves them unchanged).
    fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::SPELLINGS.iter().find_map(|(value, spellings)| {
            spellings
                .iter()
                .any(|s| s.eq_ignore_ascii_case(text))
                .then_some(*value)
        })
    }

    /// The main Chinese word for the value, as the forms print it.
    fn chinese(self) -> &'static str {
        Self::SPELLINGS
            .iter()
            .find(|(value, _)| value.key() == self.key())
            .map_or("", |(_, spellings)| spellings[1])
    }

    /// The values for a message: each English key with its Chinese word.
    fn described() -> String {
        Self::SPELLINGS
            .iter()
            .map(|(value, spellings)| format!("{} ({})", value.key(), spellings[1]))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every accepted spelling, for messages and suggestions.
    fn all_spellings() -> Vec<&'static str> {
        Self::SPELLINGS
            .iter()
            .flat_map(|(_, spellings)| spellings.iter().copied())
            .collect()
    }
}

macro_rules! spelled {
    ($ty:ident { $($variant:ident => [$($spelling:literal),+]),+ $(,)? }) => {
        impl Spelled for $ty {
            const SPELLINGS: &'static [(Self, &'static [&'static str])] =
                &[$(($ty::$variant, &[$($spelling),+])),+];

            fn key(self) -> &'static str {
                match self {
                    $($ty::$variant => spelled!(@first $($spelling),+)),+
                }
            }
        }
    };
    (@first $first:literal $(, $rest:literal)*) => { $first };
}

/// The type of body that founded an institution (设立单位类型); it selects the table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FounderType {
    University,
    ResearchInstitute,
    Hospital,
    PrivateEnterprise,
    OtherEnterprise,
    SocialOrganization,
    PrivateNonEnterprise,
    OtherOrganization,
}

spelled!(FounderType {
    University => ["university", "高等院校", "高等院校设立"],
    ResearchInstitute => ["research_institute", "科研院所", "科研院所设立"],
    Hospital => ["hospital", "医院", "医院设立"],
    PrivateEnterprise => ["private_enterprise", "民营企业", "民营企业设立"],
    OtherEnterprise => ["other_enterprise", "其他企业", "其他企业设立"],
    SocialOrganization => ["social_organization", "社团组织", "社团组织设立"],
    PrivateNonEnterprise => ["private_non_enterprise", "民办非企业", "民办非企业单位", "民办非企业设立"],
    OtherOrganization => ["other_organization", "其他组织", "其他组织设立"],
});

impl FounderType {
    /// The eight types in the order of the form's rows.
    pub const ALL: [FounderType; 8] = [
        FounderType::University,
        FounderType::ResearchInstitute,
        FounderType::Hospital,
        FounderType::PrivateEnterprise,
        FounderType::OtherEnterprise,
        FounderType::SocialOrganization,
        FounderType::PrivateNonEnterprise,
        FounderType::OtherOrganization,
    ];

    /// Position of this type's row on the form (0 to 7).
    pub fn row(self) -> usize {
        self as usize
    }

    /// The row label printed on the form (e.g. 医院设立).
    pub fn row_label(self) -> &'static str {
        let spellings = Self::SPELLINGS[self.row()].1;
        spellings[spellings.len() - 1]
    }
}

/// How an institution's party work is organised (党组织设置).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartyOrg {
    /// Its own primary organisation (单独成立党组织).
    Own,
    /// None of its own; the founding body's organisation covers it (设立单位成立).
    Founder,
    /// Its members belong to a joint organisation or to another institution's (联合).
    Joint,
    /// No organisation covers it (无).
    None,
}

spelled!(PartyOrg {
    Own => ["own", "单独成立"],
    Founder => ["founder", "设立单位成立"],
    Joint => ["joint", "联合"],
    None => ["none", "无"],
});

/// Whom a party organisation reports to (党组织隶属).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Affiliation {
    FounderSuperior,
    Founder,
    Authority,
    Association,
    Other,
}

spelled!(Affiliation {
    FounderSuperior => ["founder_superior", "设立单位上级党组织"],
    Founder => ["founder", "设立单位党组织"],
    Authority => ["authority", "行业主管部门党组织"],
    Association => ["association", "司法鉴定行业协会党组织"],
    Other => ["other", "其他党组织"],
});

/// Formal (正式党员) or probationary (预备党员) membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberStatus {
    Formal,
    Probationary,
}

spelled!(MemberStatus {
    Formal => ["formal", "正式党员", "正式"],
    Probationary => ["probationary", "预备党员", "预备"],
});

/// What a member does in the institution (人员类别).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    FullTime,
    PartTime,
    Staff,
}

spelled!(Role {
    FullTime => ["full_time", "专职党员司法鉴定人", "专职", "专职鉴定人"],
    PartTime => ["part_time", "兼职党员司法鉴定人", "兼职", "兼职鉴定人"],
    Staff => ["staff", "其他党员工作人员", "其他", "其他工作人员"],
});

/// Where a member's party membership is held (组织关系所在).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgRelation {
    Institution,
    Association,
    Founder,
    Former,
    Other,
}

spelled!(OrgRelation {
    Institution => ["institution", "鉴定机构党组织", "在鉴定机构党组织"],
    Association => ["association", "司法鉴定行业协会党组织", "行业协会党组织"],
    Founder => ["founder", "设立单位党组织"],
    Former => ["former", "原单位党组织"],
    Other => ["other", "其他党组织"],
});

/// The state of one strand of the authority's own work (monthly items 19–30).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkStatus {
    /// 推进中
    InProgress,
    /// 已实现
    Done,
}

spelled!(WorkStatus {
    InProgress => ["in_progress", "推进中"],
    Done => ["done", "已实现"],
});

/// A forensic-appraisal institution (司法鉴定机构).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Institution {
    pub id: String,
    pub name: String,
    pub city: Option<String>,
    pub founder_type: FounderType,
    /// Licensed appraisers (鉴定人), party members or not.
    pub appraisers: u64,
    pub party_org: PartyOrg,
    /// The shared organisation's id; only for `PartyOrg::Joint`.
    pub org_id: Option<String>,
    pub org_affiliation: Option<Affiliation>,
    /// A party-building lead is named (明确党建负责人).
    pub party_lead: bool,
    /// A party-building liaison is named (明确党建联络员).
    pub liaison: bool,
    /// Party work written into its rules (完成制度修改).
    pub rules_revised: bool,
    /// Party work written into its charter (完成章程修改).
    pub charter_revised: bool,
    /// A mechanism for the organisation's role in management (建立发挥作用机制).
    pub role_mechanism: bool,
    /// 双向进入、交叉任职 achieved.
    pub dual_entry: bool,
    /// The organisation's political review role is set down (明确政治把关作用).
    pub political_review: bool,
    /// A 党员先锋岗 or 党建示范点 created.
    pub pioneer: bool,
    pub origin: Origin,
}

/// A party member (党员) working in an institution. Its text borrows from the file being
/// read, since members are summed up and dropped as they are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member<'a> {
    pub id: Cow<'a, str>,
    pub name: Option<Cow<'a, str>>,
    /// The id of the institution they work in.
    pub institution: Cow<'a, str>,
    pub status: MemberStatus,
    pub role: Role,
    pub org_relation: OrgRelation,
    /// The day they became a probationary member (入党日期).
    pub joined_on: Option<NaiveDate>,
    pub origin: Origin,
}

impl Member<'_> {
    /// The member with its text copied out of the file it was read from.
    pub fn into_owned(self) -> Member<'static> {
        Member {
            id: Cow::Owned(self.id.into_owned()),
            name: self.name.map(|n| Cow::Owned(n.into_owned())),
            institution: Cow::Owned(self.institution.into_owned()),
            status: self.status,
            role: self.role,
            org_relation: self.org_relation,
            joined_on: self.joined_on,
            origin: self.origin,
        }
    }
}

/// The reporting unit (填报单位) and the facts it keeps about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportUnit {
    /// The file the facts were read from, if there was one.
    pub file: Option<String>,
    pub name: Option<String>,
    /// The city printed on the form's city line.
    pub city: Option<String>,
    /// 负责人
    pub head: Option<String>,
    /// 填表人
    pub filler: Option<String>,
    pub work: Work,
    pub associations: Vec<Association>,
    pub registry: Option<Registry>,
}

/// The authority's own work (monthly items 19–30); `None` leaves a pair blank.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// “三进”
    pub three_entries: Option<WorkStatus>,
    /// “四同步”: 审核设立机构
    pub sync_establishment: Option<WorkStatus>,
    /// “四同步”: 审核许可执业
    pub sync_licensing: Option<WorkStatus>,
    /// “四同步”: 执业检查
    pub sync_inspection: Option<WorkStatus>,
    /// “四同步”: 考核评估
    pub sync_assessment: Option<WorkStatus>,
    /// 一方隶属、参加多重组织生活
    pub multi_org_life: Option<WorkStatus>,
}

/// One strand of the authority's work, naming a field of [`Work`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkStrand {
    ThreeEntries,
    SyncEstablishment,
    SyncLicensing,
    SyncInspection,
    SyncAssessment,
    MultiOrgLife,
}

impl Work {
    pub fn status(&self, strand: WorkStrand) -> Option<WorkStatus> {
        match strand {
            WorkStrand::ThreeEntries => self.three_entries,
            WorkStrand::SyncEstablishment => self.sync_establishment,
            WorkStrand::SyncLicensing => self.sync_licensing,
            WorkStrand::SyncInspection => self.sync_inspection,
            WorkStrand::SyncAssessment => self.sync_assessment,
            WorkStrand::MultiOrgLife => self.multi_org_life,
        }
    }
}

/// A trade association (司法鉴定协会), counted in monthly item 18.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Association {
    pub name: String,
    pub charter_revised: bool,
}

/// The licensing register's own totals, to check survey items 1 and 2 against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Registry {
    pub institutions: Option<u64>,
    pub appraisers: Option<u64>,
}

/// Everything read from one data folder. Members are not kept one by one: each
/// institution's are summed up as they are read (see `classify::MemberSummary`).
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub institutions: Vec<Institution>,
    /// The members, summed up per institution.
    pub members: crate::classify::MemberSummaries,
    /// How many member records were read.
    pub member_count: usize,
    /// Warnings about single members, found while reading them, with the index of their
    /// institution (so a city's table shows only its own).
    pub member_warnings: Vec<(usize, crate::problem::Problem)>,
    /// Warnings about whole files (one that holds no records).
    pub file_warnings: Vec<crate::problem::Problem>,
    pub unit: ReportUnit,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_are_looked_up_per_field_trimmed_and_case_blind_in_english() {
        assert_eq!(
            FounderType::parse(" Hospital "),
            Some(FounderType::Hospital)
        );
        assert_eq!(FounderType::parse("医院设立"), Some(FounderType::Hospital));
        assert_eq!(
            FounderType::parse("民办非企业单位"),
            Some(FounderType::PrivateNonEnterprise)
        );
        assert_eq!(FounderType::parse("医阮"), None);
        // 设立单位党组织 means different things in different fields.
        assert_eq!(
            Affiliation::parse("设立单位党组织"),
            Some(Affiliation::Founder)
        );
        assert_eq!(
            OrgRelation::parse("设立单位党组织"),
            Some(OrgRelation::Founder)
        );
        assert_eq!(PartyOrg::parse("设立单位党组织"), None);
    }

    #[test]
    fn row_labels_follow_the_form() {
        let labels: Vec<_> = FounderType::ALL.iter().map(|t| t.row_label()).collect();
        assert_eq!(
            labels,
            [
                "高等院校设立",
                "科研院所设立",
                "医院设立",
                "民营企业设立",
                "其他企业设立",
                "社团组织设立",
                "民办非企业设立",
                "其他组织设立"
            ]
        );
        assert_eq!(FounderType::PrivateNonEnterprise.chinese(), "民办非企业");
        assert_eq!(FounderType::OtherOrganization.key(), "other_organization");
    }
}
