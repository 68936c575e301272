//! Writes a benchmark data folder: N institutions and about ten members each, as CSV (or,
//! with `--toml`, as TOML), deterministic from a seed, with a realistic mix of founding
//! types, organisations and statuses across the eleven cities of a province.
//!
//! cargo run --release --example gen_bench -- DIR N [SEED] [--toml]

use std::fmt::Write as _;
use std::path::PathBuf;

const CITIES: [&str; 11] = [
    "南昌市",
    "景德镇市",
    "萍乡市",
    "九江市",
    "新余市",
    "鹰潭市",
    "赣州市",
    "吉安市",
    "宜春市",
    "抚州市",
    "上饶市",
];
/// Founding types, weighted roughly as in the trade: hospitals and private firms lead.
const FOUNDERS: [(&str, u32); 8] = [
    ("university", 6),
    ("research_institute", 5),
    ("hospital", 30),
    ("private_enterprise", 35),
    ("other_enterprise", 8),
    ("social_organization", 6),
    ("private_non_enterprise", 7),
    ("other_organization", 3),
];
const AFFILIATIONS: [&str; 5] = [
    "founder_superior",
    "founder",
    "authority",
    "association",
    "other",
];
const ROLES: [&str; 3] = ["full_time", "part_time", "staff"];
const RELATIONS: [&str; 5] = ["institution", "association", "founder", "former", "other"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let toml = args.iter().any(|a| a == "--toml");
    let args: Vec<&String> = args.iter().filter(|a| *a != "--toml").collect();
    let (Some(dir), Some(n)) = (args.first(), args.get(1)) else {
        eprintln!("usage: gen_bench DIR N [SEED] [--toml]");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    let n: usize = n.parse().expect("N is a whole number");
    let seed: u64 = args
        .get(2)
        .map_or(1, |s| s.parse().expect("SEED is a whole number"));
    let mut rng = fastrand::Rng::with_seed(seed);
    std::fs::create_dir_all(&dir).unwrap();

    let mut institutions = Vec::with_capacity(n);
    let mut members = Vec::with_capacity(n * 10);
    let total_weight: u32 = FOUNDERS.iter().map(|(_, w)| w).sum();
    for i in 0..n {
        let id = format!("I{i:07}");
        let mut pick = rng.u32(0..total_weight);
        let founder = FOUNDERS
            .iter()
            .find(|(_, w)| {
                let hit = pick < *w;
                pick = pick.saturating_sub(*w);
                hit
            })
            .map_or("hospital", |(f, _)| *f);
        let member_count = rng.usize(0..=20);
        // Organisation: own and founder-covered are common; a third of the rest join one of
        // a few joint organisations per thousand institutions, keyed by block.
        let (org, org_id, affiliation) = match rng.u32(0..10) {
            0..=2 => ("own", String::new(), AFFILIATIONS[rng.usize(0..5)]),
            3..=5 => ("founder", String::new(), AFFILIATIONS[rng.usize(0..2)]),
            6..=7 => {
                let group = i / 50;
                (
                    "joint",
                    format!("LH-{group:05}"),
                    AFFILIATIONS[2 + group % 3],
                )
            }
            _ => ("none", String::new(), ""),
        };
        let flags: Vec<&str> = (0..8)
            .map(|_| if rng.bool() { "true" } else { "false" })
            .collect();
        institutions.push(
            vec![
                id.clone(),
                format!("第{i}司法鉴定所"),
                CITIES[i % CITIES.len()].to_string(),
                founder.to_string(),
                (member_count + rng.usize(0..15)).to_string(),
                org.to_string(),
                org_id,
                affiliation.to_string(),
            ]
            .into_iter()
            .chain(flags.iter().map(|f| f.to_string()))
            .collect::<Vec<String>>(),
        );
        for j in 0..member_count {
            let formal = rng.u32(0..10) < 8;
            let joined = if formal {
                format!(
                    "{}-{:02}-{:02}",
                    rng.i32(1980..2020),
                    rng.u32(1..13),
                    rng.u32(1..29)
                )
            } else {
                format!("2021-{:02}-{:02}", rng.u32(1..5), rng.u32(1..29))
            };
            members.push(vec![
                format!("M{i:07}-{j:02}"),
                format!("党员{j}"),
                id.clone(),
                if formal { "formal" } else { "probationary" }.to_string(),
                ROLES[rng.usize(0..3)].to_string(),
                // Membership is held in the institution only where it has an organisation.
                match org {
                    "own" | "joint" => RELATIONS[rng.usize(0..5)],
                    _ => RELATIONS[rng.usize(1..5)],
                }
                .to_string(),
                joined,
            ]);
        }
    }

    let institution_keys = [
        "id",
        "name",
        "city",
        "founder_type",
        "appraisers",
        "party_org",
        "org_id",
        "org_affiliation",
        "party_lead",
        "liaison",
        "rules_revised",
        "charter_revised",
        "role_mechanism",
        "dual_entry",
        "political_review",
        "pioneer",
    ];
    let member_keys = [
        "id",
        "name",
        "institution",
        "status",
        "role",
        "org_relation",
        "joined_on",
    ];
    if toml {
        write_toml(
            &dir.join("institutions.toml"),
            "institution",
            &institution_keys,
            &institutions,
        );
        write_toml(&dir.join("members.toml"), "member", &member_keys, &members);
    } else {
        write_csv(
            &dir.join("institutions.csv"),
            &institution_keys,
            &institutions,
        );
        write_csv(&dir.join("members.csv"), &member_keys, &members);
    }
    eprintln!(
        "wrote {} institutions and {} members to {}",
        institutions.len(),
        members.len(),
        dir.display()
    );
}

fn write_csv(path: &std::path::Path, keys: &[&str], rows: &[Vec<String>]) {
    let mut writer = csv::Writer::from_path(path).unwrap();
    writer.write_record(keys).unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.flush().unwrap();
}

fn write_toml(path: &std::path::Path, table: &str, keys: &[&str], rows: &[Vec<String>]) {
    let mut out = String::new();
    for row in rows {
        let _ = writeln!(out, "[[{table}]]");
        for (key, value) in keys.iter().zip(row) {
            match value.as_str() {
                "" => {}
                "true" | "false" => {
                    let _ = writeln!(out, "{key} = {value}");
                }
                _ if *key == "appraisers" => {
                    let _ = writeln!(out, "{key} = {value}");
                }
                _ => {
                    let _ = writeln!(out, "{key} = \"{value}\"");
                }
            }
        }
    }
    std::fs::write(path, out).unwrap();
}
