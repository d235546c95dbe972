//! `hotline quality`: duplicate candidates and hotspot grouping measured against labelled
//! pairs (QUALITY.md).

use super::similar::doc;
use crate::domain::similar::{self, Doc};
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::NaiveDateTime;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One labelled pair: two order numbers and whether they are about the same problem.
#[derive(Debug, Clone)]
pub struct Pair {
    pub a: String,
    pub b: String,
    pub same: bool,
}

/// Reads `a,b,label[,…]` rows (a header and `#` comment lines skipped; label 1 or 0).
pub fn read_pairs(path: &Path) -> Result<Vec<Pair>> {
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .from_path(path)
        .map_err(|e| Error::Io(format!("cannot read {}: {e}", path.display())))?;
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| Error::Input(format!("{}: {e}", path.display())))?;
        let field = |k: usize| rec.get(k).unwrap_or("").trim().to_string();
        let same = match field(2).as_str() {
            "1" => true,
            "0" => false,
            other => {
                return Err(Error::Input(format!(
                    "{} row {}: label '{other}' is not 1 or 0",
                    path.display(),
                    i + 2
                )));
            }
        };
        out.push(Pair {
            a: field(0),
            b: field(1),
            same,
        });
    }
    Ok(out)
}

fn all_docs(store: &Store) -> Result<Vec<Doc>> {
    let time = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap_or_default();
    let rows = store.received_between(time("1900-01-01 00:00"), time("9999-12-31 00:00"))?;
    Ok(rows.into_iter().map(doc).collect())
}

/// Precision, recall and the counts behind them.
fn pr(tp: usize, fp: usize, fn_: usize) -> String {
    let ratio = |n: usize, d: usize| {
        if d == 0 {
            "—".to_string()
        } else {
            format!("{:.3}", n as f64 / d as f64)
        }
    };
    format!(
        "| {} | {} | {tp} | {fp} | {fn_} |",
        ratio(tp, tp + fp),
        ratio(tp, tp + fn_)
    )
}

fn count(pairs: &[Pair], predicted: impl Fn(&Pair) -> bool) -> (usize, usize, usize) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for p in pairs {
        match (predicted(p), p.same) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            (false, false) => {}
        }
    }
    (tp, fp, fn_)
}

/// The report: candidates' precision and recall at several thresholds, the hotspot grouping's,
pub fn run(store: &Store, path: &Path) -> Result<String> {
    let pairs = read_pairs(path)?;
    let docs = all_docs(store)?;
    let index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.order_no.as_str(), i))
        .collect();
    let missing: Vec<&str> = pairs
        .iter()
        .flat_map(|p| [p.a.as_str(), p.b.as_str()])
        .filter(|n| !index.contains_key(n))
        .collect();
    if let Some(n) = missing.first() {
        return Err(Error::NotFound(format!(
            "order {n} of {} is not in the database ({} missing): import the data set first",
            path.display(),
            missing.len()
        )));
    }
    let phone_days = similar::PHONE_DAYS;
    let orders: HashSet<&str> = pairs
        .iter()
        .flat_map(|p| [p.a.as_str(), p.b.as_str()])
        .collect();
    // Each labelled order's three best-scoring others, over the whole data set as one window.
    let top3: HashMap<&str, Vec<(String, f64)>> = orders
        .iter()
        .map(|&no| {
            let d = &docs[index[no]];
            let r = similar::ranked(no, &d.features, d.received_at, &docs, phone_days, 3);
            (
                no,
                r.into_iter()
                    .map(|c| (c.order_no, c.matched.score))
                    .collect(),
            )
        })
        .collect();
    let listed = |x: &str, y: &str, t: f64| {
        top3.get(x)
            .is_some_and(|l| l.iter().any(|(n, s)| n == y && *s >= t))
    };
    let positives = pairs.iter().filter(|p| p.same).count();
    let mut out = format!(
        "{} labelled pairs ({} same problem, {} not), {} orders in the database\n\n",
        pairs.len(),
        positives,
        pairs.len() - positives,
        docs.len()
    );
    out.push_str("Top-3 candidates (a pair is predicted when either order lists the other among its 3 best with score ≥ t):\n\n");
    out.push_str("| t | precision | recall | TP | FP | FN |\n|---|---|---|---|---|---|\n");
    for t in [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7] {
        let (tp, fp, fn_) = count(&pairs, |p| listed(&p.a, &p.b, t) || listed(&p.b, &p.a, t));
        let mark = if (t - similar::CANDIDATE_SCORE).abs() < 1e-9 {
            " (default)"
        } else {
            ""
        };
        out.push_str(&format!("| {t:.2}{mark} {}\n", pr(tp, fp, fn_)));
    }
    let links: Vec<(usize, usize)> = similar::pairs(&docs, phone_days)
        .into_iter()
        .map(|(i, j, _)| (i, j))
        .collect();
    let groups = similar::group(docs.len(), &links, 2);
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for (g, members) in groups.iter().enumerate() {
        for &i in members {
            group_of.insert(i, g);
        }
    }
    let (tp, fp, fn_) = count(&pairs, |p| {
        let (a, b) = (index[p.a.as_str()], index[p.b.as_str()]);
        group_of.contains_key(&a) && group_of.get(&a) == group_of.get(&b)
    });
    out.push_str(&format!(
        "\nHotspot grouping (the whole data set as one window: {} groups, the largest {} orders; a pair is predicted when both orders are in one group):\n\n| precision | recall | TP | FP | FN |\n|---|---|---|---|---|\n{}\n",
        groups.len(),
        groups.first().map_or(0, Vec::len),
        pr(tp, fp, fn_)
    ));
    Ok(out)
}
