//! The two forms as data: for each item its number, its header path on the printed form,
//! its unit and the rule that says what it counts.
//!
//! Every renderer reads these lists, and the counting interprets the rules, so a corrected
//! label or a re-read column is a change here and nowhere else.

use crate::model::{Affiliation, OrgRelation, Role, WorkStatus, WorkStrand};

/// Which of the two forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableKind {
    /// 司法鉴定行业党建工作情况统计表: the survey, items 1–32.
    Survey,
    /// 司法鉴定行业党建工作情况月报表: the monthly report, items 1–36.
    Monthly,
}

impl TableKind {
    pub fn key(self) -> &'static str {
        match self {
            TableKind::Survey => "survey",
            TableKind::Monthly => "monthly",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            TableKind::Survey => "司法鉴定行业党建工作情况统计表",
            TableKind::Monthly => "司法鉴定行业党建工作情况月报表",
        }
    }

    pub fn items(self) -> &'static [Item] {
        match self {
            TableKind::Survey => SURVEY,
            TableKind::Monthly => MONTHLY,
        }
    }
}

/// The unit printed in the form's 项目单位 row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 家: institutions or associations.
    Institutions,
    /// 人: people.
    People,
    /// 个: party organisations.
    Organisations,
}

impl Unit {
    pub fn label(self) -> &'static str {
        match self {
            Unit::Institutions => "家",
            Unit::People => "人",
            Unit::Organisations => "个",
        }
    }
}

/// One column of a form.
#[derive(Debug)]
pub struct Item {
    pub number: usize,
    /// The header cells from the top of the form's header down to this column's own label.
    pub path: &'static [&'static str],
    pub unit: Unit,
    pub rule: Rule,
}

impl Item {
    /// The header path joined with `/`, as in the CSV header line.
    pub fn joined_path(&self) -> String {
        self.path.join("/")
    }

    /// Whether the cell exists only in the total row (the type rows leave it blank).
    pub fn total_only(&self) -> bool {
        matches!(self.rule, Rule::Associations | Rule::Work(..))
    }
}

/// What an item counts, for the institutions of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Institutions that pass the filter.
    Institutions(InstitutionFilter),
    /// The sum of the institutions' licensed appraisers.
    Appraisers,
    /// Party organisations hosted in the row, optionally of one affiliation.
    Organisations(Option<Affiliation>),
    /// Party members, all or of one kind.
    Members(MemberFilter),
    /// Members admitted in the report month, split by whether their institution had
    /// members before the month began.
    Admitted { had_members_before: bool },
    /// Trade associations that revised their charter (total row only).
    Associations,
    /// One state of one strand of the authority's own work (total row only).
    Work(WorkStrand, WorkStatus),
}

/// A test on one institution: its band, how it is organised, and yes/no facts that must
/// all hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstitutionFilter {
    pub band: Option<Band>,
    pub coverage: Option<Coverage>,
    pub flags: &'static [Flag],
}

/// The 3-member rule: which of the form's three groups an institution falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Band {
    /// 正式党员3名以上的: three or more formal members.
    ThreePlus,
    /// 正式党员不足3名的: at least one member, fewer than three formal ones.
    UnderThree,
    /// 无党员的: no members at all.
    NoMembers,
}

/// The organisation groups the form splits a band into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// 机构单独成立党组织的
    Own,
    /// 机构未成立、设立单位成立党组织的
    Founder,
    /// 机构、设立单位均未成立党组织的: joint or none.
    JointOrNone,
}

/// The yes/no facts of an institution that items test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    PartyLead,
    Liaison,
    RulesRevised,
    CharterRevised,
    RoleMechanism,
    DualEntry,
    PoliticalReview,
    Pioneer,
}

/// Which members a member item counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberFilter {
    All,
    Role(Role),
    Relation(OrgRelation),
}

const fn institutions(
    band: Option<Band>,
    coverage: Option<Coverage>,
    flags: &'static [Flag],
) -> Rule {
    Rule::Institutions(InstitutionFilter {
        band,
        coverage,
        flags,
    })
}

const ALL: Rule = institutions(None, None, &[]);
const fn band(band: Band) -> Rule {
    institutions(Some(band), None, &[])
}
const fn covered(band: Band, coverage: Coverage, flags: &'static [Flag]) -> Rule {
    institutions(Some(band), Some(coverage), flags)
}
const fn flagged(flags: &'static [Flag]) -> Rule {
    institutions(None, None, flags)
}

use Band::*;
use Coverage::*;
use Unit::{Institutions as Jia, Organisations as Ge, People as Ren};

macro_rules! item {
    ($n:literal, [$($p:literal),+], $unit:expr, $rule:expr) => {
        Item { number: $n, path: &[$($p),+], unit: $unit, rule: $rule }
    };
}

/// The survey table (附件1), items 1–32.
pub static SURVEY: &[Item] = &[
    item!(1, ["行业情况", "司法鉴定机构数"], Jia, ALL),
    item!(2, ["行业情况", "鉴定人数"], Ren, Rule::Appraisers),
    item!(
        3,
        [
            "鉴定机构及党组织情况",
            "鉴定机构有关情况",
            "正式党员3名以上的",
            "机构数"
        ],
        Jia,
        band(ThreePlus)
    ),
    item!(
        4,
        [
            "鉴定机构及党组织情况",
            "鉴定机构有关情况",
            "正式党员3名以上的",
            "其中",
            "机构单独成立党组织的"
        ],
        Jia,
        covered(ThreePlus, Own, &[])
    ),
    item!(
        5,
        [
            "鉴定机构及党组织情况",
            "鉴定机构有关情况",
            "正式党员3名以上的",
            "其中",
            "机构未成立、设立单位成立党组织的"
        ],
        Jia,
        covered(ThreePlus, Founder, &[])
    ),
    item!(
        6,
        [
            "鉴定机构及党组织情况",
            "鉴定机构有关情况",
            "正式党员3名以上的",
            "其中",
            "明确党建负责人的"
        ],
        Jia,
        covered(ThreePlus, Founder, &[Flag::PartyLead])
    ),
    item!(
        7,
        [
            "鉴定机构及党组织情况",
            "鉴定机构有关情况",
            "正式党员3名以上的",
            "其中",
            "机构、设立单位均未成立党组织的"
        ],
        Jia,
        covered(ThreePlus, JointOrNone, &[])
    ),
    item!(
        8,
        [
            "鉴定机构及党组织情况",
            "鉴定机构有关情况",
            "正式党员3名以上的",
            "其中",
            "明确党建联络员的"
        ],
        Jia,
        covered(ThreePlus, JointOrNone, &[Flag::Liaison])
    ),
    item!(
        9,
        [
            "鉴定机构及党组织情况",
            "鉴定机构有关情况",
            "正式党员不足3名的",
            "机构数"
        ],
        Jia,
        band(UnderThree)
    ),
    item!(
        10,
        [
            "鉴定机构及党组织情况",
            "鉴定机构有关情况",
            "正式党员不足3名的",
            "其中",
            "机构单独成立党组织的"
        ],
        Jia,
        covered(UnderThree, Own, &[])
    ),
    item!(
        11,
        [
            "鉴定机构及党组织情况",
            "鉴定机构有关情况",
            "正式党员不足3名的",
            "其中",
            "机构未成立、设立单位成立党组织的"
        ],
        Jia,
        covered(UnderThree, Founder, &[])
    ),
    item!(
        12,
        [
            "鉴定机构及党组织情况",
            "鉴定机构有关情况",
            "正式党员不足3名的",
            "其中",
            "明确党建负责人的"
        ],
        Jia,
        covered(UnderThree, Founder, &[Flag::PartyLead])
    ),
    item!(
        13,
        [
            "鉴定机构及党组织情况",
            "鉴定机构有关情况",
            "正式党员不足3名的",
            "其中",
            "机构、设立单位均未成立党组织的"
        ],
        Jia,
        covered(UnderThree, JointOrNone, &[])
    ),
    item!(
        14,
        [
            "鉴定机构及党组织情况",
            "鉴定机构有关情况",
            "正式党员不足3名的",
            "其中",
            "明确党建联络员的"
        ],
        Jia,
        covered(UnderThree, JointOrNone, &[Flag::Liaison])
    ),
    item!(
        15,
        [
            "鉴定机构及党组织情况",
            "鉴定机构有关情况",
            "无党员的",
            "机构数"
        ],
        Jia,
        band(NoMembers)
    ),
    item!(
        16,
        [
            "鉴定机构及党组织情况",
            "鉴定机构有关情况",
            "无党员的",
            "其中",
            "明确党建联络员的"
        ],
        Jia,
        institutions(Some(NoMembers), None, &[Flag::Liaison])
    ),
    item!(
        17,
        ["鉴定机构及党组织情况", "党组织及隶属情况", "基层党组织数量"],
        Ge,
        Rule::Organisations(None)
    ),
    // The printed form shows this 个 column without a label of its own; its note says the
    // column is for institutions covered by their founding body's organisation, each one
    // counted as one organisation, whatever its band.
    item!(
        18,
        [
            "鉴定机构及党组织情况",
            "党组织及隶属情况",
            "其中：机构未成立、设立单位成立党组织的"
        ],
        Ge,
        institutions(None, Some(Founder), &[])
    ),
    item!(
        19,
        [
            "鉴定机构及党组织情况",
            "党组织及隶属情况",
            "隶属设立单位上级党组织的"
        ],
        Ge,
        Rule::Organisations(Some(Affiliation::FounderSuperior))
    ),
    item!(
        20,
        [
            "鉴定机构及党组织情况",
            "党组织及隶属情况",
            "隶属设立单位党组织的"
        ],
        Ge,
        Rule::Organisations(Some(Affiliation::Founder))
    ),
    item!(
        21,
        [
            "鉴定机构及党组织情况",
            "党组织及隶属情况",
            "隶属行业主管部门党组织的"
        ],
        Ge,
        Rule::Organisations(Some(Affiliation::Authority))
    ),
    item!(
        22,
        [
            "鉴定机构及党组织情况",
            "党组织及隶属情况",
            "隶属司法鉴定行业协会党组织的"
        ],
        Ge,
        Rule::Organisations(Some(Affiliation::Association))
    ),
    item!(
        23,
        [
            "鉴定机构及党组织情况",
            "党组织及隶属情况",
            "隶属其他党组织的"
        ],
        Ge,
        Rule::Organisations(Some(Affiliation::Other))
    ),
    item!(
        24,
        ["鉴定机构党员情况", "党员总数"],
        Ren,
        Rule::Members(MemberFilter::All)
    ),
    item!(
        25,
        ["鉴定机构党员情况", "其中", "专职党员司法鉴定人"],
        Ren,
        Rule::Members(MemberFilter::Role(Role::FullTime))
    ),
    item!(
        26,
        ["鉴定机构党员情况", "其中", "兼职党员司法鉴定人"],
        Ren,
        Rule::Members(MemberFilter::Role(Role::PartTime))
    ),
    item!(
        27,
        ["鉴定机构党员情况", "其中", "其他党员工作人员"],
        Ren,
        Rule::Members(MemberFilter::Role(Role::Staff))
    ),
    item!(
        28,
        ["鉴定机构党员情况", "党员组织关系", "在鉴定机构党组织的"],
        Ren,
        Rule::Members(MemberFilter::Relation(OrgRelation::Institution))
    ),
    item!(
        29,
        [
            "鉴定机构党员情况",
            "党员组织关系",
            "在司法鉴定行业协会党组织的"
        ],
        Ren,
        Rule::Members(MemberFilter::Relation(OrgRelation::Association))
    ),
    item!(
        30,
        ["鉴定机构党员情况", "党员组织关系", "在设立单位党组织的"],
        Ren,
        Rule::Members(MemberFilter::Relation(OrgRelation::Founder))
    ),
    item!(
        31,
        ["鉴定机构党员情况", "党员组织关系", "在原单位党组织的"],
        Ren,
        Rule::Members(MemberFilter::Relation(OrgRelation::Former))
    ),
    item!(
        32,
        ["鉴定机构党员情况", "党员组织关系", "在其他党组织的"],
        Ren,
        Rule::Members(MemberFilter::Relation(OrgRelation::Other))
    ),
];

use WorkStatus::{Done, InProgress};
use WorkStrand::*;

/// The monthly table (附件2), items 1–36.
pub static MONTHLY: &[Item] = &[
    item!(1, ["司法鉴定机构总数"], Jia, ALL),
    item!(
        2,
        ["党的组织覆盖情况", "正式党员3名以上的", "机构数"],
        Jia,
        band(ThreePlus)
    ),
    item!(
        3,
        [
            "党的组织覆盖情况",
            "正式党员3名以上的",
            "其中",
            "机构单独成立党组织"
        ],
        Jia,
        covered(ThreePlus, Own, &[])
    ),
    item!(
        4,
        [
            "党的组织覆盖情况",
            "正式党员3名以上的",
            "其中",
            "机构未成立、设立单位党组织"
        ],
        Jia,
        covered(ThreePlus, Founder, &[])
    ),
    item!(
        5,
        [
            "党的组织覆盖情况",
            "正式党员3名以上的",
            "其中",
            "明确党建负责人的"
        ],
        Jia,
        covered(ThreePlus, Founder, &[Flag::PartyLead])
    ),
    item!(
        6,
        [
            "党的组织覆盖情况",
            "正式党员3名以上的",
            "其中",
            "机构、单位均未成立党组织"
        ],
        Jia,
        covered(ThreePlus, JointOrNone, &[])
    ),
    item!(
        7,
        [
            "党的组织覆盖情况",
            "正式党员3名以上的",
            "其中",
            "明确党建联络员的"
        ],
        Jia,
        covered(ThreePlus, JointOrNone, &[Flag::Liaison])
    ),
    item!(
        8,
        ["党的组织覆盖情况", "正式党员不足3名的", "机构数"],
        Jia,
        band(UnderThree)
    ),
    item!(
        9,
        [
            "党的组织覆盖情况",
            "正式党员不足3名的",
            "其中",
            "机构单独成立党组织"
        ],
        Jia,
        covered(UnderThree, Own, &[])
    ),
    item!(
        10,
        [
            "党的组织覆盖情况",
            "正式党员不足3名的",
            "其中",
            "机构未成立、设立单位党组织"
        ],
        Jia,
        covered(UnderThree, Founder, &[])
    ),
    item!(
        11,
        [
            "党的组织覆盖情况",
            "正式党员不足3名的",
            "其中",
            "明确党建负责人的"
        ],
        Jia,
        covered(UnderThree, Founder, &[Flag::PartyLead])
    ),
    item!(
        12,
        [
            "党的组织覆盖情况",
            "正式党员不足3名的",
            "其中",
            "机构、单位均未成立党组织"
        ],
        Jia,
        covered(UnderThree, JointOrNone, &[])
    ),
    item!(
        13,
        [
            "党的组织覆盖情况",
            "正式党员不足3名的",
            "其中",
            "明确党建联络员的"
        ],
        Jia,
        covered(UnderThree, JointOrNone, &[Flag::Liaison])
    ),
    item!(
        14,
        ["党的组织覆盖情况", "无党员的", "机构数"],
        Jia,
        band(NoMembers)
    ),
    item!(
        15,
        ["党的组织覆盖情况", "无党员的", "其中", "明确党建联络员的"],
        Jia,
        institutions(Some(NoMembers), None, &[Flag::Liaison])
    ),
    item!(
        16,
        ["党的工作覆盖情况", "“三进”情况", "完成制度修改的机构数"],
        Jia,
        flagged(&[Flag::RulesRevised])
    ),
    // "其中" makes this a part of item 16: charter revised as well as the rules.
    item!(
        17,
        [
            "党的工作覆盖情况",
            "“三进”情况",
            "其中",
            "完成章程修改的",
            "完成的机构数"
        ],
        Jia,
        flagged(&[Flag::RulesRevised, Flag::CharterRevised])
    ),
    item!(
        18,
        [
            "党的工作覆盖情况",
            "“三进”情况",
            "其中",
            "完成章程修改的",
            "完成的协会数"
        ],
        Jia,
        Rule::Associations
    ),
    item!(
        19,
        ["党的工作覆盖情况", "“三进”情况", "推进中"],
        Jia,
        Rule::Work(ThreeEntries, InProgress)
    ),
    item!(
        20,
        ["党的工作覆盖情况", "“三进”情况", "已实现"],
        Jia,
        Rule::Work(ThreeEntries, Done)
    ),
    item!(
        21,
        ["党的工作覆盖情况", "“四同步”情况", "审核设立机构", "推进中"],
        Jia,
        Rule::Work(SyncEstablishment, InProgress)
    ),
    item!(
        22,
        ["党的工作覆盖情况", "“四同步”情况", "审核设立机构", "已实现"],
        Jia,
        Rule::Work(SyncEstablishment, Done)
    ),
    item!(
        23,
        ["党的工作覆盖情况", "“四同步”情况", "审核许可执业", "推进中"],
        Jia,
        Rule::Work(SyncLicensing, InProgress)
    ),
    item!(
        24,
        ["党的工作覆盖情况", "“四同步”情况", "审核许可执业", "已实现"],
        Jia,
        Rule::Work(SyncLicensing, Done)
    ),
    item!(
        25,
        ["党的工作覆盖情况", "“四同步”情况", "执业检查", "推进中"],
        Jia,
        Rule::Work(SyncInspection, InProgress)
    ),
    item!(
        26,
        ["党的工作覆盖情况", "“四同步”情况", "执业检查", "已实现"],
        Jia,
        Rule::Work(SyncInspection, Done)
    ),
    item!(
        27,
        ["党的工作覆盖情况", "“四同步”情况", "考核评估", "推进中"],
        Jia,
        Rule::Work(SyncAssessment, InProgress)
    ),
    item!(
        28,
        ["党的工作覆盖情况", "“四同步”情况", "考核评估", "已实现"],
        Jia,
        Rule::Work(SyncAssessment, Done)
    ),
    item!(
        29,
        [
            "党的工作覆盖情况",
            "一方隶属、参加多重组织生活情况",
            "推进中"
        ],
        Jia,
        Rule::Work(MultiOrgLife, InProgress)
    ),
    item!(
        30,
        [
            "党的工作覆盖情况",
            "一方隶属、参加多重组织生活情况",
            "已实现"
        ],
        Jia,
        Rule::Work(MultiOrgLife, Done)
    ),
    // The printed form's note calls these two items 32 and 33; in this numbering they are
    // 31 and 32. They count people, so their unit is 人 although the form prints 家.
    item!(
        31,
        ["党的工作覆盖情况", "发展党员情况", "无党员发展党员数量"],
        Ren,
        Rule::Admitted {
            had_members_before: false
        }
    ),
    item!(
        32,
        ["党的工作覆盖情况", "发展党员情况", "有党员发展党员数量"],
        Ren,
        Rule::Admitted {
            had_members_before: true
        }
    ),
    item!(
        33,
        [
            "党的工作覆盖情况",
            "党组织发挥作用情况",
            "建立党组织在机构、管理中发挥作用机制的机构数"
        ],
        Jia,
        flagged(&[Flag::RoleMechanism])
    ),
    // The form prints "双向交叉、交叉"; the notice's own text names the goal
    // "双向进入、交叉任职", which is what this column counts.
    item!(
        34,
        [
            "党的工作覆盖情况",
            "党组织发挥作用情况",
            "实现机构管理层和党组织“双向进入、交叉任职”的机构数"
        ],
        Jia,
        flagged(&[Flag::DualEntry])
    ),
    item!(
        35,
        [
            "党的工作覆盖情况",
            "党组织发挥作用情况",
            "明确党组织在机构、队伍建设中政治把关作用的机构数"
        ],
        Jia,
        flagged(&[Flag::PoliticalReview])
    ),
    item!(
        36,
        [
            "党的工作覆盖情况",
            "党员发挥作用情况",
            "创建“党员先锋岗”“党建示范点”的机构数"
        ],
        Jia,
        flagged(&[Flag::Pioneer])
    ),
];

/// One cell of a form's multi-level header, as printed: a label spanning header rows
/// `first_level..=last_level` over items `first_item..=last_item` (0-based positions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderCell {
    pub label: &'static str,
    pub first_level: usize,
    pub last_level: usize,
    pub first_item: usize,
    pub last_item: usize,
}

/// The number of header rows a form needs: its deepest header path.
pub fn header_depth(items: &[Item]) -> usize {
    items.iter().map(|item| item.path.len()).max().unwrap_or(0)
}

/// The header tree of a form as merged cells. Neighbouring items that share a path prefix
/// share its cells; an item's own label reaches down to the last header row.
pub fn header_cells(items: &[Item]) -> Vec<HeaderCell> {
    let depth = header_depth(items);
    let mut cells = Vec::new();
    for level in 0..depth {
        let mut start = 0;
        while start < items.len() {
            let path = items[start].path;
            if path.len() <= level {
                start += 1;
                continue;
            }
            let mut end = start;
            while end + 1 < items.len()
                && items[end + 1].path.len() > level + 1
                && path.len() > level + 1
                && items[end + 1].path[..=level] == path[..=level]
            {
                end += 1;
            }
            let is_leaf = path.len() == level + 1;
            cells.push(HeaderCell {
                label: path[level],
                first_level: level,
                last_level: if is_leaf { depth - 1 } else { level },
                first_item: start,
                last_item: end,
            });
            start = end + 1;
        }
    }
    cells
}

/// The label of the total row.
pub const TOTAL_LABEL: &str = "总数";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_numbered_in_order() {
        for kind in [TableKind::Survey, TableKind::Monthly] {
            for (i, item) in kind.items().iter().enumerate() {
                assert_eq!(item.number, i + 1, "{:?}", kind);
            }
        }
        assert_eq!(SURVEY.len(), 32);
        assert_eq!(MONTHLY.len(), 36);
    }

    #[test]
    fn header_cells_tile_the_header_exactly_once() {
        for kind in [TableKind::Survey, TableKind::Monthly] {
            let items = kind.items();
            let depth = header_depth(items);
            let mut covered = vec![vec![0; items.len()]; depth];
            for cell in header_cells(items) {
                for row in &mut covered[cell.first_level..=cell.last_level] {
                    for count in &mut row[cell.first_item..=cell.last_item] {
                        *count += 1;
                    }
                }
            }
            assert!(covered.iter().flatten().all(|&n| n == 1), "{kind:?}");
        }
    }

    #[test]
    fn survey_header_groups_follow_the_form() {
        let cells = header_cells(SURVEY);
        let find = |label: &str, level: usize| {
            cells
                .iter()
                .find(|c| c.label == label && c.first_level == level)
                .map(|c| (c.first_item + 1, c.last_item + 1, c.last_level))
        };
        // Top level: 行业情况 over 1–2, the organisation block over 3–23, members over 24–32.
        assert_eq!(find("行业情况", 0), Some((1, 2, 0)));
        assert_eq!(find("鉴定机构及党组织情况", 0), Some((3, 23, 0)));
        assert_eq!(find("鉴定机构党员情况", 0), Some((24, 32, 0)));
        assert_eq!(find("正式党员3名以上的", 2), Some((3, 8, 2)));
        assert_eq!(find("无党员的", 2), Some((15, 16, 2)));
        // A leaf above the deepest level reaches down to the last header row.
        assert_eq!(find("司法鉴定机构数", 1), Some((1, 1, 4)));
        assert_eq!(find("党员总数", 1), Some((24, 24, 4)));
        // The two "其中" groups of the member block are separate cells.
        assert_eq!(find("其中", 1), Some((25, 27, 1)));
    }
}
