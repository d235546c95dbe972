//! Assessment packs (考核规则包): which figures a locality prints about its units, how it
//! weighs them into a score, its floors (底线) and its red and black lists (红黑榜). A pack is
//! data, a dated TOML file (`data/assessment/*.toml`, or `--pack FILE`); every figure a pack
//! may name is defined here once, from the scorecard's counts (`scorecard::UnitRow`), and
//! quoted in the README's definitions table.
//!
//! Units are ranked within their tier (县直单位, 乡镇区), never across tiers.

use super::order::{ExemptionKind, UnitKind};
use super::scorecard::{CallbackCounts, HOUR_MARKS, Scorecard, UnitRow, percent};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A figure a pack may print, weigh or floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// 承办量: dispatched to the unit in the period and held by it (`scorecard::is_assigned_to`).
    Assigned,
    /// 办结量.
    Closed,
    /// 超期30天以上工单数 (open or closed late).
    #[serde(rename = "overdue_30d")]
    Overdue30d,
    /// 现超期: of the assigned, open and late now.
    LateNow,
    /// 督办次数.
    Supervisions,
    /// 催办次数.
    Urges,
    /// 重办次数.
    Redos,
    /// 迟退单: returns approved in the period that the unit asked for after the deadline.
    LateReturns,
    /// 有效回访: callbacks that reached the citizen (by the pack's redo rule).
    ValidCallbacks,
    /// 办结率 = closed / assigned.
    ClosureRate,
    /// 按时办结率 = closed on time / closed.
    OnTimeRate,
    /// 回复率 = assigned orders the unit replied to / assigned.
    ReplyRate,
    /// 响应率 = callbacks answering "contacted: yes" / valid callbacks asked the question.
    ResponseRate,
    /// 解决率 = callbacks answering "solved" (and "explained" when the pack counts it) /
    /// valid callbacks asked the question.
    SolveRate,
    /// 满意率 = (满意 + w × 基本满意) / valid callbacks, w the pack's `basic_weight`.
    SatisfactionRate,
    /// 先行联系率 = assigned orders whose first contact came within `contact_hours` / assigned.
    FirstContactRate,
    /// 及时签收率 = assigned orders signed within `sign_hours` / assigned.
    SignedOnTimeRate,
    /// 回退率 = returns / dispatches to the unit (both in the period).
    ReturnRate,
    /// 重办率 = redos / assigned.
    RedoRate,
    /// 受理量占比 = assigned / the assigned of the unit's tier.
    LoadShare,
}

impl Figure {
    pub const ALL: [Figure; 20] = [
        Figure::Assigned,
        Figure::Closed,
        Figure::Overdue30d,
        Figure::LateNow,
        Figure::Supervisions,
        Figure::Urges,
        Figure::Redos,
        Figure::LateReturns,
        Figure::ValidCallbacks,
        Figure::ClosureRate,
        Figure::OnTimeRate,
        Figure::ReplyRate,
        Figure::ResponseRate,
        Figure::SolveRate,
        Figure::SatisfactionRate,
        Figure::FirstContactRate,
        Figure::SignedOnTimeRate,
        Figure::ReturnRate,
        Figure::RedoRate,
        Figure::LoadShare,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Figure::Assigned => "assigned",
            Figure::Closed => "closed",
            Figure::Overdue30d => "overdue_30d",
            Figure::LateNow => "late_now",
            Figure::Supervisions => "supervisions",
            Figure::Urges => "urges",
            Figure::Redos => "redos",
            Figure::LateReturns => "late_returns",
            Figure::ValidCallbacks => "valid_callbacks",
            Figure::ClosureRate => "closure_rate",
            Figure::OnTimeRate => "on_time_rate",
            Figure::ReplyRate => "reply_rate",
            Figure::ResponseRate => "response_rate",
            Figure::SolveRate => "solve_rate",
            Figure::SatisfactionRate => "satisfaction_rate",
            Figure::FirstContactRate => "first_contact_rate",
            Figure::SignedOnTimeRate => "signed_on_time_rate",
            Figure::ReturnRate => "return_rate",
            Figure::RedoRate => "redo_rate",
            Figure::LoadShare => "load_share",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Figure::Assigned => "承办量",
            Figure::Closed => "办结量",
            Figure::Overdue30d => "超期30天以上",
            Figure::LateNow => "现超期",
            Figure::Supervisions => "督办次数",
            Figure::Urges => "催办次数",
            Figure::Redos => "重办次数",
            Figure::LateReturns => "迟退单",
            Figure::ValidCallbacks => "有效回访",
            Figure::ClosureRate => "办结率",
            Figure::OnTimeRate => "按时办结率",
            Figure::ReplyRate => "回复率",
            Figure::ResponseRate => "响应率",
            Figure::SolveRate => "解决率",
            Figure::SatisfactionRate => "满意率",
            Figure::FirstContactRate => "先行联系率",
            Figure::SignedOnTimeRate => "及时签收率",
            Figure::ReturnRate => "回退率",
            Figure::RedoRate => "重办率",
            Figure::LoadShare => "受理量占比",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Figure::Assigned => "Assigned",
            Figure::Closed => "Closed",
            Figure::Overdue30d => ">30d late",
            Figure::LateNow => "Late now",
            Figure::Supervisions => "Supervised",
            Figure::Urges => "Urged",
            Figure::Redos => "Redone",
            Figure::LateReturns => "Late returns",
            Figure::ValidCallbacks => "Valid callbacks",
            Figure::ClosureRate => "Closure",
            Figure::OnTimeRate => "On time",
            Figure::ReplyRate => "Replied",
            Figure::ResponseRate => "Response",
            Figure::SolveRate => "Solved",
            Figure::SatisfactionRate => "Satisfaction",
            Figure::FirstContactRate => "First contact",
            Figure::SignedOnTimeRate => "Signed on time",
            Figure::ReturnRate => "Return rate",
            Figure::RedoRate => "Redo rate",
            Figure::LoadShare => "Load share",
        }
    }

    pub fn is_rate(self) -> bool {
        !matches!(
            self,
            Figure::Assigned
                | Figure::Closed
                | Figure::Overdue30d
                | Figure::LateNow
                | Figure::Supervisions
                | Figure::Urges
                | Figure::Redos
                | Figure::LateReturns
                | Figure::ValidCallbacks
        )
    }
}

/// A figure's value for one unit: a count, or a rate as an exact fraction (printed with
/// `scorecard::percent`, half up from the counts), or no rate (a zero base, printed “—”).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Count(u64),
    Rate { part: u64, base: u64 },
}

impl Value {
    /// The rate as a fraction (0..=1), or the count; None for a rate of a zero base.
    pub fn number(self) -> Option<f64> {
        match self {
            Value::Count(n) => Some(n as f64),
            Value::Rate { base: 0, .. } => None,
            Value::Rate { part, base } => Some(part as f64 / base as f64),
        }
    }
    /// As every face prints it: the count, or the per cent with one decimal.
    pub fn show(self) -> String {
        match self {
            Value::Count(n) => n.to_string(),
            Value::Rate { part, base } => percent(part, base),
        }
    }
}

/// Which of an order's callbacks count after a redo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RedoRule {
    /// Each order's latest valid callback replaces the earlier ones (Guangzhou's rule).
    #[default]
    Replace,
    /// Every valid callback counts (the seed bulletin's basis).
    Every,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub figure: Figure,
    /// Points for a rate of 100 % (a rate's points are `weight × rate`).
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deduction {
    pub figure: Figure,
    /// Points taken off per order (or per event) the count names.
    pub points: f64,
}

/// How a pack scores a unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Score {
    /// Σ weight × rate (e.g. 10 响应 + 50 解决 + 40 满意).
    Weighted { terms: Vec<Term> },
    /// base − Σ points × count, never below 0 (扣分制).
    Deduction {
        base: f64,
        deductions: Vec<Deduction>,
    },
}

/// 底线: a unit whose rate is below `min_percent` is flagged whatever its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floor {
    pub figure: Figure,
    pub min_percent: f64,
}

/// An assessment pack, as its TOML file says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub name: String,
    pub title: String,
    #[serde(default)]
    pub title_en: String,
    pub valid_from: NaiveDate,
    #[serde(default)]
    pub valid_to: Option<NaiveDate>,
    /// w in 满意率 = (满意 + w × 基本满意) / valid; two decimals at most.
    #[serde(default = "one")]
    pub basic_weight: f64,
    /// Count 解释说明 as solved in 解决率.
    #[serde(default)]
    pub explained_counts_as_solved: bool,
    #[serde(default)]
    pub redo_rule: RedoRule,
    /// The limits of 及时签收率 and 先行联系率, in clock hours (one of `HOUR_MARKS`).
    #[serde(default = "day_hours")]
    pub sign_hours: i64,
    #[serde(default = "day_hours")]
    pub contact_hours: i64,
    /// The exemptions (剔除) this pack honours; an exemption of another kind still counts.
    #[serde(default)]
    pub exemption_kinds: Vec<ExemptionKind>,
    /// The figures printed, in order.
    pub columns: Vec<Figure>,
    #[serde(default)]
    pub score: Option<Score>,
    #[serde(default)]
    pub floors: Vec<Floor>,
    /// 红黑榜: the best and worst N of each tier by score (0: none).
    #[serde(default)]
    pub red_black: usize,
}

fn one() -> f64 {
    1.0
}
fn day_hours() -> i64 {
    24
}

/// The shipped packs: (name, TOML).
pub const SHIPPED: [(&str, &str); 5] = [
    (
        "seed-2017",
        include_str!("../../data/assessment/seed-2017.toml"),
    ),
    (
        "beijing",
        include_str!("../../data/assessment/beijing.toml"),
    ),
    (
        "zhungeer",
        include_str!("../../data/assessment/zhungeer.toml"),
    ),
    (
        "shanghai",
        include_str!("../../data/assessment/shanghai.toml"),
    ),
    (
        "deduction",
        include_str!("../../data/assessment/deduction.toml"),
    ),
];

/// The default pack: the seed bulletin's own columns.
pub const DEFAULT: &str = "seed-2017";

/// A pack's problem, in English and Chinese.
pub type Problem = (String, String);

impl Pack {
    /// Parse and check a pack's TOML (`source` names the file in messages).
    pub fn parse(text: &str, source: &str) -> Result<Pack, Problem> {
        let p: Pack = toml::from_str(text).map_err(|e| {
            let msg = e.message().to_string();
            let at = e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1))
                .unwrap_or(1);
            (
                format!("{source}, line {at}: {msg}"),
                format!("{source} 第 {at} 行：{msg}"),
            )
        })?;
        p.check(source)?;
        Ok(p)
    }

    /// A shipped pack by name.
    pub fn shipped(name: &str) -> Option<Pack> {
        SHIPPED
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(n, t)| Pack::parse(t, n).ok())
    }

    fn check(&self, source: &str) -> Result<(), Problem> {
        let bad =
            |en: String, zh: String| Err((format!("{source}: {en}"), format!("{source}：{zh}")));
        let w100 = self.basic_weight * 100.0;
        if !(0.0..=1.0).contains(&self.basic_weight) || (w100 - w100.round()).abs() > 1e-9 {
            return bad(
                format!(
                    "basic_weight {} must be between 0 and 1 with at most two decimals",
                    self.basic_weight
                ),
                format!(
                    "basic_weight {} 须在 0 到 1 之间，至多两位小数",
                    self.basic_weight
                ),
            );
        }
        for (what, h) in [
            ("sign_hours", self.sign_hours),
            ("contact_hours", self.contact_hours),
        ] {
            if !HOUR_MARKS.contains(&h) {
                let marks: Vec<String> = HOUR_MARKS.iter().map(|m| m.to_string()).collect();
                return bad(
                    format!("{what} = {h}: must be one of {}", marks.join(", ")),
                    format!("{what} = {h}：须为 {} 之一", marks.join("、")),
                );
            }
        }
        if self.columns.is_empty() {
            return bad(
                "columns is empty: name the figures to print".into(),
                "columns 为空：请列出要显示的指标".into(),
            );
        }
        match &self.score {
            Some(Score::Deduction { deductions, .. }) => {
                if let Some(d) = deductions.iter().find(|d| d.figure.is_rate()) {
                    return bad(
                        format!(
                            "a deduction needs a count, and {} is a rate",
                            d.figure.code()
                        ),
                        format!("扣分须按件数，{}是比率", d.figure.zh()),
                    );
                }
            }
            Some(Score::Weighted { terms }) => {
                if let Some(t) = terms.iter().find(|t| !t.figure.is_rate()) {
                    return bad(
                        format!(
                            "a weighted term needs a rate, and {} is a count",
                            t.figure.code()
                        ),
                        format!("加权项须为比率，{}是件数", t.figure.zh()),
                    );
                }
            }
            None => {}
        }
        if let Some(f) = self.floors.iter().find(|f| !f.figure.is_rate()) {
            return bad(
                format!("a floor needs a rate, and {} is a count", f.figure.code()),
                format!("底线须为比率，{}是件数", f.figure.zh()),
            );
        }
        if self.valid_to.is_some_and(|t| t < self.valid_from) {
            return bad(
                "valid_to is before valid_from".into(),
                "valid_to 早于 valid_from".into(),
            );
        }
        Ok(())
    }

    /// The pack's title in a language (the Chinese one when it has no English title).
    pub fn title_in(&self, lang: super::Lang) -> &str {
        match lang {
            super::Lang::En if !self.title_en.is_empty() => &self.title_en,
            _ => &self.title,
        }
    }

    /// Whether the pack was in force on `day`.
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|t| day <= t)
    }

    /// The callbacks this pack counts for a row (its redo rule).
    pub fn callbacks(&self, r: &UnitRow) -> CallbackCounts {
        match self.redo_rule {
            RedoRule::Replace => r.assess.latest,
            RedoRule::Every => r.assess.every,
        }
    }

    fn mark(hours: i64) -> usize {
        HOUR_MARKS.iter().position(|m| *m == hours).unwrap_or(0)
    }

    /// The one definition of every figure, for a unit's row; `tier_assigned` is the assigned
    /// of the unit's tier (the base of 受理量占比).
    pub fn value(&self, r: &UnitRow, tier_assigned: u64, f: Figure) -> Value {
        let cb = self.callbacks(r);
        let a = &r.assess;
        let rate = |part: u64, base: u64| Value::Rate { part, base };
        match f {
            Figure::Assigned => Value::Count(r.assigned),
            Figure::Closed => Value::Count(r.closed),
            Figure::Overdue30d => Value::Count(r.overdue_30d),
            Figure::LateNow => Value::Count(r.open_late),
            Figure::Supervisions => Value::Count(r.supervisions),
            Figure::Urges => Value::Count(r.urges),
            Figure::Redos => Value::Count(r.redos),
            Figure::LateReturns => Value::Count(a.late_returns),
            Figure::ValidCallbacks => Value::Count(cb.valid),
            Figure::ClosureRate => rate(r.closed, r.assigned),
            Figure::OnTimeRate => rate(r.closed_on_time, r.closed),
            Figure::ReplyRate => rate(a.replied, r.assigned),
            Figure::ResponseRate => rate(cb.contacted, cb.contact_answered),
            Figure::SolveRate => rate(
                cb.solved
                    + if self.explained_counts_as_solved {
                        cb.explained
                    } else {
                        0
                    },
                cb.solve_answered,
            ),
            Figure::SatisfactionRate => {
                let w = (self.basic_weight * 100.0).round() as u64;
                rate(100 * cb.satisfied + w * cb.basic, 100 * cb.valid)
            }
            Figure::FirstContactRate => rate(
                a.contacted_within[Self::mark(self.contact_hours)],
                r.assigned,
            ),
            Figure::SignedOnTimeRate => {
                rate(a.signed_within[Self::mark(self.sign_hours)], r.assigned)
            }
            Figure::ReturnRate => rate(a.returns, a.dispatches),
            Figure::RedoRate => rate(r.redos, r.assigned),
            Figure::LoadShare => rate(r.assigned, tier_assigned),
        }
    }

    /// The unit's score, or None when the pack has none, the unit had nothing assigned, or a
    /// weighted term's rate has a zero base (nothing to judge it by).
    pub fn score(&self, r: &UnitRow, tier_assigned: u64) -> Option<f64> {
        if r.assigned == 0 {
            return None;
        }
        match self.score.as_ref()? {
            Score::Weighted { terms } => terms.iter().try_fold(0.0, |acc, t| {
                Some(acc + t.weight * self.value(r, tier_assigned, t.figure).number()?)
            }),
            Score::Deduction { base, deductions } => {
                let off: f64 = deductions
                    .iter()
                    .map(|d| {
                        d.points
                            * self
                                .value(r, tier_assigned, d.figure)
                                .number()
                                .unwrap_or(0.0)
                    })
                    .sum();
                Some((base - off).max(0.0))
            }
        }
    }

    /// The floors the unit is below (a rate of a zero base is below none).
    pub fn floors_failed(&self, r: &UnitRow, tier_assigned: u64) -> Vec<Figure> {
        self.floors
            .iter()
            .filter(|f| match self.value(r, tier_assigned, f.figure) {
                // part / base < min / 100, exactly: 100 × part < min × base.
                Value::Rate { part, base } if base > 0 => {
                    (100 * part) as f64 + 1e-9 < f.min_percent * base as f64
                }
                _ => false,
            })
            .map(|f| f.figure)
            .collect()
    }
}

/// One unit as a pack judges it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessed {
    pub unit: String,
    pub kind: UnitKind,
    /// The pack's columns, in order.
    pub values: Vec<(Figure, Value)>,
    pub score: Option<f64>,
    /// Within the tier, 1 = best; equal scores share a rank (1, 2, 2, 4); None when unscored.
    pub rank: Option<usize>,
    pub floors_failed: Vec<Figure>,
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.number() {
            Some(n) => s.serialize_f64(n),
            None => s.serialize_none(),
        }
    }
}

/// A scorecard as a pack judges it: every unit's row, in the scorecard's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub pack: String,
    pub rows: Vec<Assessed>,
}

/// A score rounded to two decimals, as printed and as ranked (so two scores that print the
/// same share a rank).
pub fn round_score(s: f64) -> f64 {
    (s * 100.0).round() / 100.0
}

/// The assigned of a tier (departments, townships …): the base of 受理量占比.
pub fn tier_assigned(card: &Scorecard, kind: UnitKind) -> u64 {
    card.table(kind).map(|r| r.assigned).sum()
}

/// Judge every unit of the scorecard by the pack.
pub fn assess(pack: &Pack, card: &Scorecard) -> Assessment {
    let tier_assigned = |k: UnitKind| tier_assigned(card, k);
    let mut rows: Vec<Assessed> = card
        .units
        .iter()
        .map(|r| {
            let t = tier_assigned(r.kind);
            Assessed {
                unit: r.unit.clone(),
                kind: r.kind,
                values: pack
                    .columns
                    .iter()
                    .map(|f| (*f, pack.value(r, t, *f)))
                    .collect(),
                score: pack.score(r, t).map(round_score),
                rank: None,
                floors_failed: pack.floors_failed(r, t),
            }
        })
        .collect();
    for k in UnitKind::ALL {
        let scores: Vec<f64> = rows
            .iter()
            .filter(|a| a.kind == k)
            .filter_map(|a| a.score)
            .collect();
        for a in rows.iter_mut().filter(|a| a.kind == k) {
            if let Some(s) = a.score {
                a.rank = Some(1 + scores.iter().filter(|o| **o > s).count());
            }
        }
    }
    Assessment {
        pack: pack.name.clone(),
        rows,
    }
}

impl Assessment {
    /// A tier's units in the order of their rank, best first; equal ranks keep the
    /// scorecard's order; the unscored (no rank) last, in the scorecard's order. The one order
    /// of every ranked table (the report's, the workbook's, the bulletin's) and of 红黑榜.
    pub fn ranked(&self, kind: UnitKind) -> Vec<&Assessed> {
        let mut rows: Vec<&Assessed> = self.rows.iter().filter(|a| a.kind == kind).collect();
        rows.sort_by_key(|a| a.rank.unwrap_or(usize::MAX)); // stable
        rows
    }

    /// **红黑榜** of a tier, from the ranked units (n at most half of them): the red list is
    /// every unit ranked among the best `n` (rank ≤ n: a tie at the boundary names every unit
    /// of it, never a chosen few), the black list every unit among the worst `n` (fewer than
    /// `n` units ranked below it), worst last; a unit that would be on both lists (all tied)
    /// is on neither: nothing tells it apart.
    pub fn red_black(&self, kind: UnitKind, n: usize) -> (Vec<&Assessed>, Vec<&Assessed>) {
        let ranked: Vec<&Assessed> = self
            .ranked(kind)
            .into_iter()
            .filter(|a| a.rank.is_some())
            .collect();
        let n = n.min(ranked.len() / 2);
        if n == 0 {
            return (Vec::new(), Vec::new());
        }
        let rank = |a: &Assessed| a.rank.unwrap_or(usize::MAX);
        let below = |a: &Assessed| ranked.iter().filter(|b| rank(b) > rank(a)).count();
        let red_all: Vec<&Assessed> = ranked.iter().copied().filter(|a| rank(a) <= n).collect();
        let black_all: Vec<&Assessed> = ranked.iter().copied().filter(|a| below(a) < n).collect();
        let on = |l: &[&Assessed], a: &Assessed| l.iter().any(|b| b.unit == a.unit);
        let red = red_all
            .iter()
            .copied()
            .filter(|a| !on(&black_all, a))
            .collect();
        let black = black_all
            .iter()
            .copied()
            .filter(|a| !on(&red_all, a))
            .collect();
        (red, black)
    }

    pub fn row(&self, unit: &str) -> Option<&Assessed> {
        self.rows.iter().find(|a| a.unit == unit)
    }
}

/// One reason an order cost its unit points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Why {
    pub figure: Figure,
    pub points: f64,
    /// What the order did or the citizen answered, in Chinese and English.
    pub zh: String,
    pub en: String,
}

impl Why {
    /// As every face prints it: the figure, the points and what cost them
    /// (`满意率 1.29（回访：不满意）`, `Satisfaction 1.29 (callback: unsatisfied)`).
    pub fn text(&self, lang: super::Lang) -> String {
        match lang {
            super::Lang::Zh => format!("{} {:.2}（{}）", self.figure.zh(), self.points, self.zh),
            super::Lang::En => format!("{} {:.2} ({})", self.figure.en(), self.points, self.en),
        }
    }
}

/// An order's cost to its unit's score: the sum of its reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cost {
    pub order_no: String,
    pub title: String,
    pub points: f64,
    pub why: Vec<Why>,
}

impl Cost {
    /// Every reason, as `Why::text` words it, in one line.
    pub fn reasons(&self, lang: super::Lang) -> String {
        let sep = match lang {
            super::Lang::Zh => "；",
            super::Lang::En => "; ",
        };
        self.why
            .iter()
            .map(|w| w.text(lang))
            .collect::<Vec<_>>()
            .join(sep)
    }
}

/// The orders that cost a unit points under the pack, largest first. `row` is the unit's row
/// of the period (its rates' bases), `orders` the orders it holds. Under a weighted pack an
/// order costs, for each term of weight W over a base of N, W / N for each shortfall it adds
/// (not contacted, not solved, 不满意; 基本满意 costs W × (1 − w) / N; not signed or contacted in
/// time, not replied, not closed, not on time); under a deduction pack the points of each count
/// it adds (over 30 days late, late now, its supervisions and redos). The callbacks are each
/// order's latest valid one. Unit-wide supervisions and returned orders (no longer held) are
/// not here.
pub fn explain(
    pack: &Pack,
    row: &UnitRow,
    tier_assigned: u64,
    p: &super::scorecard::Period,
    orders: &[super::order::Order],
) -> Vec<Cost> {
    use super::order::{CallbackResult as R, Solved};
    use super::scorecard as sc;
    let mut out = Vec::new();
    let cb = pack.callbacks(row);
    let w = pack.basic_weight;
    for o in orders
        .iter()
        .filter(|o| o.unit.as_deref() == Some(row.unit.as_str()))
    {
        let assigned = sc::is_assigned_to(o, &row.unit, p);
        let callback = o.last_callback.filter(|c| p.contains(c.at));
        let mut why = Vec::new();
        let mut add = |figure: Figure, points: f64, zh: String, en: String| {
            if points > 0.0 {
                why.push(Why {
                    figure,
                    points,
                    zh,
                    en,
                });
            }
        };
        let per = |weight: f64, base: u64| if base == 0 { 0.0 } else { weight / base as f64 };
        match &pack.score {
            Some(Score::Weighted { terms }) => {
                for t in terms {
                    let f = t.figure;
                    let cost = |base| per(t.weight, base);
                    match f {
                        Figure::ResponseRate => {
                            if let Some(c) = callback.filter(|c| c.answers.contacted == Some(false))
                            {
                                let _ = c;
                                add(
                                    f,
                                    cost(cb.contact_answered),
                                    "回访：未联系".into(),
                                    "callback: not contacted".into(),
                                );
                            }
                        }
                        Figure::SolveRate => {
                            if let Some(s) = callback.and_then(|c| c.answers.solved) {
                                let lost = s == Solved::No
                                    || (s == Solved::Explained && !pack.explained_counts_as_solved);
                                if lost {
                                    add(
                                        f,
                                        cost(cb.solve_answered),
                                        format!("回访：{}", s.zh()),
                                        format!("callback: solved {}", s.code()),
                                    );
                                }
                            }
                        }
                        Figure::SatisfactionRate => match callback.map(|c| c.result) {
                            Some(R::Unsatisfied) => add(
                                f,
                                cost(cb.valid),
                                "回访：不满意".into(),
                                "callback: unsatisfied".into(),
                            ),
                            Some(R::BasicallySatisfied) if w < 1.0 => add(
                                f,
                                cost(cb.valid) * (1.0 - w),
                                "回访：基本满意".into(),
                                "callback: basically satisfied".into(),
                            ),
                            _ => {}
                        },
                        Figure::SignedOnTimeRate if assigned => {
                            let c = sc::contribution(o);
                            if c.sign_hours.is_none_or(|h| h > pack.sign_hours) {
                                add(
                                    f,
                                    cost(row.assigned),
                                    format!("未在 {} 小时内签收", pack.sign_hours),
                                    format!("not signed within {} h", pack.sign_hours),
                                );
                            }
                        }
                        Figure::FirstContactRate if assigned => {
                            let c = sc::contribution(o);
                            if c.contact_hours.is_none_or(|h| h > pack.contact_hours) {
                                add(
                                    f,
                                    cost(row.assigned),
                                    format!("未在 {} 小时内先行联系", pack.contact_hours),
                                    format!("no first contact within {} h", pack.contact_hours),
                                );
                            }
                        }
                        Figure::ReplyRate if assigned && o.replied_at.is_none() => {
                            add(f, cost(row.assigned), "未回复".into(), "not replied".into())
                        }
                        Figure::ClosureRate if assigned && !sc::is_closed(o, p.as_of) => {
                            add(f, cost(row.assigned), "未办结".into(), "not closed".into())
                        }
                        Figure::OnTimeRate
                            if assigned
                                && sc::is_closed(o, p.as_of)
                                && !sc::is_closed_on_time(o, p.as_of) =>
                        {
                            add(
                                f,
                                cost(row.closed),
                                "未按时办结".into(),
                                "not closed on time".into(),
                            )
                        }
                        Figure::RedoRate if assigned && o.redos > 0 => add(
                            f,
                            cost(row.assigned) * f64::from(o.redos),
                            format!("重办 {} 次", o.redos),
                            format!("redone {} times", o.redos),
                        ),
                        _ => {}
                    }
                }
            }
            Some(Score::Deduction { deductions, .. }) if assigned => {
                for d in deductions {
                    let f = d.figure;
                    let days = o.days_overdue(p.as_of);
                    match f {
                        Figure::Overdue30d if sc::is_overdue_30d(o, p.as_of) => add(
                            f,
                            d.points,
                            format!("超期 {days} 天"),
                            format!("{days} days late"),
                        ),
                        Figure::LateNow if sc::is_open_late(o, p.as_of) => add(
                            f,
                            d.points,
                            format!("现超期 {days} 天"),
                            format!("late now by {days} days"),
                        ),
                        Figure::Supervisions if o.supervisions > 0 => add(
                            f,
                            d.points * f64::from(o.supervisions),
                            format!("督办 {} 次", o.supervisions),
                            format!("supervised {} times", o.supervisions),
                        ),
                        Figure::Urges if o.urges > 0 => add(
                            f,
                            d.points * f64::from(o.urges),
                            format!("催办 {} 次", o.urges),
                            format!("urged {} times", o.urges),
                        ),
                        Figure::Redos if o.redos > 0 => add(
                            f,
                            d.points * f64::from(o.redos),
                            format!("重办 {} 次", o.redos),
                            format!("redone {} times", o.redos),
                        ),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        let _ = tier_assigned;
        if !why.is_empty() {
            let points = why.iter().map(|w| w.points).sum();
            out.push(Cost {
                order_no: o.order_no.clone(),
                title: o.title.clone(),
                points,
                why,
            });
        }
    }
    out.sort_by(|a, b| {
        b.points
            .partial_cmp(&a.points)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.order_no.cmp(&b.order_no))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_pack_parses() {
        for (name, text) in SHIPPED {
            let p = Pack::parse(text, name);
            assert!(p.is_ok(), "{name}: {p:?}");
            assert_eq!(p.map(|p| p.name).ok().as_deref(), Some(name));
        }
    }

    #[test]
    fn a_bad_pack_is_refused_with_its_line() {
        let text = "name = \"x\"\ntitle = \"x\"\nvalid_from = \"2024-01-01\"\ncolumns = [\"assigned\"]\nsign_hours = 5\n";
        let e = Pack::parse(text, "x.toml").unwrap_err();
        assert!(e.0.contains("sign_hours = 5: must be one of 2, 4"), "{e:?}");
        let text =
            "name = \"x\"\ntitle = \"x\"\nvalid_from = \"2024-01-01\"\ncolumns = [\"asigned\"]\n";
        let e = Pack::parse(text, "x.toml").unwrap_err();
        assert!(e.0.starts_with("x.toml, line 4:"), "{e:?}");
        assert!(e.1.starts_with("x.toml 第 4 行"), "{e:?}");
        let text = "name = \"x\"\ntitle = \"x\"\nvalid_from = \"2024-01-01\"\ncolumns = [\"assigned\"]\nbasic_weight = 0.955\n";
        assert!(Pack::parse(text, "x").is_err());
    }
}
