//! Reading `report.toml`: the reporting unit, its monthly work statuses, the trade
//! associations and the register's totals. Every key is optional.

use serde::Deserialize;
use serde::de::{self, Deserializer};

use super::fields::parse_yes_no;
use super::text::LineIndex;
use crate::model::{Association, Registry, ReportUnit, Spelled, Work, WorkStatus};
use crate::problem::Problem;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ReportFile {
    #[serde(default)]
    unit: UnitSection,
    #[serde(default)]
    work: WorkSection,
    #[serde(default)]
    association: Vec<AssociationSection>,
    registry: Option<RegistrySection>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct UnitSection {
    name: Option<String>,
    city: Option<String>,
    head: Option<String>,
    filler: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct WorkSection {
    three_entries: Option<StatusValue>,
    sync_establishment: Option<StatusValue>,
    sync_licensing: Option<StatusValue>,
    sync_inspection: Option<StatusValue>,
    sync_assessment: Option<StatusValue>,
    multi_org_life: Option<StatusValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssociationSection {
    name: String,
    #[serde(default)]
    charter_revised: YesNo,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistrySection {
    institutions: Option<u64>,
    appraisers: Option<u64>,
}

/// A work status in any accepted spelling.
struct StatusValue(WorkStatus);

impl<'de> Deserialize<'de> for StatusValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        WorkStatus::parse(&text).map(StatusValue).ok_or_else(|| {
            de::Error::custom(format!(
                "unknown work status \"{}\"; expected in_progress (推进中) or done (已实现)",
                text.trim()
            ))
        })
    }
}

/// A yes/no value: a boolean, 0/1, or one of the yes/no words.
#[derive(Default)]
struct YesNo(bool);

impl<'de> Deserialize<'de> for YesNo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = toml::Value::deserialize(deserializer)?;
        let parsed = match &value {
            toml::Value::Boolean(b) => Some(*b),
            toml::Value::Integer(0) => Some(false),
            toml::Value::Integer(1) => Some(true),
            toml::Value::String(s) => parse_yes_no(s),
            _ => None,
        };
        parsed.map(YesNo).ok_or_else(|| {
            de::Error::custom(format!(
                "expected yes or no (true/false, 是/否), found {value}"
            ))
        })
    }
}

/// Reads `report.toml`'s text into the reporting unit's facts.
pub fn read(file: &str, text: &str) -> Result<ReportUnit, Box<Problem>> {
    let parsed: ReportFile = toml::from_str(text).map_err(|error| {
        let index = LineIndex::new(text);
        let (line, column) = error.span().map(|s| index.locate(text, s.start)).unzip();
        let problem =
            Problem::new(file, line, error.message().trim().to_string()).at_column(column);
        Box::new(match error.span() {
            Some(span) => problem.at_span(span, "here"),
            None => problem,
        })
    })?;

    let status = |value: Option<StatusValue>| value.map(|v| v.0);
    let work = parsed.work;
    Ok(ReportUnit {
        file: Some(file.to_string()),
        name: parsed.unit.name,
        city: parsed.unit.city.map(|c| c.trim().to_string()),
        head: parsed.unit.head,
        filler: parsed.unit.filler,
        work: Work {
            three_entries: status(work.three_entries),
            sync_establishment: status(work.sync_establishment),
            sync_licensing: status(work.sync_licensing),
            sync_inspection: status(work.sync_inspection),
            sync_assessment: status(work.sync_assessment),
            multi_org_life: status(work.multi_org_life),
        },
        associations: parsed
            .association
            .into_iter()
            .map(|a| Association {
                name: a.name,
                charter_revised: a.charter_revised.0,
            })
            .collect(),
        registry: parsed.registry.map(|r| Registry {
            institutions: r.institutions,
            appraisers: r.appraisers,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_section() {
        let text = r#"
[unit]
name = "九江市司法局"
city = "九江市"

[work]
three_entries = "done"
sync_licensing = "推进中"

[[association]]
name = "协会"
charter_revised = "是"

[registry]
institutions = 16
"#;
        let unit = read("report.toml", text).unwrap();
        assert_eq!(unit.city.as_deref(), Some("九江市"));
        assert_eq!(unit.work.three_entries, Some(WorkStatus::Done));
        assert_eq!(unit.work.sync_licensing, Some(WorkStatus::InProgress));
        assert_eq!(unit.work.sync_assessment, None);
        assert!(unit.associations[0].charter_revised);
        assert_eq!(unit.registry.unwrap().institutions, Some(16));
    }

    #[test]
    fn a_bad_status_is_placed() {
        let problem = read("report.toml", "[work]\nthree_entries = \"finished\"\n").unwrap_err();
        assert_eq!(problem.line, Some(2));
        assert!(problem.message.contains("finished"), "{}", problem.message);
    }
}
