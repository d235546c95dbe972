//! A judged report's tables, one per tier, as cells: the one layout of a pack's columns that
//! every face writes (the report's Markdown and CSV, the workbook, the bulletin's appendix in
//! Markdown and DOCX). Values are the pack's (`domain::assessment`), the order is the
//! assessment's (`Assessment::ranked`); a face only formats the cells.

use super::Judged;
use crate::domain::UnitKind;
use crate::domain::assessment::{Assessed, Assessment, Figure, Pack, Value};
use crate::domain::scorecard::Scorecard;

/// A column of a judged table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// 排名 (within the tier).
    Rank,
    /// 单位.
    Unit,
    /// One of the pack's figures (or a figure a face adds, e.g. the workbook's chart data).
    Figure(Figure),
    /// 得分.
    Score,
    /// 未达底线: the floors failed, by their Chinese names.
    Floors,
    /// 剔除后…: the figure without the exempted orders.
    Adjusted(Figure),
    AdjustedScore,
    AdjustedRank,
    AdjustedFloors,
}

impl Col {
    /// The column's title, in Chinese as the CLI and the bulletin print it.
    pub fn title(self) -> String {
        match self {
            Col::Rank => "排名".into(),
            Col::Unit => "单位".into(),
            Col::Figure(f) => f.zh().into(),
            Col::Score => "得分".into(),
            Col::Floors => "未达底线".into(),
            Col::Adjusted(f) => format!("剔除后{}", f.zh()),
            Col::AdjustedScore => "剔除后得分".into(),
            Col::AdjustedRank => "剔除后排名".into(),
            Col::AdjustedFloors => "剔除后未达底线".into(),
        }
    }
}

/// How much of the adjusted figures a table carries when exemptions apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The adjusted score only, beside the raw one (the report's Markdown, the bulletin: a
    /// page's width).
    ScoreOnly,
    /// Every figure, the score, the rank and the floors again, adjusted (CSV, the workbook).
    Full,
}

/// The columns of a pack's table: 排名, 单位, the pack's figures, 得分 (when the pack scores),
/// 未达底线, and the adjusted ones when `adjusted` (exempted orders the pack honours).
pub fn columns(pack: &Pack, adjusted: bool, detail: Detail) -> Vec<Col> {
    let scored = pack.score.is_some();
    let mut cols = vec![Col::Rank, Col::Unit];
    cols.extend(pack.columns.iter().map(|f| Col::Figure(*f)));
    match (adjusted, detail) {
        (false, _) => {
            if scored {
                cols.push(Col::Score);
            }
            cols.push(Col::Floors);
        }
        (true, Detail::ScoreOnly) => {
            if scored {
                cols.extend([Col::Score, Col::AdjustedScore]);
            }
            cols.push(Col::Floors);
        }
        (true, Detail::Full) => {
            if scored {
                cols.push(Col::Score);
            }
            cols.push(Col::Floors);
            cols.extend(pack.columns.iter().map(|f| Col::Adjusted(*f)));
            if scored {
                cols.extend([Col::AdjustedScore, Col::AdjustedRank]);
            }
            cols.push(Col::AdjustedFloors);
        }
    }
    cols
}

/// A cell, for each face to format.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Value(Value),
    /// A score (two decimals), or none (“—”).
    Score(Option<f64>),
    /// A rank, or none (“—”).
    Rank(Option<usize>),
}

impl Cell {
    /// As the Markdown report and the bulletin print it.
    pub fn show(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Value(v) => v.show(),
            Cell::Score(s) => s.map(|s| format!("{s:.2}")).unwrap_or_else(|| "—".into()),
            Cell::Rank(r) => r.map(|r| r.to_string()).unwrap_or_else(|| "—".into()),
        }
    }
}

/// One tier's table: the 合计 row (figures only) and the units, ranked.
#[derive(Debug, Clone, PartialEq)]
pub struct TierTable {
    pub kind: UnitKind,
    pub cols: Vec<Col>,
    pub total: Option<Vec<Cell>>,
    /// (unit, cells), in `Assessment::ranked` order: the scored units first.
    pub rows: Vec<(String, Vec<Cell>)>,
    /// How many of `rows` have a score (they come first).
    pub scored: usize,
}

fn floors(a: Option<&Assessed>) -> Cell {
    let names: Vec<&str> = a
        .map(|a| a.floors_failed.iter().map(|f| f.zh()).collect())
        .unwrap_or_default();
    Cell::Text(names.join("、"))
}

fn tier_assigned(card: &Scorecard, kind: UnitKind) -> u64 {
    card.table(kind).map(|r| r.assigned).sum()
}

fn value(pack: &Pack, card: &Scorecard, unit: &str, f: Figure) -> Cell {
    match card.units.iter().find(|r| r.unit == unit) {
        Some(r) => Cell::Value(pack.value(r, tier_assigned(card, r.kind), f)),
        None => Cell::Text(String::new()),
    }
}

fn total_value(pack: &Pack, card: &Scorecard, kind: UnitKind, f: Figure) -> Cell {
    match card.table_total(kind) {
        Some(t) => Cell::Value(pack.value(t, t.assigned, f)),
        None => Cell::Text(String::new()),
    }
}

/// The tables of a judged report with these columns (from `columns`, perhaps with figures a
/// face adds), one per tier.
pub fn tier_tables(j: &Judged, pack: &Pack, cols: &[Col]) -> Vec<TierTable> {
    let adjusted: Option<(&Scorecard, &Assessment)> = j.adjusted.as_ref().map(|(c, a)| (c, a));
    UnitKind::ALL
        .iter()
        .map(|&kind| {
            let unit_row = |a: &Assessed| -> Vec<Cell> {
                let adj = adjusted.and_then(|(_, x)| x.row(&a.unit));
                cols.iter()
                    .map(|c| match *c {
                        Col::Rank => Cell::Rank(a.rank),
                        Col::Unit => Cell::Text(a.unit.clone()),
                        Col::Figure(f) => value(pack, &j.card, &a.unit, f),
                        Col::Score => Cell::Score(a.score),
                        Col::Floors => floors(Some(a)),
                        Col::Adjusted(f) => match adjusted {
                            Some((card, _)) => value(pack, card, &a.unit, f),
                            None => Cell::Text(String::new()),
                        },
                        Col::AdjustedScore => Cell::Score(adj.and_then(|x| x.score)),
                        Col::AdjustedRank => Cell::Rank(adj.and_then(|x| x.rank)),
                        Col::AdjustedFloors => floors(adj),
                    })
                    .collect()
            };
            let total = j.card.table_total(kind).map(|_| {
                cols.iter()
                    .map(|c| match *c {
                        Col::Unit => Cell::Text("合计".into()),
                        Col::Figure(f) => total_value(pack, &j.card, kind, f),
                        Col::Adjusted(f) => match adjusted {
                            Some((card, _)) => total_value(pack, card, kind, f),
                            None => Cell::Text(String::new()),
                        },
                        _ => Cell::Text(String::new()),
                    })
                    .collect()
            });
            let ranked = j.raw.ranked(kind);
            TierTable {
                kind,
                cols: cols.to_vec(),
                total,
                scored: ranked.iter().filter(|a| a.score.is_some()).count(),
                rows: ranked
                    .into_iter()
                    .map(|a| (a.unit.clone(), unit_row(a)))
                    .collect(),
            }
        })
        .collect()
}

/// The rates a chart of the pack shows: 响应率, 解决率 and 满意率 when the pack prints all
/// three, else the rates it prints (at most four); none for a pack that prints no rate.
pub fn charted_rates(pack: &Pack) -> Vec<Figure> {
    let three = [
        Figure::ResponseRate,
        Figure::SolveRate,
        Figure::SatisfactionRate,
    ];
    if three.iter().all(|f| pack.columns.contains(f)) {
        return three.to_vec();
    }
    pack.columns
        .iter()
        .copied()
        .filter(|f| f.is_rate())
        .take(4)
        .collect()
}

/// The overdue figures a chart shows, of those the columns hold: 超期30天以上 and 现超期.
pub fn charted_overdue(cols: &[Col]) -> Vec<Figure> {
    [Figure::Overdue30d, Figure::LateNow]
        .into_iter()
        .filter(|f| cols.contains(&Col::Figure(*f)))
        .collect()
}
