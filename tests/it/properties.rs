//! Property tests over random, valid records: the forms' invariants hold on every row, the
//! total row adds up, cities add up to the whole, a few totals agree with a direct count,
//! and the same records give the same tables in every format, spelling and encoding the
//! input accepts.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use proptest::prelude::*;
use report::count::{ROWS, TOTAL, Table};

use crate::fixture::{day, monthly, survey};

const CITIES: [&str; 2] = ["甲市", "乙市"];
const MONTH: &str = "2021-04";

#[derive(Debug, Clone)]
struct InstSpec {
    founder: usize,
    appraisers: u64,
    /// 0 own, 1 founder, 2 joint, 3 none.
    org: usize,
    /// For joint: which organisation it belongs to (see `build`).
    target: usize,
    /// For none: whether a (to be ignored) affiliation is given anyway.
    stray_affiliation: bool,
    flags: [bool; 8],
    /// 0, 1: a city; 2: no city.
    city: usize,
    members: Vec<MemberSpec>,
}

#[derive(Debug, Clone)]
struct MemberSpec {
    formal: bool,
    role: usize,
    relation: usize,
    /// 0 no date; 1 long before; 2 the day before the month; 3, 4 in the month; 5 after it.
    joined: usize,
}

fn member_spec() -> impl Strategy<Value = MemberSpec> {
    (any::<bool>(), 0..3usize, 0..5usize, 0..6usize).prop_map(|(formal, role, relation, joined)| {
        MemberSpec {
            formal,
            role,
            relation,
            joined,
        }
    })
}

fn inst_spec() -> impl Strategy<Value = InstSpec> {
    (
        0..8usize,
        0..40u64,
        0..4usize,
        0..6usize,
        any::<bool>(),
        any::<[bool; 8]>(),
        0..3usize,
        prop::collection::vec(member_spec(), 0..6),
    )
        .prop_map(
            |(founder, appraisers, org, target, stray_affiliation, flags, city, members)| {
                InstSpec {
                    founder,
                    appraisers,
                    org,
                    target,
                    stray_affiliation,
                    flags,
                    city,
                    members,
                }
            },
        )
}

/// One institution as plain values, ready to be written in any spelling.
#[derive(Debug, Clone)]
struct Inst {
    id: String,
    founder: usize,
    appraisers: u64,
    org: usize,
    org_id: Option<String>,
    affiliation: Option<usize>,
    flags: [bool; 8],
    city: Option<&'static str>,
}

#[derive(Debug, Clone)]
struct Mem {
    id: String,
    institution: String,
    formal: bool,
    role: usize,
    relation: usize,
    joined: Option<(i32, u32, u32)>,
}

/// Turns specs into valid records: joint institutions name a shared id, an own
/// institution, or host their own joint organisation; all institutions of one
/// organisation agree on its affiliation.
fn build(specs: &[InstSpec], affiliation_seed: usize) -> (Vec<Inst>, Vec<Mem>) {
    let id = |i: usize| format!("I{:02}", (i * 7) % 100);
    let own: Vec<String> = (0..specs.len())
        .filter(|&i| specs[i].org == 0)
        .map(id)
        .collect();
    let hosts: Vec<String> = (0..specs.len())
        .filter(|&i| specs[i].org == 2 && specs[i].target == 2)
        .map(id)
        .collect();
    let joinable: Vec<&String> = own.iter().chain(&hosts).collect();

    let mut insts = Vec::new();
    let mut mems = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let org_id = (spec.org == 2).then(|| match spec.target {
            0 => "LH-A".to_string(),
            1 => "LH-B".to_string(),
            2 => id(i),
            k if !joinable.is_empty() => joinable[k % joinable.len()].clone(),
            _ => "LH-A".to_string(),
        });
        let key = org_id.clone().unwrap_or_else(|| id(i));
        let key_affiliation = (key.bytes().map(usize::from).sum::<usize>() + affiliation_seed) % 5;
        let affiliation = match spec.org {
            3 => spec.stray_affiliation.then_some(key_affiliation),
            _ => Some(key_affiliation),
        };
        insts.push(Inst {
            id: id(i),
            founder: spec.founder,
            appraisers: spec.appraisers,
            org: spec.org,
            org_id,
            affiliation,
            flags: spec.flags,
            city: CITIES.get(spec.city).copied(),
        });
        for (j, m) in spec.members.iter().enumerate() {
            let joined = match m.joined {
                0 => None,
                1 => Some((2001, 7, 1)),
                2 => Some((2021, 3, 31)),
                3 => Some((2021, 4, 1)),
                4 => Some((2021, 4, 30)),
                _ => Some((2021, 5, 1)),
            };
            mems.push(Mem {
                id: format!("M{i:02}-{j}"),
                institution: id(i),
                formal: m.formal,
                role: m.role,
                relation: m.relation,
                joined,
            });
        }
    }
    (insts, mems)
}

// Spellings: index 0 is the English key; the rest are Chinese spellings of the same value.
const FOUNDER: [&[&str]; 8] = [
    &["university", "高等院校", "高等院校设立"],
    &["research_institute", "科研院所", "科研院所设立"],
    &["hospital", "医院", "医院设立"],
    &["private_enterprise", "民营企业", "民营企业设立"],
    &["other_enterprise", "其他企业", "其他企业设立"],
    &["social_organization", "社团组织", "社团组织设立"],
    &["private_non_enterprise", "民办非企业", "民办非企业单位"],
    &["other_organization", "其他组织", "其他组织设立"],
];
const PARTY_ORG: [&[&str]; 4] = [
    &["own", "单独成立"],
    &["founder", "设立单位成立"],
    &["joint", "联合"],
    &["none", "无"],
];
const AFFILIATION: [&[&str]; 5] = [
    &["founder_superior", "设立单位上级党组织"],
    &["founder", "设立单位党组织"],
    &["authority", "行业主管部门党组织"],
    &["association", "司法鉴定行业协会党组织"],
    &["other", "其他党组织"],
];
const STATUS: [&[&str]; 2] = [
    &["formal", "正式党员", "正式"],
    &["probationary", "预备党员", "预备"],
];
const ROLE: [&[&str]; 3] = [
    &["full_time", "专职党员司法鉴定人", "专职", "专职鉴定人"],
    &["part_time", "兼职党员司法鉴定人", "兼职", "兼职鉴定人"],
    &["staff", "其他党员工作人员", "其他", "其他工作人员"],
];
const RELATION: [&[&str]; 5] = [
    &["institution", "鉴定机构党组织", "在鉴定机构党组织"],
    &["association", "司法鉴定行业协会党组织", "行业协会党组织"],
    &["founder", "设立单位党组织"],
    &["former", "原单位党组织"],
    &["other", "其他党组织"],
];
const FLAG_KEYS: [(&str, &str); 8] = [
    ("party_lead", "明确党建负责人"),
    ("liaison", "明确党建联络员"),
    ("rules_revised", "完成制度修改"),
    ("charter_revised", "完成章程修改"),
    ("role_mechanism", "建立发挥作用机制"),
    ("dual_entry", "双向进入交叉任职"),
    ("political_review", "明确政治把关作用"),
    ("pioneer", "党员先锋岗或党建示范点"),
];
const INST_KEYS: [(&str, &str); 8] = [
    ("id", "机构编号"),
    ("name", "机构名称"),
    ("city", "设区市"),
    ("founder_type", "设立单位类型"),
    ("appraisers", "鉴定人数"),
    ("party_org", "党组织设置"),
    ("org_id", "党组织编号"),
    ("org_affiliation", "党组织隶属"),
];
const MEMBER_KEYS: [(&str, &str); 7] = [
    ("id", "党员编号"),
    ("name", "姓名"),
    ("institution", "机构编号"),
    ("status", "党员类别"),
    ("role", "人员类别"),
    ("org_relation", "组织关系所在"),
    ("joined_on", "入党日期"),
];

/// How a folder spells its records.
#[derive(Debug, Clone, Copy)]
struct Spelling {
    chinese_headers: bool,
    /// Which spelling of each value: 0 English, 1.. Chinese (clamped to what exists).
    value: usize,
    /// English values in upper case with spaces around them.
    shout: bool,
    /// 0 true/false, 1 是/否, 2 y/n (empty for no), 3 1/0.
    yes_no: usize,
    /// 0 2021-04-01, 1 2021/4/1, 2 2021年4月1日.
    date: usize,
}

impl Spelling {
    fn value(&self, spellings: &[&str]) -> String {
        let word = spellings[self.value.min(spellings.len() - 1)];
        if self.shout && self.value == 0 {
            format!(" {} ", word.to_uppercase())
        } else {
            word.to_string()
        }
    }

    fn yes_no(&self, yes: bool) -> &'static str {
        match (self.yes_no, yes) {
            (0, true) => "true",
            (0, false) => "false",
            (1, true) => "是",
            (1, false) => "否",
            (2, true) => "Y",
            (2, false) => "",
            (_, true) => "1",
            (_, false) => "0",
        }
    }

    fn date(&self, (y, m, d): (i32, u32, u32)) -> String {
        match self.date {
            0 => format!("{y:04}-{m:02}-{d:02}"),
            1 => format!("{y}/{m}/{d}"),
            _ => format!("{y}年{m}月{d}日"),
        }
    }
}

fn inst_cells(inst: &Inst, s: &Spelling) -> Vec<String> {
    let mut cells = vec![
        inst.id.clone(),
        format!("{}鉴定所", inst.id),
        inst.city.unwrap_or("").to_string(),
        s.value(FOUNDER[inst.founder]),
        inst.appraisers.to_string(),
        s.value(PARTY_ORG[inst.org]),
        inst.org_id.clone().unwrap_or_default(),
        inst.affiliation
            .map(|a| s.value(AFFILIATION[a]))
            .unwrap_or_default(),
    ];
    cells.extend(inst.flags.iter().map(|&f| s.yes_no(f).to_string()));
    cells
}

fn member_cells(m: &Mem, s: &Spelling) -> Vec<String> {
    vec![
        m.id.clone(),
        String::new(),
        m.institution.clone(),
        s.value(STATUS[usize::from(!m.formal)]),
        s.value(ROLE[m.role]),
        s.value(RELATION[m.relation]),
        m.joined.map(|d| s.date(d)).unwrap_or_default(),
    ]
}

/// Writes records as CSV, in UTF-8, UTF-8 with a byte-order mark, or GB18030.
fn write_csv(path: &Path, headers: Vec<&str>, rows: Vec<Vec<String>>, encoding: usize) {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&headers).unwrap();
    for row in rows {
        writer.write_record(&row).unwrap();
    }
    let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    let bytes = match encoding {
        0 => text.into_bytes(),
        1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        _ => encoding_rs::GB18030.encode(&text).0.into_owned(),
    };
    std::fs::write(path, bytes).unwrap();
}

fn headers<const N: usize>(
    keys: &[(&'static str, &'static str); N],
    chinese: bool,
) -> Vec<&'static str> {
    keys.iter()
        .map(|&(k, c)| if chinese { c } else { k })
        .collect()
}

/// Writes records as TOML; typed values (booleans, dates) where `typed`, strings otherwise.
fn write_toml_institutions(path: &Path, insts: &[Inst], s: &Spelling, typed: bool) {
    let mut out = String::new();
    for inst in insts {
        out.push_str("[[institution]]\n");
        let cells = inst_cells(inst, s);
        for (i, (key, _)) in INST_KEYS.iter().enumerate() {
            if cells[i].is_empty() {
                continue;
            }
            if *key == "appraisers" && typed {
                let _ = writeln!(out, "{key} = {}", cells[i]);
            } else {
                let _ = writeln!(out, "{key} = {:?}", cells[i]);
            }
        }
        for (i, (key, _)) in FLAG_KEYS.iter().enumerate() {
            if typed {
                let _ = writeln!(out, "{key} = {}", inst.flags[i]);
            } else {
                let _ = writeln!(out, "{key} = {:?}", s.yes_no(inst.flags[i]));
            }
        }
    }
    std::fs::write(path, out).unwrap();
}

fn write_toml_members(path: &Path, mems: &[Mem], s: &Spelling, typed: bool) {
    let mut out = String::new();
    for m in mems {
        out.push_str("[[member]]\n");
        let cells = member_cells(m, s);
        for (i, (key, _)) in MEMBER_KEYS.iter().enumerate() {
            match (*key, m.joined) {
                ("joined_on", Some((y, mo, d))) if typed => {
                    let _ = writeln!(out, "joined_on = {y:04}-{mo:02}-{d:02}");
                }
                _ if cells[i].is_empty() => {}
                _ => {
                    let _ = writeln!(out, "{key} = {:?}", cells[i]);
                }
            }
        }
    }
    std::fs::write(path, out).unwrap();
}

fn write_report(dir: &Path, work: &[Option<bool>; 6], revised: &[bool], unit_city: usize) {
    let mut out = String::new();
    if let Some(city) = CITIES.get(unit_city) {
        let _ = writeln!(out, "[unit]\ncity = {city:?}\n");
    }
    out.push_str("[work]\n");
    let keys = [
        "three_entries",
        "sync_establishment",
        "sync_licensing",
        "sync_inspection",
        "sync_assessment",
        "multi_org_life",
    ];
    for (key, status) in keys.iter().zip(work) {
        match status {
            Some(true) => writeln!(out, "{key} = \"已实现\"").unwrap(),
            Some(false) => writeln!(out, "{key} = \"in_progress\"").unwrap(),
            None => {}
        }
    }
    for (i, r) in revised.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n[[association]]\nname = \"协会{i}\"\ncharter_revised = {r}"
        );
    }
    std::fs::write(dir.join("report.toml"), out).unwrap();
}

/// Writes the same records in one of several layouts and spellings.
fn write_folder(dir: &Path, insts: &[Inst], mems: &[Mem], layout: usize) {
    let english = Spelling {
        chinese_headers: false,
        value: 0,
        shout: false,
        yes_no: 0,
        date: 0,
    };
    let inst_rows = |s: &Spelling| insts.iter().map(|i| inst_cells(i, s)).collect::<Vec<_>>();
    let inst_headers = |chinese| {
        let mut h = headers(&INST_KEYS, chinese);
        h.extend(headers(&FLAG_KEYS, chinese));
        h
    };
    let mem_rows = |s: &Spelling| mems.iter().map(|m| member_cells(m, s)).collect::<Vec<_>>();
    match layout {
        // TOML throughout, English keys and values, typed booleans, integers and dates.
        0 => {
            write_toml_institutions(&dir.join("institutions.toml"), insts, &english, true);
            write_toml_members(&dir.join("members.toml"), mems, &english, true);
        }
        // CSV in UTF-8, English headers, Chinese values, 是/否, 2021/4/1.
        1 => {
            let s = Spelling {
                chinese_headers: false,
                value: 1,
                shout: false,
                yes_no: 1,
                date: 1,
            };
            write_csv(
                &dir.join("institutions.csv"),
                inst_headers(false),
                inst_rows(&s),
                0,
            );
            write_csv(
                &dir.join("members.csv"),
                headers(&MEMBER_KEYS, false),
                mem_rows(&s),
                0,
            );
        }
        // CSV in GB18030, Chinese headers, the second Chinese spellings, y/empty, 年月日.
        2 => {
            let s = Spelling {
                chinese_headers: true,
                value: 2,
                shout: false,
                yes_no: 2,
                date: 2,
            };
            write_csv(
                &dir.join("institutions.csv"),
                inst_headers(s.chinese_headers),
                inst_rows(&s),
                2,
            );
            write_csv(
                &dir.join("members.csv"),
                headers(&MEMBER_KEYS, true),
                mem_rows(&s),
                2,
            );
        }
        // CSV with a byte-order mark, Chinese headers, English values shouted with spaces.
        3 => {
            let s = Spelling {
                chinese_headers: true,
                value: 0,
                shout: true,
                yes_no: 3,
                date: 0,
            };
            write_csv(
                &dir.join("institutions.csv"),
                inst_headers(true),
                inst_rows(&s),
                1,
            );
            write_csv(
                &dir.join("members.csv"),
                headers(&MEMBER_KEYS, true),
                mem_rows(&s),
                1,
            );
        }
        // Split: half the institutions in TOML (string values), half in CSV; members in
        // TOML with Chinese values.
        _ => {
            let s = Spelling {
                chinese_headers: false,
                value: 1,
                shout: false,
                yes_no: 1,
                date: 2,
            };
            let half = insts.len() / 2;
            write_toml_institutions(&dir.join("institutions.toml"), &insts[..half], &s, false);
            let rows = insts[half..]
                .iter()
                .map(|i| inst_cells(i, &english))
                .collect();
            write_csv(&dir.join("institutions.csv"), inst_headers(true), rows, 2);
            write_toml_members(&dir.join("members.toml"), mems, &s, false);
        }
    }
    if !dir.join("members.toml").exists() && !dir.join("members.csv").exists() {
        write_csv(
            &dir.join("members.csv"),
            headers(&MEMBER_KEYS, false),
            Vec::new(),
            0,
        );
    }
}

/// Every table the tests compare: the survey and the monthly table, for all records and
/// for each city.
fn tables(dir: &Path) -> Vec<Table> {
    let mut tables = vec![survey(dir, None), monthly(dir, MONTH, None)];
    let loaded = report::load(dir, Some(day(2021, 4, 30))).unwrap();
    for city in loaded.data.cities() {
        tables.push(survey(dir, Some(city)));
        tables.push(monthly(dir, MONTH, Some(city)));
    }
    tables
}

fn assert_total_is_sum(table: &Table) {
    for (column, item) in table.kind.items().iter().enumerate() {
        if item.total_only() {
            assert!((0..TOTAL).all(|row| table.rows[row][column].is_none()));
            continue;
        }
        let sum: u64 = (0..TOTAL).map(|row| table.rows[row][column].unwrap()).sum();
        assert_eq!(table.rows[TOTAL][column], Some(sum), "item {}", item.number);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_spelling_gives_the_same_tables_and_they_add_up(
        specs in prop::collection::vec(inst_spec(), 0..14),
        affiliation_seed in 0..5usize,
        work in any::<[Option<bool>; 6]>(),
        revised in prop::collection::vec(any::<bool>(), 0..3),
        unit_city in 0..3usize,
    ) {
        let (insts, mems) = build(&specs, affiliation_seed);
        let root = tempfile::tempdir().unwrap();
        let mut first: Option<Vec<Table>> = None;
        for layout in 0..5 {
            let dir = root.path().join(layout.to_string());
            std::fs::create_dir(&dir).unwrap();
            write_folder(&dir, &insts, &mems, layout);
            write_report(&dir, &work, &revised, unit_city);
            let tables = tables(&dir);
            match &first {
                None => first = Some(tables),
                Some(expected) => prop_assert_eq!(expected, &tables, "layout {}", layout),
            }
        }
        let tables = first.unwrap();

        // Invariants are checked by the fixture helpers; here, the total row and direct counts.
        for table in &tables {
            assert_total_is_sum(table);
        }
        let (all_survey, all_monthly) = (&tables[0], &tables[1]);
        prop_assert_eq!(all_survey.rows[TOTAL][0], Some(insts.len() as u64));
        prop_assert_eq!(all_survey.rows[TOTAL][1], Some(insts.iter().map(|i| i.appraisers).sum()));
        prop_assert_eq!(all_survey.rows[TOTAL][23], Some(mems.len() as u64));
        let formal_three: usize = specs.iter().filter(|s| s.members.iter().filter(|m| m.formal).count() >= 3).count();
        prop_assert_eq!(all_survey.rows[TOTAL][2], Some(formal_three as u64));
        // Item 17: one organisation per own or founder institution, plus one per joint id
        // that is not an own institution's.
        let own: BTreeSet<&str> = insts.iter().filter(|i| i.org == 0).map(|i| i.id.as_str()).collect();
        let founder = insts.iter().filter(|i| i.org == 1).count();
        let joint: BTreeSet<&str> = insts.iter().filter_map(|i| i.org_id.as_deref()).filter(|id| !own.contains(id)).collect();
        prop_assert_eq!(all_survey.rows[TOTAL][16], Some((own.len() + founder + joint.len()) as u64));
        // Items 31 + 32: every member who joined in April, counted once.
        let admitted = mems.iter().filter(|m| matches!(m.joined, Some((2021, 4, _)))).count();
        let counted = all_monthly.rows[TOTAL][30].unwrap() + all_monthly.rows[TOTAL][31].unwrap();
        prop_assert_eq!(counted, admitted as u64);

        // The cities' tables add up to the table of all records, except for institutions
        // without a city and for the unit's own facts (items 18–30 of the monthly table).
        let without_city = insts.iter().filter(|i| i.city.is_none()).count();
        if without_city == 0 {
            for (kind_index, all) in [all_survey, all_monthly].into_iter().enumerate() {
                for (column, item) in all.kind.items().iter().enumerate() {
                    if item.total_only() {
                        continue;
                    }
                    for row in 0..ROWS {
                        let by_city: u64 = tables[2..]
                            .iter()
                            .skip(kind_index)
                            .step_by(2)
                            .map(|t| t.rows[row][column].unwrap())
                            .sum();
                        prop_assert_eq!(all.rows[row][column], Some(by_city), "item {} row {}", item.number, row);
                    }
                }
            }
        }
    }
}
