//! Reading `report.toml`: the reporting unit, its monthly work statuses, the trade
//! associations and the register's totals. Every key is optional; every problem is
//! reported, each at its place.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::fields::parse_yes_no;
use super::text::LineIndex;
use crate::model::{Association, Registry, ReportUnit, Spelled, Work, WorkStatus};
use crate::problem::{Problem, nearest};

const SECTIONS: [&str; 4] = ["unit", "work", "association", "registry"];
const UNIT_KEYS: [&str; 4] = ["name", "city", "head", "filler"];
const WORK_KEYS: [&str; 6] = [
    "three_entries",
    "sync_establishment",
    "sync_licensing",
    "sync_inspection",
    "sync_assessment",
    "multi_org_life",
];
const ASSOCIATION_KEYS: [&str; 2] = ["name", "charter_revised"];
const REGISTRY_KEYS: [&str; 2] = ["institutions", "appraisers"];

/// Collects problems with their places in one file.
struct Reader<'t> {
    file: &'t str,
    text: &'t str,
    index: LineIndex,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn problem(&mut self, span: Range<usize>, message: String, help: Option<String>) {
        let (line, column) = self.index.locate(self.text, span.start);
        let mut problem = Problem::new(self.file, Some(line), message)
            .at_column(Some(column))
            .at_span(span, "here");
        problem.help = help;
        self.problems.push(problem);
    }

    /// The keys of a table, each checked against the known ones.
    fn keys<'a, 'd>(
        &mut self,
        table: &'a DeTable<'d>,
        section: &str,
        known: &[&'static str],
    ) -> Vec<(&'a str, &'a Spanned<DeValue<'d>>)> {
        let mut found = Vec::new();
        for (key, value) in table {
            let name: &str = key.get_ref();
            if known.contains(&name) {
                found.push((name, value));
            } else {
                let help = match nearest(name, known.iter().copied()) {
                    Some(near) => format!("did you mean \"{near}\"?"),
                    None => format!("the keys of [{section}] are: {}", known.join(", ")),
                };
                self.problem(
                    key.span(),
                    format!("unknown key \"{name}\" in [{section}]"),
                    Some(help),
                );
            }
        }
        found
    }

    fn text(&mut self, value: &Spanned<DeValue<'_>>, what: &str) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.trim().to_string()),
            _ => {
                let found = self.text.get(value.span()).unwrap_or("").trim().to_string();
                let message = format!("{what} should be text in quotes, found {found}");
                self.problem(value.span(), message, None);
                None
            }
        }
    }

    fn status(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<WorkStatus> {
        let parsed = match value.get_ref() {
            DeValue::String(s) => WorkStatus::parse(s),
            _ => None,
        };
        if parsed.is_none() {
            let found = match value.get_ref() {
                DeValue::String(s) => format!("\"{}\"", s.trim()),
                _ => "a value that is not text".to_string(),
            };
            let help = match value.get_ref() {
                DeValue::String(s) => nearest(s, WorkStatus::all_spellings())
                    .map(|near| format!("did you mean \"{near}\"?")),
                _ => None,
            };
            self.problem(
                value.span(),
                format!(
                    "unknown work status {found} for {key}; expected in_progress (推进中) or done (已实现)"
                ),
                help.or_else(|| Some("leave the key out while there is no status".to_string())),
            );
        }
        parsed
    }

    fn yes_no(&mut self, value: &Spanned<DeValue<'_>>, what: &str) -> bool {
        let parsed = match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            DeValue::Integer(n) if n.as_str() == "0" => Some(false),
            DeValue::Integer(n) if n.as_str() == "1" => Some(true),
            DeValue::String(s) => parse_yes_no(s),
            _ => None,
        };
        parsed.unwrap_or_else(|| {
            let found = self.text.get(value.span()).unwrap_or("").trim().to_string();
            self.problem(
                value.span(),
                format!("{what} should be yes or no, found {found}"),
                Some("write true or false (or 是/否)".to_string()),
            );
            false
        })
    }

    fn whole_number(&mut self, value: &Spanned<DeValue<'_>>, what: &str) -> Option<u64> {
        let parsed = match value.get_ref() {
            DeValue::Integer(n) if n.radix() == 10 => n.as_str().replace('_', "").parse().ok(),
            _ => None,
        };
        if parsed.is_none() {
            let found = self.text.get(value.span()).unwrap_or("").trim().to_string();
            self.problem(
                value.span(),
                format!("{what} should be a whole number of 0 or more, found {found}"),
                None,
            );
        }
        parsed
    }

    /// A section that must be a single table (`[unit]`).
    fn table<'a, 'd>(
        &mut self,
        value: &'a Spanned<DeValue<'d>>,
        section: &str,
    ) -> Option<&'a DeTable<'d>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            _ => {
                self.problem(
                    value.span(),
                    format!("[{section}] should be a table"),
                    Some(format!("write it as a [{section}] section")),
                );
                None
            }
        }
    }
}

/// Reads `report.toml`'s text into the reporting unit's facts, or every problem in it.
pub fn read(file: &str, text: &str) -> Result<ReportUnit, Vec<Problem>> {
    let mut reader = Reader {
        file,
        text,
        index: LineIndex::new(text),
        problems: Vec::new(),
    };
    let document = match DeTable::parse(text) {
        Ok(document) => document.into_inner(),
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let message = format!("this is not valid TOML: {}", error.message().trim());
            reader.problem(span, message, None);
            return Err(reader.problems);
        }
    };

    let mut unit = ReportUnit {
        file: Some(file.to_string()),
        ..ReportUnit::default()
    };
    for (key, value) in reader.keys(&document, "report.toml", &SECTIONS) {
        match key {
            "unit" => read_unit(&mut reader, value, &mut unit),
            "work" => read_work(&mut reader, value, &mut unit.work),
            "association" => read_associations(&mut reader, value, &mut unit.associations),
            _ => unit.registry = read_registry(&mut reader, value),
        }
    }

    if reader.problems.is_empty() {
        Ok(unit)
    } else {
        Err(reader.problems)
    }
}

fn read_unit(reader: &mut Reader, value: &Spanned<DeValue<'_>>, unit: &mut ReportUnit) {
    let Some(table) = reader.table(value, "unit") else {
        return;
    };
    for (key, value) in reader.keys(table, "unit", &UNIT_KEYS) {
        let text = reader.text(value, &format!("unit.{key}"));
        match key {
            "name" => unit.name = text,
            "city" => unit.city = text,
            "head" => unit.head = text,
            _ => unit.filler = text,
        }
    }
}

fn read_work(reader: &mut Reader, value: &Spanned<DeValue<'_>>, work: &mut Work) {
    let Some(table) = reader.table(value, "work") else {
        return;
    };
    for (key, value) in reader.keys(table, "work", &WORK_KEYS) {
        let status = reader.status(value, key);
        match key {
            "three_entries" => work.three_entries = status,
            "sync_establishment" => work.sync_establishment = status,
            "sync_licensing" => work.sync_licensing = status,
            "sync_inspection" => work.sync_inspection = status,
            "sync_assessment" => work.sync_assessment = status,
            _ => work.multi_org_life = status,
        }
    }
}

fn read_associations(
    reader: &mut Reader,
    value: &Spanned<DeValue<'_>>,
    associations: &mut Vec<Association>,
) {
    let DeValue::Array(array) = value.get_ref() else {
        reader.problem(
            value.span(),
            "association should be an array of tables".to_string(),
            Some("write each association under its own [[association]] line".to_string()),
        );
        return;
    };
    for element in array.iter() {
        let Some(table) = reader.table(element, "[association]") else {
            continue;
        };
        let mut name = None;
        let mut charter_revised = false;
        for (key, value) in reader.keys(table, "[association]", &ASSOCIATION_KEYS) {
            match key {
                "name" => name = reader.text(value, "association name"),
                _ => charter_revised = reader.yes_no(value, "charter_revised"),
            }
        }
        match name {
            Some(name) => associations.push(Association {
                name,
                charter_revised,
            }),
            None => reader.problem(
                element.span(),
                "an [[association]] has no name".to_string(),
                Some("add a line `name = \"…\"`".to_string()),
            ),
        }
    }
}

fn read_registry(reader: &mut Reader, value: &Spanned<DeValue<'_>>) -> Option<Registry> {
    let table = reader.table(value, "registry")?;
    let mut registry = Registry {
        institutions: None,
        appraisers: None,
    };
    for (key, value) in reader.keys(table, "registry", &REGISTRY_KEYS) {
        let number = reader.whole_number(value, &format!("registry.{key}"));
        match key {
            "institutions" => registry.institutions = number,
            _ => registry.appraisers = number,
        }
    }
    Some(registry)
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
    fn every_problem_is_placed() {
        let text = "[work]\nthree_entries = \"finished\"\nsync_licencing = \"done\"\n\n[registry]\ninstitutions = -4\n";
        let mut problems = read("report.toml", text).unwrap_err();
        problems.sort_by_key(|p| p.line);
        let places: Vec<_> = problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(problems.len(), 3, "{places:?}");
        assert_eq!(problems[0].line, Some(2));
        assert!(problems[0].message.contains("\"finished\""), "{places:?}");
        assert_eq!(problems[1].line, Some(3));
        assert_eq!(
            problems[1].help.as_deref(),
            Some("did you mean \"sync_licensing\"?")
        );
        assert_eq!(problems[2].line, Some(6));
        assert!(
            problems[2].message.contains("registry.institutions"),
            "{places:?}"
        );
    }
}
