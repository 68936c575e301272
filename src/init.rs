//! A starter data folder: every file in both forms, every field used, commented, so that a
//! new bureau can copy the pattern and `report survey` works on it at once.

use std::path::Path;

/// The files of a starter folder and their contents.
pub const FILES: [(&str, &str); 5] = [
    ("report.toml", REPORT),
    ("institutions.toml", INSTITUTIONS_TOML),
    ("institutions.csv", INSTITUTIONS_CSV),
    ("members.toml", MEMBERS_TOML),
    ("members.csv", MEMBERS_CSV),
];

/// Writes the starter files into `dir` (created if needed). Refuses, writing nothing, if
/// any of them is already there.
pub fn init(dir: &Path) -> Result<Vec<String>, String> {
    let existing: Vec<String> = FILES
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(format!(
            "{} already exist{}; nothing was written (move them away or choose another folder)",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        ));
    }

    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (name, text) in FILES {
        let path = dir.join(name);
        crate::output::write_file(&path, text.as_bytes(), &[])?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

const REPORT: &str = r#"# The reporting unit (填报单位) and its own facts. Every key may be left out.

[unit]
name = "某某市司法局"          # 填报单位, printed on the XLSX form
city = "某某市"                # the city line of the form
head = "张三"                  # 负责人
filler = "李四"                # 填表人

# The bureau's own work, monthly items 19–30: in_progress (推进中) or done (已实现).
# A strand left out stays blank on the form.
[work]
three_entries = "in_progress"      # “三进”
sync_establishment = "done"        # “四同步”: 审核设立机构
sync_licensing = "done"            # “四同步”: 审核许可执业
sync_inspection = "in_progress"    # “四同步”: 执业检查
sync_assessment = "in_progress"    # “四同步”: 考核评估
multi_org_life = "in_progress"     # 一方隶属、参加多重组织生活

# Trade associations (司法鉴定协会): monthly item 18 counts those that revised their charter.
[[association]]
name = "某某市司法鉴定协会"
charter_revised = true

# The licensing register's totals; survey items 1 and 2 are checked against them.
[registry]
institutions = 4
appraisers = 30
"#;

const INSTITUTIONS_TOML: &str = r#"# Institutions (司法鉴定机构), one [[institution]] table each. More are in
# institutions.csv: both files are read together, and an id may appear only once.

[[institution]]
id = "QS-001"                    # 机构编号: unique, e.g. the licence number
name = "某某大学司法鉴定中心"      # 机构名称
city = "某某市"                  # 设区市: what --city selects on
founder_type = "university"      # 设立单位类型: selects the row of the form
appraisers = 12                  # 鉴定人数: licensed appraisers, members or not
party_org = "own"                # 党组织设置: own, founder, joint or none
org_affiliation = "founder"      # 党组织隶属: whom its organisation reports to
party_lead = false               # 明确党建负责人
liaison = false                  # 明确党建联络员
rules_revised = true             # 完成制度修改
charter_revised = true           # 完成章程修改
role_mechanism = true            # 建立发挥作用机制
dual_entry = true                # 双向进入交叉任职
political_review = true          # 明确政治把关作用
pioneer = false                  # 党员先锋岗或党建示范点

[[institution]]
id = "QS-002"
name = "某某市人民医院司法鉴定所"
city = "某某市"
founder_type = "医院"            # Chinese spellings work as well as English ones
appraisers = 8
party_org = "设立单位成立"        # covered by the hospital's own organisation
org_affiliation = "设立单位上级党组织"
party_lead = "是"
rules_revised = "是"
"#;

const INSTITUTIONS_CSV: &str = "\u{feff}机构编号,机构名称,设区市,设立单位类型,鉴定人数,党组织设置,党组织编号,党组织隶属,明确党建负责人,明确党建联络员,完成制度修改,完成章程修改,建立发挥作用机制,双向进入交叉任职,明确政治把关作用,党员先锋岗或党建示范点
QS-003,某某正信司法鉴定所,某某市,民营企业,6,联合,QS-001,设立单位党组织,否,是,否,否,否,否,否,是
QS-004,某某明德司法鉴定所,某某市,民办非企业,4,无,,,否,是,否,否,否,否,否,否
";

const MEMBERS_TOML: &str = r#"# Party members (党员), one [[member]] table each; more are in members.csv.

[[member]]
id = "DY-001"                    # 党员编号: unique; never a national ID number
name = "王一"                    # 姓名
institution = "QS-001"           # 机构编号 of the institution they work in
status = "formal"                # 党员类别: formal (正式党员) or probationary (预备党员)
role = "full_time"               # 人员类别: full_time, part_time or staff
org_relation = "institution"     # 组织关系所在: institution, association, founder, former, other
joined_on = 2001-07-01           # 入党日期: the day they became a probationary member

[[member]]
id = "DY-002"
name = "赵二"
institution = "QS-001"
status = "正式党员"
role = "兼职"
org_relation = "鉴定机构党组织"
joined_on = 2010-06-15

[[member]]
id = "DY-003"
name = "孙三"
institution = "QS-001"
status = "formal"
role = "staff"
org_relation = "founder"
"#;

const MEMBERS_CSV: &str = "\u{feff}党员编号,姓名,机构编号,党员类别,人员类别,组织关系所在,入党日期
DY-004,钱四,QS-002,正式党员,专职,设立单位党组织,2005/3/1
DY-005,周五,QS-003,正式党员,专职,原单位党组织,1998年7月1日
DY-006,吴六,QS-003,预备党员,其他,其他党组织,
";
