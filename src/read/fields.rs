//! The fields of each record kind and the conversion of their raw values, the same for TOML
//! and CSV: the format readers hand over raw records, and this module alone decides what a
//! value means.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::model::{
    Affiliation, FounderType, Institution, Member, MemberStatus, OrgRelation, Origin, PartyOrg,
    Role, Spelled,
};
use crate::problem::{Problem, nearest};

/// A field: its canonical English key and its Chinese CSV header.
#[derive(Debug)]
pub struct FieldDef {
    pub key: &'static str,
    pub header: &'static str,
}

macro_rules! fields {
    ($($key:literal => $header:literal),+ $(,)?) => {
        &[$(FieldDef { key: $key, header: $header }),+]
    };
}

pub static INSTITUTION_FIELDS: &[FieldDef] = fields![
    "id" => "机构编号",
    "name" => "机构名称",
    "city" => "设区市",
    "founder_type" => "设立单位类型",
    "appraisers" => "鉴定人数",
    "party_org" => "党组织设置",
    "org_id" => "党组织编号",
    "org_affiliation" => "党组织隶属",
    "party_lead" => "明确党建负责人",
    "liaison" => "明确党建联络员",
    "rules_revised" => "完成制度修改",
    "charter_revised" => "完成章程修改",
    "role_mechanism" => "建立发挥作用机制",
    "dual_entry" => "双向进入交叉任职",
    "political_review" => "明确政治把关作用",
    "pioneer" => "党员先锋岗或党建示范点",
];

pub static MEMBER_FIELDS: &[FieldDef] = fields![
    "id" => "党员编号",
    "name" => "姓名",
    "institution" => "机构编号",
    "status" => "党员类别",
    "role" => "人员类别",
    "org_relation" => "组织关系所在",
    "joined_on" => "入党日期",
];

/// The two kinds of record file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Institution,
    Member,
}

impl RecordKind {
    pub fn fields(self) -> &'static [FieldDef] {
        match self {
            RecordKind::Institution => INSTITUTION_FIELDS,
            RecordKind::Member => MEMBER_FIELDS,
        }
    }

    /// The file stem (`institutions`, `members`).
    pub fn file_stem(self) -> &'static str {
        match self {
            RecordKind::Institution => "institutions",
            RecordKind::Member => "members",
        }
    }

    /// The TOML array-of-tables name (`[[institution]]`, `[[member]]`).
    pub fn table_name(self) -> &'static str {
        match self {
            RecordKind::Institution => "institution",
            RecordKind::Member => "member",
        }
    }

    /// Finds a field by its English key (any case) or its Chinese header.
    pub fn field(self, name: &str) -> Option<&'static FieldDef> {
        self.fields()
            .iter()
            .find(|f| f.key.eq_ignore_ascii_case(name) || f.header == name)
    }

    /// The fields every record must have.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            RecordKind::Institution => &["id", "name", "founder_type", "appraisers"],
            RecordKind::Member => &["id", "institution", "status", "role", "org_relation"],
        }
    }

    /// Every accepted field name, for suggestions.
    pub fn field_names(self) -> impl Iterator<Item = &'static str> {
        self.fields().iter().flat_map(|f| [f.key, f.header])
    }
}

/// A value as the file spelled it, before it is given a meaning. Text borrows from the
/// file being read, so a record costs no allocation until it becomes a typed value.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue<'a> {
    Text(&'a str),
    Bool(bool),
    Integer(i64),
    Float(f64),
    Date(toml::value::Datetime),
    /// An array or table where a single value belongs; holds the TOML type's name.
    Nested(&'static str),
}

/// One field's raw value and where it sits.
#[derive(Debug, Clone)]
pub struct RawField<'a> {
    pub value: RawValue<'a>,
    pub line: usize,
    /// A character column for TOML, the field's number for CSV.
    pub column: usize,
    pub place: FieldPlace,
}

/// Where a field's value sits in the decoded file text.
#[derive(Debug, Clone)]
pub enum FieldPlace {
    /// The exact bytes, as the TOML parser reports them.
    Bytes(std::ops::Range<usize>),
    /// The n-th cell (from 0) of the CSV record starting at a byte offset: worked out only
    /// when a problem needs it, since scanning every record for it costs time.
    CsvCell { record_start: usize, index: usize },
}

/// The most fields any record kind has.
const MAX_FIELDS: usize = 16;

/// A record's fields, by their position in the kind's field list.
#[derive(Debug, Clone)]
pub struct Fields<'a> {
    kind: RecordKind,
    slots: [Option<RawField<'a>>; MAX_FIELDS],
}

impl<'a> Fields<'a> {
    pub fn new(kind: RecordKind) -> Self {
        Fields {
            kind,
            slots: std::array::from_fn(|_| None),
        }
    }

    fn slot(&self, key: &str) -> usize {
        self.kind
            .fields()
            .iter()
            .position(|f| f.key == key)
            .expect("field keys are fixed in this module")
    }

    pub fn get(&self, key: &str) -> Option<&RawField<'a>> {
        self.slots[self.slot(key)].as_ref()
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn insert(&mut self, key: &str, field: RawField<'a>) {
        let slot = self.slot(key);
        self.slots[slot] = Some(field);
    }
}

/// One record as read.
#[derive(Debug, Clone)]
pub struct RawRecord<'a> {
    pub file: &'a Arc<str>,
    /// The whole decoded text of the file, for working out places when needed.
    pub text: &'a str,
    pub line: usize,
    /// The byte offset where the record starts.
    pub start: usize,
    pub fields: Fields<'a>,
}

impl RawRecord<'_> {
    /// The bytes of the record's first line, to point at when a field is missing.
    pub fn line_span(&self) -> std::ops::Range<usize> {
        super::text::line_span(self.text, self.start)
    }

    /// The bytes a field's value occupies.
    pub fn span_of(&self, field: &RawField<'_>) -> std::ops::Range<usize> {
        match &field.place {
            FieldPlace::Bytes(range) => range.clone(),
            FieldPlace::CsvCell {
                record_start,
                index,
            } => super::csv_source::field_spans(self.text, *record_start)
                .get(*index)
                .cloned()
                .unwrap_or(*record_start..*record_start),
        }
    }

    /// The record's id as its typed record will have it: trimmed text, or a TOML integer
    /// written out.
    pub fn id(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self.fields.get("id").map(|f| &f.value) {
            Some(RawValue::Text(id)) if !id.trim().is_empty() => Some(id.trim().into()),
            Some(RawValue::Integer(n)) => Some(n.to_string().into()),
            _ => None,
        }
    }
}

/// Reads typed values out of one raw record, noting every problem on the way.
struct FieldReader<'a, 'r> {
    kind: RecordKind,
    record: &'a RawRecord<'r>,
    problems: &'a mut Vec<Problem>,
}

impl<'r> FieldReader<'_, 'r> {
    fn def(&self, key: &str) -> &'static FieldDef {
        self.kind
            .fields()
            .iter()
            .find(|f| f.key == key)
            .expect("field keys are fixed in this module")
    }

    fn describe(&self, key: &str) -> String {
        format!("{} ({})", self.def(key).header, key)
    }

    fn problem(&mut self, field: &RawField, message: String, help: Option<String>) {
        let mut problem = Problem::new(self.record.file, Some(field.line), message)
            .at_column(Some(field.column))
            .at_span(self.record.span_of(field), "this value");
        problem.help = help;
        self.problems.push(problem);
    }

    fn missing(&mut self, key: &str) {
        let message = format!(
            "{} {} has no {}, which is required",
            self.kind.table_name(),
            self.record_label(),
            self.describe(key)
        );
        let def = self.def(key);
        let help = if self.record.file.ends_with(".toml") {
            format!("add a line `{} = …` to this record", def.key)
        } else {
            format!("fill in the {} ({}) column", def.header, def.key)
        };
        self.problems.push(
            Problem::new(self.record.file, Some(self.record.line), message)
                .at_span(self.record.line_span(), "in this record")
                .with_help(help),
        );
    }

    fn record_label(&self) -> String {
        match self.record.fields.get("id").map(|f| &f.value) {
            Some(RawValue::Text(id)) if !id.trim().is_empty() => format!("\"{}\"", id.trim()),
            _ => "record".to_string(),
        }
    }

    /// The field's text, trimmed, borrowed from the file where it can be; an empty text
    /// counts as absent.
    fn text(&mut self, key: &str) -> Option<Cow<'r, str>> {
        let field = self.record.fields.get(key)?;
        match field.value {
            RawValue::Text(text) if text.trim().is_empty() => None,
            RawValue::Text(text) => Some(Cow::Borrowed(text.trim())),
            RawValue::Integer(n) => Some(Cow::Owned(n.to_string())),
            _ => {
                let message = format!(
                    "{} should be text, found {}",
                    self.describe(key),
                    type_name(&field.value)
                );
                self.problem(
                    field,
                    message,
                    Some(format!("write it in quotes: {key} = \"…\"")),
                );
                None
            }
        }
    }

    fn required_text(&mut self, key: &str) -> Option<Cow<'r, str>> {
        let has_field = self.record.fields.contains_key(key);
        let text = self.text(key);
        if text.is_none() && (!has_field || self.is_blank(key)) {
            self.missing(key);
        }
        text
    }

    fn is_blank(&self, key: &str) -> bool {
        matches!(&self.record.fields.get(key).map(|f| &f.value), Some(RawValue::Text(t)) if t.trim().is_empty())
    }

    fn choice<T: Spelled>(&mut self, key: &str) -> Option<T> {
        let field = self.record.fields.get(key)?;
        let RawValue::Text(text) = &field.value else {
            let message = format!(
                "{} should be one of {}; found {}",
                self.describe(key),
                T::described(),
                type_name(&field.value)
            );
            self.problem(field, message, None);
            return None;
        };
        if text.trim().is_empty() {
            return None;
        }
        if let Some(value) = T::parse(text) {
            return Some(value);
        }
        let message = format!(
            "{} has the unknown value \"{}\"; expected one of {}",
            self.describe(key),
            text.trim(),
            T::described()
        );
        let help = nearest(text, T::all_spellings()).map(|s| format!("did you mean \"{s}\"?"));
        self.problem(field, message, help);
        None
    }

    fn required_choice<T: Spelled>(&mut self, key: &str) -> Option<T> {
        let value = self.choice(key);
        if value.is_none() && (!self.record.fields.contains_key(key) || self.is_blank(key)) {
            self.missing(key);
        }
        value
    }

    fn yes_no(&mut self, key: &str) -> bool {
        let Some(field) = self.record.fields.get(key) else {
            return false;
        };
        let parsed = match &field.value {
            RawValue::Bool(b) => Some(*b),
            RawValue::Integer(0) => Some(false),
            RawValue::Integer(1) => Some(true),
            RawValue::Text(text) => parse_yes_no(text),
            _ => None,
        };
        parsed.unwrap_or_else(|| {
            let message = format!(
                "{} should be yes or no, found {}",
                self.describe(key),
                shown(&field.value)
            );
            let help = "write true/false, yes/no, y/n, 1/0 or 是/否; an empty cell means no";
            self.problem(field, message, Some(help.to_string()));
            false
        })
    }

    fn whole_number(&mut self, key: &str) -> Option<u64> {
        let Some(field) = self.record.fields.get(key) else {
            self.missing(key);
            return None;
        };
        let parsed = match &field.value {
            RawValue::Integer(n) => u64::try_from(*n).ok(),
            RawValue::Text(text) if text.trim().is_empty() => {
                self.missing(key);
                return None;
            }
            RawValue::Text(text) => {
                let text = text.trim();
                text.bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| text.parse().ok())
                    .flatten()
            }
            _ => None,
        };
        if parsed.is_none() {
            let message = format!(
                "{} should be a whole number of 0 or more, found {}",
                self.describe(key),
                shown(&field.value)
            );
            self.problem(field, message, None);
        }
        parsed
    }

    fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let field = self.record.fields.get(key)?;
        let parsed = match &field.value {
            RawValue::Text(text) if text.trim().is_empty() => return None,
            RawValue::Text(text) => parse_date(text),
            RawValue::Date(datetime) => match (datetime.date, datetime.time) {
                (Some(d), None) => {
                    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                }
                _ => None,
            },
            _ => None,
        };
        if parsed.is_none() {
            let message = format!(
                "{} should be a date that exists, found {}",
                self.describe(key),
                shown(&field.value)
            );
            let help = "write it as 2021-03-05, 2021/3/5 or 2021年3月5日";
            self.problem(field, message, Some(help.to_string()));
        }
        parsed
    }

    fn origin(&self) -> Origin {
        Origin {
            file: Arc::clone(self.record.file),
            line: self.record.line,
        }
    }
}

/// Accepts true/false, yes/no, y/n, 1/0 and 是/否 in any case; an empty text is no.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    const YES: [&str; 5] = ["true", "yes", "y", "1", "是"];
    const NO: [&str; 5] = ["false", "no", "n", "0", "否"];
    let text = text.trim();
    if text.is_empty() || NO.iter().any(|s| s.eq_ignore_ascii_case(text)) {
        Some(false)
    } else if YES.iter().any(|s| s.eq_ignore_ascii_case(text)) {
        Some(true)
    } else {
        None
    }
}

/// Accepts `2021-03-05`, `2021/3/5` and `2021年3月5日`, and only days that exist.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let parts: Vec<&str> = if let Some(rest) = text.strip_suffix('日') {
        let (year, rest) = rest.split_once('年')?;
        let (month, day) = rest.split_once('月')?;
        vec![year, month, day]
    } else if text.contains('-') {
        text.split('-').collect()
    } else {
        text.split('/').collect()
    };
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str, max_len: usize| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    if year.len() != 4 {
        return None;
    }
    let year = i32::try_from(number(year, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(month, 2)?, number(day, 2)?)
}

fn type_name(value: &RawValue<'_>) -> &'static str {
    match value {
        RawValue::Text(_) => "text",
        RawValue::Bool(_) => "a boolean",
        RawValue::Integer(_) => "a whole number",
        RawValue::Float(_) => "a decimal number",
        RawValue::Date(_) => "a date",
        RawValue::Nested(kind) => kind,
    }
}

/// A value as it stood in the file, for messages.
fn shown(value: &RawValue<'_>) -> String {
    match value {
        RawValue::Text(text) => format!("\"{}\"", text.trim()),
        RawValue::Bool(b) => b.to_string(),
        RawValue::Integer(n) => n.to_string(),
        RawValue::Float(x) => x.to_string(),
        RawValue::Date(d) => d.to_string(),
        RawValue::Nested(kind) => kind.to_string(),
    }
}

/// Builds an institution from a raw record, or notes why it cannot.
pub fn institution(record: &RawRecord<'_>, problems: &mut Vec<Problem>) -> Option<Institution> {
    let before = problems.len();
    let mut r = FieldReader {
        kind: RecordKind::Institution,
        record,
        problems,
    };

    let id = r.required_text("id").map(Cow::into_owned);
    let name = r.required_text("name").map(Cow::into_owned);
    let city = r.text("city").map(Cow::into_owned);
    let founder_type = r.required_choice::<FounderType>("founder_type");
    let appraisers = r.whole_number("appraisers");
    let party_org = r.choice::<PartyOrg>("party_org").unwrap_or(PartyOrg::None);
    let org_id = r.text("org_id").map(Cow::into_owned);
    let org_affiliation = r.choice::<Affiliation>("org_affiliation");
    let party_lead = r.yes_no("party_lead");
    let liaison = r.yes_no("liaison");
    let rules_revised = r.yes_no("rules_revised");
    let charter_revised = r.yes_no("charter_revised");
    let role_mechanism = r.yes_no("role_mechanism");
    let dual_entry = r.yes_no("dual_entry");
    let political_review = r.yes_no("political_review");
    let pioneer = r.yes_no("pioneer");
    let origin = r.origin();
    let institution = Institution {
        id: id?,
        name: name?,
        city,
        founder_type: founder_type?,
        appraisers: appraisers?,
        party_org,
        org_id,
        org_affiliation,
        party_lead,
        liaison,
        rules_revised,
        charter_revised,
        role_mechanism,
        dual_entry,
        political_review,
        pioneer,
        origin,
    };
    (problems.len() == before).then_some(institution)
}

/// Builds a member from a raw record, or notes why it cannot.
pub fn member<'r>(record: &RawRecord<'r>, problems: &mut Vec<Problem>) -> Option<Member<'r>> {
    let before = problems.len();
    let mut r = FieldReader {
        kind: RecordKind::Member,
        record,
        problems,
    };

    let id = r.required_text("id");
    let name = r.text("name");
    let institution = r.required_text("institution");
    let status = r.required_choice::<MemberStatus>("status");
    let role = r.required_choice::<Role>("role");
    let org_relation = r.required_choice::<OrgRelation>("org_relation");
    let joined_on = r.date("joined_on");
    let origin = r.origin();
    let member = Member {
        id: id?,
        name,
        institution: institution?,
        status: status?,
        role: role?,
        org_relation: org_relation?,
        joined_on,
        origin,
    };
    (problems.len() == before).then_some(member)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_no_spellings() {
        for yes in ["true", "YES", "y", "1", " 是 "] {
            assert_eq!(parse_yes_no(yes), Some(true), "{yes}");
        }
        for no in ["False", "no", "N", "0", "否", ""] {
            assert_eq!(parse_yes_no(no), Some(false), "{no}");
        }
        assert_eq!(parse_yes_no("maybe"), None);
    }

    #[test]
    fn date_spellings() {
        let day = NaiveDate::from_ymd_opt(2021, 3, 5);
        assert_eq!(parse_date("2021-03-05"), day);
        assert_eq!(parse_date("2021/3/5"), day);
        assert_eq!(parse_date("2021年3月5日"), day);
        assert_eq!(parse_date("2021-02-29"), None);
        assert_eq!(parse_date("21/3/5"), None);
        assert_eq!(parse_date("2021.3.5"), None);
        assert_eq!(parse_date("2021-3"), None);
    }
}
