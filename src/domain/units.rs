//! Naming a unit by what an operator types: the one rule the CLI's `--unit` and the TUI's
//! `:unit` and unit picker share. Operators without a Chinese input method type pinyin
//! (`zjj`, `zhujianju`) or the start of a name, so a unit is found by, best first:
//!
//! 1. its exact name;
//! 2. the whole of its name (any case), of its pinyin initials or of its full spelling;
//! 3. the start of one of those;
//! 4. a part of one of those.
//!
//! The best tier any unit reaches decides: one unit there is the answer, several are an
//! ambiguity naming them all (in the picker's order, below), none is "unknown unit". An empty query is
//! its own refusal. The refusals are worded here, once, in English and Chinese.
//!
//! The picker (`picker`) lists every match best first — by tier; within a tier a match of
//! the name before one of its pinyin, then the shorter name (the nearer completion: 海城镇
//! before 海城供电公司 for `海城`), then the units' order — and preselects a unit only when the
//! rule above names one: an exact name, or the one unit of the best tier. An ambiguous query
//! selects nothing until the user moves onto a unit. A unit to avoid (the one that returned
//! the order being dispatched again) is listed last and never preselected.

use super::lang::Msg;
use super::text::pinyin_of;

/// How well a typed query names a unit; the smaller the better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// Its exact name.
    Exact,
    /// The whole name in any case, the whole initials or the whole spelling.
    Whole,
    /// The start of the name, the initials or the spelling.
    Prefix,
    /// A part of the name, the initials or the spelling (and every unit, for an empty query).
    Contained,
}

/// A unit's name with its pinyin, as the rule compares it.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub name: &'a str,
    /// 住建局 → zjj.
    pub initials: &'a str,
    /// 住建局 → zhujianju.
    pub spelled: &'a str,
}

/// How well `query` names this unit (None: not at all). An empty query matches every unit
/// at the lowest rank (the picker then lists them all).
pub fn rank(c: Candidate, query: &str) -> Option<Rank> {
    rank_by(c, query).map(|(r, _)| r)
}

/// The rank, and whether the name itself (rather than its pinyin) reached it.
fn rank_by(c: Candidate, query: &str) -> Option<(Rank, bool)> {
    let raw = query.trim();
    if raw.is_empty() {
        return Some((Rank::Contained, true));
    }
    if c.name == raw {
        return Some((Rank::Exact, true));
    }
    let q = raw.to_lowercase();
    let name = c.name.to_lowercase();
    let pinyin = [c.initials, c.spelled];
    let test = |f: &dyn Fn(&str) -> bool| -> Option<bool> {
        if f(&name) {
            Some(true)
        } else if pinyin.iter().any(|p| f(p)) {
            Some(false)
        } else {
            None
        }
    };
    if let Some(by_name) = test(&|f| f == q) {
        Some((Rank::Whole, by_name))
    } else if let Some(by_name) = test(&|f| f.starts_with(&q)) {
        Some((Rank::Prefix, by_name))
    } else {
        test(&|f| f.contains(&q)).map(|by_name| (Rank::Contained, by_name))
    }
}

/// Why a query names no single unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing was typed.
    Empty,
    /// No unit matches; `near` are the units whose names the query contains (住建局长 → 住建局).
    Unknown { query: String, near: Vec<String> },
    /// Several units match equally well.
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

impl Refusal {
    /// The refusal in English and Chinese.
    pub fn msg(&self) -> Msg {
        match self {
            Refusal::Empty => Msg::both(
                "no unit given: type a unit's name or its pinyin initials (zjj for 住建局)".into(),
                "未给出单位：请输入单位名称或其拼音首字母（住建局：zjj）".into(),
            ),
            Refusal::Unknown { query, near } if near.is_empty() => Msg::both(
                format!(
                    "unknown unit '{query}': type a unit's name or its pinyin initials (zjj for 住建局)"
                ),
                format!("没有单位“{query}”：请输入单位名称或其拼音首字母（住建局：zjj）"),
            ),
            Refusal::Unknown { query, near } => Msg::both(
                format!("unknown unit '{query}': did you mean {}?", near.join(", ")),
                format!("没有单位“{query}”：是否指{}？", near.join("、")),
            ),
            Refusal::Ambiguous { query, candidates } => Msg::both(
                format!(
                    "'{query}' could be any of {}: type more of the unit's name",
                    candidates.join(", ")
                ),
                format!(
                    "“{query}”匹配多个单位：{}；请输入更完整的单位名称",
                    candidates.join("、")
                ),
            ),
        }
    }
}

/// The units `query` names, best first, with their rank (the picker's list): by rank; within
/// a rank, a match of the name before one of the pinyin, then the shorter name; ties keep the
/// units' order.
pub fn ranked<'a>(
    units: impl IntoIterator<Item = Candidate<'a>>,
    query: &str,
) -> Vec<(Rank, &'a str)> {
    let mut v: Vec<(Rank, bool, &'a str)> = units
        .into_iter()
        .filter_map(|c| rank_by(c, query).map(|(r, by_name)| (r, by_name, c.name)))
        .collect();
    v.sort_by_key(|(r, by_name, name)| (*r, !*by_name, name.chars().count()));
    v.into_iter().map(|(r, _, n)| (r, n)).collect()
}

/// What the unit picker offers for a query: the matching units best first (`ranked`), and
/// the one preselected, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer<'a> {
    pub units: Vec<&'a str>,
    /// Some only when the query names one unit (`resolve`) and it is not the unit to avoid.
    pub selected: Option<usize>,
}

/// The picker's list for `query` (see the module's rule): `avoid` (the unit that returned
/// the order) is listed last, after every other match, and never preselected.
pub fn picker<'a>(
    units: impl IntoIterator<Item = Candidate<'a>>,
    query: &str,
    avoid: Option<&str>,
) -> Offer<'a> {
    let units: Vec<Candidate<'a>> = units.into_iter().collect();
    let mut list: Vec<&'a str> = ranked(units.iter().copied(), query)
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    if let Some(a) = avoid
        && let Some(i) = list.iter().position(|n| *n == a)
    {
        let n = list.remove(i);
        list.push(n);
    }
    let selected = resolve(units.iter().copied(), query)
        .ok()
        .filter(|one| Some(*one) != avoid)
        .and_then(|one| list.iter().position(|n| *n == one));
    Offer {
        units: list,
        selected,
    }
}

/// The one unit `query` names (see the module's rule).
pub fn resolve<'a>(
    units: impl IntoIterator<Item = Candidate<'a>>,
    query: &str,
) -> Result<&'a str, Refusal> {
    let q = query.trim();
    if q.is_empty() {
        return Err(Refusal::Empty);
    }
    let units: Vec<Candidate<'a>> = units.into_iter().collect();
    let hits = ranked(units.iter().copied(), q);
    let Some(best) = hits.first().map(|(r, _)| *r) else {
        let near = units
            .iter()
            .filter(|c| q.contains(c.name))
            .map(|c| c.name.to_string())
            .collect();
        return Err(Refusal::Unknown {
            query: q.to_string(),
            near,
        });
    };
    let mut top = hits.iter().take_while(|(r, _)| *r == best).map(|(_, n)| *n);
    match (top.next(), top.next()) {
        (Some(one), None) => Ok(one),
        _ => Err(Refusal::Ambiguous {
            query: q.to_string(),
            candidates: hits
                .iter()
                .take_while(|(r, _)| *r == best)
                .map(|(_, n)| n.to_string())
                .collect(),
        }),
    }
}

/// `resolve` over plain names (their pinyin spelled here).
pub fn resolve_names<'a>(
    names: impl IntoIterator<Item = &'a str>,
    query: &str,
) -> Result<String, Refusal> {
    let spelled: Vec<(&str, String, String)> = names
        .into_iter()
        .map(|n| {
            let (i, s) = pinyin_of(n);
            (n, i, s)
        })
        .collect();
    resolve(
        spelled.iter().map(|(name, initials, spelled)| Candidate {
            name,
            initials,
            spelled,
        }),
        query,
    )
    .map(str::to_string)
}

/// A unit's name as it is stored: one line (`text::one_line`), without format characters
/// (Unicode category Cf: the zero-width space, joiners, the soft hyphen, the BOM), which show
/// nothing on the screen. The name is otherwise kept as typed (Chinese names use full-width
/// brackets: 公安局（交警队）).
pub fn clean_name(name: &str) -> String {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    let visible: String = name
        .chars()
        .filter(|c| c.general_category() != GeneralCategory::Format)
        .collect();
    super::text::one_line(&visible)
}

/// The form two unit names are compared in: `clean_name`, then Unicode's compatibility form
/// (NFKC: full-width `ＡＢ` is `AB`, `（` is `(`, half-width katakana its full form), so
/// names that read alike on the screen are one name: `住\u{200b}建局` or `住建局 ` cannot sit
/// beside 住建局 in the bulletin as a second unit.
pub fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let k: String = clean_name(name).nfkc().collect();
    // NFKC turns the ideographic space into a plain one: collapse after it.
    super::text::one_line(&k)
}

/// Refuses a new unit name that is an existing unit's name, or reads the same once both are
/// compared by `name_key`; the refusal names the existing unit.
pub fn refuse_lookalike<'a>(
    typed: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> Result<(), Msg> {
    let key = name_key(typed);
    match existing.into_iter().find(|e| name_key(e) == key) {
        None => Ok(()),
        Some(e) if e == typed => Err(Msg::both(
            format!("unit '{e}' already exists"),
            format!("单位“{e}”已存在"),
        )),
        Some(e) => Err(Msg::both(
            format!(
                "unit {typed:?} reads the same as the existing unit '{e}' (the names differ only in invisible or full-width characters): use '{e}'"
            ),
            format!(
                "单位名 {typed:?} 与已有的单位“{e}”看起来相同（只差不可见字符或全角/半角写法）：请使用“{e}”"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNITS: [&str; 8] = [
        "住建局",
        "海城镇",
        "海城供电公司",
        "关桥乡",
        "关庄乡",
        "中介局",
        "住建局派出所",
        "Ab局",
    ];

    fn r(q: &str) -> Result<String, Refusal> {
        resolve_names(UNITS, q)
    }

    fn ambiguous(q: &str) -> Vec<String> {
        match r(q) {
            Err(Refusal::Ambiguous { candidates, .. }) => candidates,
            other => panic!("{q}: {other:?}"),
        }
    }

    #[test]
    fn lookalike_names_normalise_to_one() {
        assert_eq!(clean_name("住\u{200b}建局"), "住建局");
        assert_eq!(clean_name("\u{feff}住建局\u{2060}"), "住建局");
        assert_eq!(
            clean_name("公安局（交警队）"),
            "公安局（交警队）",
            "kept as typed"
        );
        assert_eq!(name_key("ＡＢ局"), "AB局");
        assert_eq!(name_key("城管\u{3000}局 "), "城管 局");
        let units = ["住建局", "水务局", "公安局（交警队）"];
        let e = refuse_lookalike("住\u{200b}建局", units).unwrap_err();
        assert!(e.en.contains("existing unit '住建局'"), "{}", e.en);
        let e = refuse_lookalike("公安局(交警队)", units).unwrap_err();
        assert!(
            e.en.contains("existing unit '公安局（交警队）'"),
            "{}",
            e.en
        );
        assert!(
            refuse_lookalike("住建局", units)
                .unwrap_err()
                .en
                .contains("already exists")
        );
        assert!(refuse_lookalike("交通局", units).is_ok());
    }

    #[test]
    fn the_exact_name_wins_over_every_other_match() {
        // 住建局 is also the start of 住建局派出所.
        assert_eq!(r("住建局").unwrap(), "住建局");
        assert_eq!(r("  住建局 ").unwrap(), "住建局");
    }

    #[test]
    fn whole_initials_or_spelling_win_over_prefixes() {
        // zjj is 住建局's and 中介局's initials entirely, and the start of 住建局派出所's.
        assert_eq!(ambiguous("zjj"), ["住建局", "中介局"]);
        assert_eq!(r("zhujianju").unwrap(), "住建局");
        assert_eq!(r("ZhuJianJu").unwrap(), "住建局");
        assert_eq!(r("AB局").unwrap(), "Ab局");
        assert_eq!(r("gqx").unwrap(), "关桥乡");
    }

    #[test]
    fn a_unique_prefix_names_the_unit() {
        assert_eq!(r("gq").unwrap(), "关桥乡");
        assert_eq!(r("住建局派").unwrap(), "住建局派出所");
        assert_eq!(r("zhongj").unwrap(), "中介局");
        assert_eq!(r("海城供").unwrap(), "海城供电公司");
        // Prefixes of several: all of them, in the units' order.
        assert_eq!(ambiguous("hc"), ["海城镇", "海城供电公司"]);
    }

    #[test]
    fn a_part_counts_when_nothing_starts_so() {
        assert_eq!(r("供电").unwrap(), "海城供电公司");
        assert_eq!(r("派出").unwrap(), "住建局派出所");
        // 乡 is in two names: ambiguous, both named.
        assert_eq!(ambiguous("乡"), ["关桥乡", "关庄乡"]);
        // A prefix match beats a part match: `gz` starts 关庄乡's initials (gzx) and is
        // nowhere else.
        assert_eq!(r("gz").unwrap(), "关庄乡");
    }

    #[test]
    fn unknown_and_empty_are_refused_in_both_languages() {
        assert_eq!(r(" "), Err(Refusal::Empty));
        let e = r("").unwrap_err().msg();
        assert!(e.en.contains("no unit given"), "{e:?}");
        assert!(e.zh.as_deref().is_some_and(|z| z.contains("未给出单位")));

        let unknown = r("火星局").unwrap_err();
        assert_eq!(
            unknown,
            Refusal::Unknown {
                query: "火星局".into(),
                near: vec![]
            }
        );
        let m = unknown.msg();
        assert!(m.en.starts_with("unknown unit '火星局': "), "{m:?}");
        assert!(
            m.zh.as_deref()
                .is_some_and(|z| z.starts_with("没有单位“火星局”"))
        );

        // A query that contains a unit's name suggests it.
        let m = r("住建局长").unwrap_err().msg();
        assert_eq!(m.en, "unknown unit '住建局长': did you mean 住建局?");
        assert_eq!(m.zh.as_deref(), Some("没有单位“住建局长”：是否指住建局？"));

        let m = r("hc").unwrap_err().msg();
        assert!(
            m.en.starts_with("'hc' could be any of 海城镇, 海城供电公司"),
            "{m:?}"
        );
        assert!(
            m.zh.as_deref()
                .is_some_and(|z| z.starts_with("“hc”匹配多个单位：海城镇、海城供电公司"))
        );
    }

    #[test]
    fn the_picker_lists_best_first_and_everything_for_nothing() {
        let spelled: Vec<(String, String)> = UNITS.iter().map(|n| pinyin_of(n)).collect();
        let cands = || {
            UNITS.iter().zip(&spelled).map(|(name, (i, s))| Candidate {
                name,
                initials: i,
                spelled: s,
            })
        };
        let names =
            |q: &str| -> Vec<&str> { ranked(cands(), q).into_iter().map(|x| x.1).collect() };
        assert_eq!(names("").len(), UNITS.len());
        assert_eq!(names("zjj"), ["住建局", "中介局", "住建局派出所"]);
        assert_eq!(names("xyz"), Vec::<&str>::new());
    }

    /// The picker's offer for `q`: the names and the preselected one.
    fn offer(
        units: &[&'static str],
        q: &str,
        avoid: Option<&str>,
    ) -> (Vec<String>, Option<String>) {
        let spelled: Vec<(String, String)> = units.iter().map(|n| pinyin_of(n)).collect();
        let cands = units.iter().zip(&spelled).map(|(name, (i, s))| Candidate {
            name,
            initials: i,
            spelled: s,
        });
        let o = picker(cands, q, avoid);
        let sel = o.selected.map(|i| o.units[i].to_string());
        (o.units.into_iter().map(str::to_string).collect(), sel)
    }

    #[test]
    fn the_picker_preselects_only_a_unit_the_query_names() {
        // The supply company listed first, as the shipped table may: 海城 starts both names,
        // so nothing is preselected, and the township (the nearer completion) is listed first.
        let units = ["海城供电公司", "住建局", "海城镇", "住建局派出所", "中介局"];
        let (list, sel) = offer(&units, "海城", None);
        assert_eq!(list, ["海城镇", "海城供电公司"]);
        assert_eq!(sel, None);
        // The exact name wins and is selected, though it is also the start of another.
        let (list, sel) = offer(&units, "住建局", None);
        assert_eq!(list, ["住建局", "住建局派出所"]);
        assert_eq!(sel.as_deref(), Some("住建局"));
        assert_eq!(offer(&units, "海城镇", None).1.as_deref(), Some("海城镇"));
        // One unit in the best tier: selected.
        assert_eq!(
            offer(&units, "供电", None).1.as_deref(),
            Some("海城供电公司")
        );
        assert_eq!(
            offer(&units, "zhujianju", None).1.as_deref(),
            Some("住建局")
        );
        // Two whole initials (zjj): nothing; nothing typed: nothing.
        assert_eq!(offer(&units, "zjj", None).1, None);
        assert_eq!(offer(&units, "", None).1, None);
        assert_eq!(offer(&units, "", None).0.len(), units.len());
        // A name match comes before a pinyin match of the same tier.
        let (list, _) = offer(&["zz局", "住宅局"], "zz", None);
        assert_eq!(list, ["zz局", "住宅局"]);
    }

    #[test]
    fn the_unit_that_returned_the_order_is_last_and_never_preselected() {
        let units = ["住建局", "海城镇", "住建局派出所"];
        let (list, sel) = offer(&units, "", Some("住建局"));
        assert_eq!(list, ["海城镇", "住建局派出所", "住建局"]);
        assert_eq!(sel, None);
        // Typed exactly, it is still offered (the workflow allows it) but the user must move
        // onto it: it is not selected, nor is the other unit its name starts.
        let (list, sel) = offer(&units, "住建局", Some("住建局"));
        assert_eq!(list, ["住建局派出所", "住建局"]);
        assert_eq!(sel, None);
        // Another unit named exactly is selected as usual.
        let (list, sel) = offer(&units, "住建局派出所", Some("住建局"));
        assert_eq!(list, ["住建局派出所"]);
        assert_eq!(sel.as_deref(), Some("住建局派出所"));
    }
}
