//! Mapping files: which column of a spreadsheet is which field of an order, and how the
//! file's words for categories, statuses and callback results map to ours. The shipped
//! mappings (`data/mappings/*.toml`) are compiled in; a user's file can be given instead.

use super::read::{Table, normalize_header};
use crate::domain::{CallbackResult, Category, Status, UnitKind};
use crate::error::{Error, Msg, Result};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The shipped mappings, in the order detection tries them.
pub const SHIPPED: &[(&str, &str)] = &[
    ("hotline", include_str!("../../data/mappings/hotline.toml")),
    (
        "taidi-message-board",
        include_str!("../../data/mappings/taidi-message-board.toml"),
    ),
];

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Detect {
    #[serde(default)]
    pub headers: Vec<String>,
}

/// Our fields → the file's column headers.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub order_no: Option<String>,
    pub received_at: Option<String>,
    pub category: Option<String>,
    pub title: Option<String>,
    pub content: Option<String>,
    pub citizen: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub unit: Option<String>,
    pub dispatched_at: Option<String>,
    pub deadline: Option<String>,
    pub accepted_at: Option<String>,
    pub reply: Option<String>,
    pub replied_at: Option<String>,
    pub callback: Option<String>,
    pub status: Option<String>,
    pub closed_at: Option<String>,
    pub history: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    pub category: Option<String>,
    pub unit: Option<String>,
    pub unit_kind: Option<String>,
    pub callback: Option<String>,
    pub deadline_days: Option<u32>,
    pub order_no_prefix: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Values {
    #[serde(default)]
    pub category: BTreeMap<String, String>,
    #[serde(default)]
    pub status: BTreeMap<String, String>,
    #[serde(default)]
    pub callback: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    name: String,
    #[serde(default)]
    detect: Detect,
    columns: Columns,
    #[serde(default)]
    defaults: Defaults,
    #[serde(default)]
    values: Values,
}

/// What a status word in a file can mean: one of our statuses, or a row that records a
/// supervision of a unit as a whole (our own export writes those).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStatus {
    Order(Status),
    UnitSupervision,
}

/// A checked mapping.
#[derive(Debug, Clone)]
pub struct Mapping {
    pub name: String,
    pub detect: Vec<String>,
    pub columns: Columns,
    pub default_category: Option<Category>,
    pub default_unit: Option<String>,
    pub unit_kind: Option<UnitKind>,
    pub default_callback: Option<CallbackResult>,
    pub deadline_days: Option<u32>,
    pub order_no_prefix: String,
    category: BTreeMap<String, Category>,
    status: BTreeMap<String, RowStatus>,
    callback: BTreeMap<String, CallbackResult>,
}

fn key(s: &str) -> String {
    normalize_header(s).to_lowercase()
}

/// Our fields, as `[columns]` names them.
pub const FIELDS: &[&str] = &[
    "order_no",
    "received_at",
    "category",
    "title",
    "content",
    "citizen",
    "phone",
    "address",
    "unit",
    "dispatched_at",
    "deadline",
    "accepted_at",
    "reply",
    "replied_at",
    "callback",
    "status",
    "closed_at",
    "history",
];
const TOP_KEYS: &[&str] = &["name", "detect", "columns", "defaults", "values"];
const DETECT_KEYS: &[&str] = &["headers"];
const DEFAULT_KEYS: &[&str] = &[
    "category",
    "unit",
    "unit_kind",
    "callback",
    "deadline_days",
    "order_no_prefix",
];
const VALUE_KEYS: &[&str] = &["category", "status", "callback"];

/// One problem of a mapping file, in both languages.
type Problem = (String, String);

/// Keys of `t` not in `allowed`: reported and removed, so that the rest is still checked.
fn unknown_keys(t: &mut toml::Table, section: &str, allowed: &[&str], problems: &mut Vec<Problem>) {
    let bad: Vec<String> = t
        .keys()
        .filter(|k| !allowed.contains(&k.as_str()))
        .cloned()
        .collect();
    for k in bad {
        t.remove(&k);
        let k = crate::domain::text::quote(&k);
        let what = if section.is_empty() {
            k.clone()
        } else {
            format!("{section} {k}")
        };
        problems.push((
            format!(
                "{what} is not a key a mapping knows (here: {}): correct or remove it",
                allowed.join(", ")
            ),
            format!(
                "{what} 不是映射文件的键（此处可用：{}）：请改正或删除",
                allowed.join("、")
            ),
        ));
    }
}

/// The one error for all the problems of mapping `origin`.
fn problems_error(origin: &str, problems: &[Problem]) -> Error {
    let n = problems.len();
    let en: Vec<String> = problems
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}) {}", i + 1, p.0))
        .collect();
    let zh: Vec<String> = problems
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}）{}", i + 1, p.1))
        .collect();
    Error::Invalid(Msg::both(
        format!(
            "mapping {origin}: {n} problem{}: {}",
            if n == 1 { "" } else { "s" },
            en.join("; ")
        ),
        format!("映射文件 {origin}：{n} 处问题：{}", zh.join("；")),
    ))
}

impl Mapping {
    /// Parse a mapping file's text. `origin` names it in messages. Every problem is reported
    /// at once (one error listing them, each with its section and how to fix it); only a file
    /// that is not TOML at all stops at its first syntax error.
    pub fn parse(text: &str, origin: &str) -> Result<Mapping> {
        let mut table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let e = crate::domain::text::one_line(&e.to_string());
            Error::Invalid(Msg::both(
                format!("mapping {origin}: not valid TOML: {e}"),
                format!("映射文件 {origin}：不是有效的 TOML：{e}"),
            ))
        })?;
        let mut problems: Vec<Problem> = Vec::new();
        unknown_keys(&mut table, "", TOP_KEYS, &mut problems);
        for (section, allowed) in [
            ("detect", DETECT_KEYS),
            ("columns", FIELDS),
            ("defaults", DEFAULT_KEYS),
            ("values", VALUE_KEYS),
        ] {
            if let Some(toml::Value::Table(t)) = table.get_mut(section) {
                unknown_keys(t, &format!("[{section}]"), allowed, &mut problems);
            }
        }
        let raw: Raw = match toml::Value::Table(table).try_into() {
            Ok(raw) => raw,
            Err(e) => {
                let e = crate::domain::text::one_line(&e.to_string());
                problems.push((e.clone(), e));
                return Err(problems_error(origin, &problems));
            }
        };
        let c = &raw.columns;
        for (field, col) in [
            ("order_no", &c.order_no),
            ("title", &c.title),
            ("received_at", &c.received_at),
        ] {
            if col.as_deref().is_none_or(|s| s.trim().is_empty()) {
                problems.push((
                    format!("[columns] {field} is required (the file's column header for it)"),
                    format!("[columns] {field} 为必填项（填文件中对应列的表头）"),
                ));
            }
        }
        let mut bad = |ctx: &str, e: String| {
            problems.push((format!("{ctx}: {e}"), format!("{ctx}：{e}")));
        };
        let mut category = BTreeMap::new();
        for (k, v) in &raw.values.category {
            match v.parse::<Category>() {
                Ok(c) => {
                    category.insert(key(k), c);
                }
                Err(e) => bad(&format!("[values.category] '{k}'"), e),
            }
        }
        let mut status = BTreeMap::new();
        for (k, v) in &raw.values.status {
            match parse_row_status(v) {
                Ok(s) => {
                    status.insert(key(k), s);
                }
                Err(e) => bad(&format!("[values.status] '{k}'"), e),
            }
        }
        let mut callback = BTreeMap::new();
        for (k, v) in &raw.values.callback {
            match v.parse::<CallbackResult>() {
                Ok(c) => {
                    callback.insert(key(k), c);
                }
                Err(e) => bad(&format!("[values.callback] '{k}'"), e),
            }
        }
        let d = &raw.defaults;
        let default_category = d.category.as_deref().and_then(|s| {
            s.parse::<Category>()
                .map_err(|e| bad("[defaults] category", e))
                .ok()
        });
        let unit_kind = d.unit_kind.as_deref().and_then(|s| {
            s.parse::<UnitKind>()
                .map_err(|e| bad("[defaults] unit_kind", e))
                .ok()
        });
        let default_callback = d.callback.as_deref().and_then(|s| {
            s.parse::<CallbackResult>()
                .map_err(|e| bad("[defaults] callback", e))
                .ok()
        });
        if d.deadline_days.is_some_and(|n| n == 0 || n > 365) {
            problems.push((
                "[defaults] deadline_days must be between 1 and 365 working days".into(),
                "[defaults] deadline_days 须为 1 至 365 个工作日".into(),
            ));
        }
        if !problems.is_empty() {
            return Err(problems_error(origin, &problems));
        }
        Ok(Mapping {
            name: raw.name,
            detect: raw.detect.headers,
            columns: raw.columns,
            default_category,
            default_unit: d
                .unit
                .as_deref()
                .map(crate::domain::text::one_line)
                .filter(|u| !u.is_empty()),
            unit_kind,
            default_callback,
            deadline_days: d.deadline_days,
            order_no_prefix: d.order_no_prefix.clone().unwrap_or_default(),
            category,
            status,
            callback,
        })
    }

    /// The names of the shipped mappings.
    pub fn shipped_names() -> Vec<&'static str> {
        SHIPPED.iter().map(|(n, _)| *n).collect()
    }

    /// A shipped mapping's file, as shipped (to copy and edit).
    pub fn shipped_text(name: &str) -> Result<&'static str> {
        SHIPPED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
            .ok_or_else(|| {
                let names = Self::shipped_names().join(", ");
                let q = crate::domain::text::quote(name);
                Error::Invalid(Msg::both(
                    format!("no shipped mapping is called '{q}' (the shipped ones: {names})"),
                    format!("没有名为“{q}”的内置映射（内置映射：{names}）"),
                ))
            })
    }

    /// The mapping `--mapping` names: a shipped mapping's name (`hotline mapping list`), else
    /// a mapping file's path.
    pub fn load(spec: &std::path::Path) -> Result<Mapping> {
        let name = spec.to_string_lossy();
        if let Some((n, text)) = SHIPPED.iter().find(|(n, _)| *n == name) {
            return Mapping::parse(text, &format!("data/mappings/{n}.toml"));
        }
        let text = std::fs::read_to_string(spec).map_err(|e| {
            let names = Self::shipped_names().join(", ");
            let p = spec.display();
            Error::Invalid(Msg::both(
                format!(
                    "cannot read mapping {p}: {e}; --mapping takes a mapping file or the name of a shipped one ({names}: see `hotline mapping list`)"
                ),
                format!(
                    "无法读取映射文件 {p}：{e}；--mapping 需要映射文件的路径或内置映射的名称（{names}：见 `hotline mapping list`）"
                ),
            ))
        })?;
        Mapping::parse(&text, &spec.display().to_string())
    }

    pub fn shipped(name: &str) -> Option<Mapping> {
        SHIPPED
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(n, text)| Mapping::parse(text, &format!("data/mappings/{n}.toml")).ok())
    }

    /// The shipped mapping whose detection headers the file has, if one does.
    pub fn detect(table: &Table) -> Result<Mapping> {
        for (n, text) in SHIPPED {
            let m = Mapping::parse(text, &format!("data/mappings/{n}.toml"))?;
            if !m.detect.is_empty() && m.detect.iter().all(|h| table.column(h).is_some()) {
                return Ok(m);
            }
        }
        // A layout the header matches but for some columns: name it and what is missing.
        let mut best: Option<(usize, Mapping)> = None;
        for (n, text) in SHIPPED {
            let m = Mapping::parse(text, &format!("data/mappings/{n}.toml"))?;
            let present = m
                .detect
                .iter()
                .filter(|h| table.column(h).is_some())
                .count();
            if present >= 2 && best.as_ref().is_none_or(|(p, _)| present > *p) {
                best = Some((present, m));
            }
        }
        if let Some((present, m)) = best {
            let missing: Vec<&str> = m
                .detect
                .iter()
                .filter(|h| table.column(h).is_none())
                .map(String::as_str)
                .collect();
            let (name, n, missing) = (&m.name, m.detect.len(), missing.join(", "));
            return Err(Error::Invalid(Msg::both(
                format!(
                    "this file's header has {present} of the {n} columns that identify the shipped layout {name} but lacks {missing}: if the file is that layout without them, pass --mapping {name} (the fields they would give stay empty); else write a mapping file (`hotline mapping show {name}` prints one to start from)"
                ),
                format!(
                    "此文件的表头有内置格式 {name} 的 {n} 个识别列中的 {present} 个，但缺少 {missing}：如果文件就是缺了这些列的该格式，请加 --mapping {name}（这些列对应的字段留空）；否则请编写映射文件（`hotline mapping show {name}` 可打印一份作为起点）"
                ),
            )));
        }
        let mut shown: Vec<String> = table
            .headers
            .iter()
            .take(12)
            .map(|h| crate::domain::text::quote_within(h, 24))
            .collect();
        if table.headers.len() > 12 {
            shown.push("…".into());
        }
        let names = Self::shipped_names().join(", ");
        let shown = crate::domain::text::one_line(&shown.join(", "));
        Err(Error::Invalid(Msg::both(
            format!(
                "cannot tell the layout of this file from its header ({shown}): it matches none of the shipped mappings ({names}); write a mapping file and pass --mapping FILE (`hotline mapping show hotline` prints one to start from)"
            ),
            format!(
                "无法从表头（{shown}）判断此文件的格式：它不符合任何内置映射（{names}）；请编写映射文件并用 --mapping FILE 指定（`hotline mapping show hotline` 可打印一份作为起点）"
            ),
        )))
    }

    /// The file's word for a category, in our terms.
    pub fn category(&self, word: &str) -> Result<Category, Msg> {
        if let Some(c) = self.category.get(&key(word)) {
            return Ok(*c);
        }
        match word.trim() {
            "求助" | "投诉" | "举报" | "诉求类" | "其他" => {
                return Ok(Category::Request);
            }
            "咨询类" => return Ok(Category::Inquiry),
            "建议类" => return Ok(Category::Suggestion),
            _ => {}
        }
        word.parse().map_err(|_| {
            let w = crate::domain::text::quote(word);
            Msg::both(
                format!(
                    "unknown category '{w}' (expected 咨询/建议/诉求, inquiry/suggestion/request, or a word from the mapping's [values.category])"
                ),
                format!(
                    "未知的类别“{w}”（应为 咨询/建议/诉求、inquiry/suggestion/request，或映射文件 [values.category] 中的词）"
                ),
            )
        })
    }

    pub fn status(&self, word: &str) -> Result<RowStatus, Msg> {
        if let Some(s) = self.status.get(&key(word)) {
            return Ok(*s);
        }
        parse_row_status(word).map_err(|_| {
            let w = crate::domain::text::quote(word);
            Msg::both(
                format!(
                    "unknown status '{w}' (expected e.g. 已办结/closed, 办理中/handling, or a word from the mapping's [values.status])"
                ),
                format!(
                    "未知的状态“{w}”（应为如 已办结/closed、办理中/handling，或映射文件 [values.status] 中的词）"
                ),
            )
        })
    }

    pub fn callback(&self, word: &str) -> Result<CallbackResult, Msg> {
        if let Some(c) = self.callback.get(&key(word)) {
            return Ok(*c);
        }
        word.parse().map_err(|_| {
            let w = crate::domain::text::quote(word);
            Msg::both(
                format!("unknown callback result '{w}' (expected 满意/基本满意/不满意/未接通)"),
                format!("未知的回访结果“{w}”（应为 满意/基本满意/不满意/未接通）"),
            )
        })
    }

    /// (field, header) for every mapped column.
    pub fn mapped(&self) -> Vec<(&'static str, &str)> {
        let c = &self.columns;
        [
            ("order_no", &c.order_no),
            ("received_at", &c.received_at),
            ("category", &c.category),
            ("title", &c.title),
            ("content", &c.content),
            ("citizen", &c.citizen),
            ("phone", &c.phone),
            ("address", &c.address),
            ("unit", &c.unit),
            ("dispatched_at", &c.dispatched_at),
            ("deadline", &c.deadline),
            ("accepted_at", &c.accepted_at),
            ("reply", &c.reply),
            ("replied_at", &c.replied_at),
            ("callback", &c.callback),
            ("status", &c.status),
            ("closed_at", &c.closed_at),
            ("history", &c.history),
        ]
        .into_iter()
        .filter_map(|(f, h)| h.as_deref().map(|h| (f, h)))
        .collect()
    }
}

fn parse_row_status(word: &str) -> Result<RowStatus, String> {
    let w = word.trim();
    if matches!(w, "unit_supervision" | "单位督办") {
        return Ok(RowStatus::UnitSupervision);
    }
    let extra = match w {
        "已受理" | "待派单" | "待处理" => Some(Status::Received),
        "已转办" | "已派单" | "已交办" => Some(Status::Dispatched),
        "已签收" | "处理中" | "正在办理" | "重办中" => Some(Status::Handling),
        "已回复" | "已反馈" | "待审核" => Some(Status::Replied),
        "已审核" => Some(Status::AwaitingCallback),
        "办结" | "已完成" | "已结案" | "已归档" => Some(Status::Closed),
        _ => None,
    };
    if let Some(s) = extra {
        return Ok(RowStatus::Order(s));
    }
    w.parse::<Status>()
        .map(RowStatus::Order)
        .or_else(|e| match w {
            "callback" => Ok(RowStatus::Order(Status::AwaitingCallback)),
            _ => Err(e),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_mappings_parse() {
        for (n, _) in SHIPPED {
            assert!(Mapping::shipped(n).is_some(), "{n}");
        }
        let m = Mapping::shipped("taidi-message-board").unwrap();
        assert_eq!(m.default_unit.as_deref(), Some("留言板承办单位"));
        assert_eq!(m.order_no_prefix, "LY");
        let h = Mapping::shipped("hotline").unwrap();
        assert_eq!(h.status("单位督办"), Ok(RowStatus::UnitSupervision));
        assert_eq!(h.status("已办结"), Ok(RowStatus::Order(Status::Closed)));
        assert_eq!(h.category("投诉"), Ok(Category::Request));
        assert_eq!(
            h.callback("基本满意"),
            Ok(CallbackResult::BasicallySatisfied)
        );
    }

    #[test]
    fn bad_mappings_say_what_is_wrong() {
        let e = Mapping::parse("name='x'\n[columns]\ntitle='标题'\n", "m.toml").unwrap_err();
        assert!(e.to_string().contains("order_no is required"), "{e}");
        let e = Mapping::parse(
            "name='x'\n[columns]\norder_no='a'\ntitle='b'\nreceived_at='c'\n[values.category]\n'咨询'='question'\n",
            "m.toml",
        )
        .unwrap_err();
        assert!(e.to_string().contains("question"), "{e}");
        let e = Mapping::parse(
            "name='x'\n[columns]\norder_no='a'\ntitle='b'\nreceived_at='c'\nfoo='d'\n",
            "m.toml",
        )
        .unwrap_err();
        assert!(e.to_string().contains("foo"), "{e}");
    }
}
