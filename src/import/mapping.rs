//! Mapping files: which column of a spreadsheet is which field of an order, and how the
//! file's words for categories, statuses and callback results map to ours. The shipped
//! mappings (`data/mappings/*.toml`) are compiled in; a user's file can be given instead.

use super::read::{Table, normalize_header};
use crate::domain::{CallbackResult, Category, Status, UnitKind};
use crate::error::{Error, Result};
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

impl Mapping {
    /// Parse a mapping file's text. `origin` names it in messages.
    pub fn parse(text: &str, origin: &str) -> Result<Mapping> {
        let raw: Raw = toml::from_str(text).map_err(|e| {
            Error::Input(format!(
                "mapping {origin}: {}",
                crate::domain::text::one_line(&e.to_string())
            ))
        })?;
        let bad = |what: String| Error::Input(format!("mapping {origin}: {what}"));
        let c = &raw.columns;
        for (field, col) in [
            ("order_no", &c.order_no),
            ("title", &c.title),
            ("received_at", &c.received_at),
        ] {
            if col.as_deref().is_none_or(|s| s.trim().is_empty()) {
                return Err(bad(format!(
                    "[columns] {field} is required (the file's column header for it)"
                )));
            }
        }
        let parse_cat = |s: &str, ctx: &str| -> Result<Category> {
            s.parse().map_err(|e: String| bad(format!("{ctx}: {e}")))
        };
        let parse_cb = |s: &str, ctx: &str| -> Result<CallbackResult> {
            s.parse().map_err(|e: String| bad(format!("{ctx}: {e}")))
        };
        let mut category = BTreeMap::new();
        for (k, v) in &raw.values.category {
            category.insert(key(k), parse_cat(v, &format!("[values.category] '{k}'"))?);
        }
        let mut status = BTreeMap::new();
        for (k, v) in &raw.values.status {
            let s = parse_row_status(v).map_err(|e| bad(format!("[values.status] '{k}': {e}")))?;
            status.insert(key(k), s);
        }
        let mut callback = BTreeMap::new();
        for (k, v) in &raw.values.callback {
            callback.insert(key(k), parse_cb(v, &format!("[values.callback] '{k}'"))?);
        }
        let d = &raw.defaults;
        let default_category = d
            .category
            .as_deref()
            .map(|s| parse_cat(s, "[defaults] category"))
            .transpose()?;
        let unit_kind = d
            .unit_kind
            .as_deref()
            .map(|s| {
                s.parse::<UnitKind>()
                    .map_err(|e| bad(format!("[defaults] unit_kind: {e}")))
            })
            .transpose()?;
        let default_callback = d
            .callback
            .as_deref()
            .map(|s| parse_cb(s, "[defaults] callback"))
            .transpose()?;
        if d.deadline_days.is_some_and(|n| n == 0 || n > 365) {
            return Err(bad(
                "[defaults] deadline_days must be between 1 and 365 working days".into(),
            ));
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
        let mut shown: Vec<String> = table
            .headers
            .iter()
            .take(12)
            .map(|h| crate::domain::text::quote_within(h, 24))
            .collect();
        if table.headers.len() > 12 {
            shown.push("…".into());
        }
        let names: Vec<&str> = SHIPPED.iter().map(|(n, _)| *n).collect();
        Err(Error::Input(format!(
            "cannot tell the layout of this file from its header ({}): it matches none of the shipped mappings ({}); write a mapping file and pass --mapping FILE (see data/mappings/hotline.toml)",
            crate::domain::text::one_line(&shown.join(", ")),
            names.join(", ")
        )))
    }

    /// The file's word for a category, in our terms.
    pub fn category(&self, word: &str) -> Result<Category, String> {
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
            format!(
                "unknown category '{}' (expected 咨询/建议/诉求, inquiry/suggestion/request, or a word from the mapping's [values.category])",
                crate::domain::text::quote(word)
            )
        })
    }

    pub fn status(&self, word: &str) -> Result<RowStatus, String> {
        if let Some(s) = self.status.get(&key(word)) {
            return Ok(*s);
        }
        parse_row_status(word).map_err(|_| {
            format!(
                "unknown status '{}' (expected e.g. 已办结/closed, 办理中/handling, or a word from the mapping's [values.status])",
                crate::domain::text::quote(word)
            )
        })
    }

    pub fn callback(&self, word: &str) -> Result<CallbackResult, String> {
        if let Some(c) = self.callback.get(&key(word)) {
            return Ok(*c);
        }
        word.parse().map_err(|_| {
            format!(
                "unknown callback result '{}' (expected 满意/基本满意/不满意/未接通)",
                crate::domain::text::quote(word)
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
