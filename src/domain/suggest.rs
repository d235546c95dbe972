//! Dispatch suggestions (派单建议): which unit an order should go to, learnt from the office's
//! own history. Pure: the store supplies (text, unit, returned) tuples.
//!
//! The model is a naive Bayes classifier over the words of title and content (the character
//! bigrams of `similar::bigrams`, each counted once per order):
//!
//! - an order a unit holds (dispatched to it and not sent back) adds 1 to the unit's count of
//!   each of its words and 1 to the unit's orders;
//! - an approved return (退单) takes 1 from the returning unit's count of each word (never
//!   below 0) and 1 from its orders: the office learns that such orders were not the unit's;
//! - score(u) = log((orders_u + 1) / (N + U)) + Σ_w log((count_u(w) + α) / (words_u + α·V))
//!   over the order's words seen in the history (V of them in all), α = `ALPHA`; the
//!   suggestion's score is the posterior share, exp(score(u)) / Σ exp(score(v));
//! - the words that decided it: the order's words the unit uses most more often than the
//!   office as a whole, log((count_u(w) + α) / (words_u + α·V)) − log((count(w) + α) /
//!   (words + α·V)), largest first.

use super::similar;
use serde::Serialize;
use std::collections::HashMap;

/// Laplace smoothing of the word counts.
pub const ALPHA: f64 = 0.1;
/// How many suggestions by default.
pub const TOP: usize = 3;

/// What the model knows of one unit.
#[derive(Debug, Clone, Default)]
struct UnitModel {
    name: String,
    orders: f64,
    counts: HashMap<u64, f64>,
    words: f64,
}

/// A model learnt from a dispatch history.
#[derive(Debug, Clone, Default)]
pub struct Model {
    units: Vec<UnitModel>,
    all: HashMap<u64, f64>,
    all_words: f64,
    orders: f64,
}

/// A unit suggested for an order.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    pub unit: String,
    /// The posterior share, 0..1.
    pub score: f64,
    /// The words that decided it, most telling first.
    pub words: Vec<String>,
}

/// The words of an order, as the model reads them.
pub fn words(title: &str, content: &str) -> Vec<u64> {
    similar::bigrams(&format!("{title}\n{content}"))
}

impl Model {
    /// Learns from `(words, unit, returned)`: see the module comment.
    pub fn train<'a>(history: impl IntoIterator<Item = (Vec<u64>, &'a str, bool)>) -> Model {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut m = Model::default();
        for (words, unit, returned) in history {
            let i = *index.entry(unit.to_string()).or_insert_with(|| {
                m.units.push(UnitModel {
                    name: unit.to_string(),
                    ..Default::default()
                });
                m.units.len() - 1
            });
            let u = &mut m.units[i];
            let d = if returned { -1.0 } else { 1.0 };
            u.orders += d;
            for w in words {
                *u.counts.entry(w).or_default() += d;
            }
        }
        for u in &mut m.units {
            u.orders = u.orders.max(0.0);
            u.counts.retain(|_, c| *c > 0.0);
            u.words = u.counts.values().sum();
            for (w, c) in &u.counts {
                *m.all.entry(*w).or_default() += c;
            }
            m.all_words += u.words;
            m.orders += u.orders;
        }
        m.units.retain(|u| u.orders > 0.0);
        m
    }

    /// The units for an order with these words, best first, at most `top`.
    pub fn suggest(&self, words: &[u64], top: usize) -> Vec<Suggestion> {
        if self.units.is_empty() {
            return Vec::new();
        }
        let v = self.all.len() as f64;
        let known: Vec<u64> = words
            .iter()
            .copied()
            .filter(|w| self.all.contains_key(w))
            .collect();
        let n_units = self.units.len() as f64;
        let log_p = |u: &UnitModel, w: &u64| {
            ((u.counts.get(w).copied().unwrap_or(0.0) + ALPHA) / (u.words + ALPHA * v)).ln()
        };
        let scores: Vec<f64> = self
            .units
            .iter()
            .map(|u| {
                ((u.orders + 1.0) / (self.orders + n_units)).ln()
                    + known.iter().map(|w| log_p(u, w)).sum::<f64>()
            })
            .collect();
        let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let total: f64 = scores.iter().map(|s| (s - max).exp()).sum();
        let mut ranked: Vec<(usize, f64)> = scores
            .iter()
            .enumerate()
            .map(|(i, s)| (i, (s - max).exp() / total))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(top);
        ranked
            .into_iter()
            .map(|(i, share)| {
                let u = &self.units[i];
                let mut telling: Vec<(f64, u64)> = known
                    .iter()
                    .filter(|w| u.counts.contains_key(w))
                    .map(|w| {
                        let all = ((self.all.get(w).copied().unwrap_or(0.0) + ALPHA)
                            / (self.all_words + ALPHA * v))
                            .ln();
                        (log_p(u, w) - all, *w)
                    })
                    .filter(|(lift, _)| *lift > 0.0)
                    .collect();
                telling.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                Suggestion {
                    unit: u.name.clone(),
                    score: (share * 1000.0).round() / 1000.0,
                    words: telling
                        .into_iter()
                        .take(5)
                        .map(|(_, w)| similar::bigram_text(w))
                        .collect(),
                }
            })
            .collect()
    }

    /// How many units the model knows.
    pub fn units(&self) -> usize {
        self.units.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_that_got_similar_orders_comes_first() {
        let history = [
            ("小区路灯不亮", "住建局", false),
            ("路灯损坏不亮", "住建局", false),
            ("学校午餐收费", "教育局", false),
            ("幼儿园收费过高", "教育局", false),
        ];
        let m = Model::train(history.iter().map(|(t, u, r)| (words(t, ""), *u, *r)));
        let s = m.suggest(&words("我家门口路灯不亮", ""), 3);
        assert_eq!(s[0].unit, "住建局");
        assert!(s[0].score > 0.5, "{s:?}");
        assert!(s[0].words.contains(&"路灯".to_string()), "{s:?}");
        let s = m.suggest(&words("幼儿园收费问题", ""), 3);
        assert_eq!(s[0].unit, "教育局");
    }

    #[test]
    fn a_return_teaches_the_unit_was_wrong() {
        // Two orders about street lights held by 城管局, one held by 住建局, and two sent
        // back by 城管局: 城管局's counts for them drop below 住建局's.
        let history = [
            ("路灯不亮", "城管局", false),
            ("路灯不亮", "城管局", false),
            ("路灯不亮", "住建局", false),
            ("路灯不亮", "城管局", true),
            ("路灯不亮", "城管局", true),
            ("垃圾清运", "城管局", false),
        ];
        let m = Model::train(history.iter().map(|(t, u, r)| (words(t, ""), *u, *r)));
        let s = m.suggest(&words("路灯不亮", ""), 3);
        assert_eq!(s[0].unit, "住建局", "{s:?}");
        assert!(Model::default().suggest(&words("路灯", ""), 3).is_empty());
    }
}
