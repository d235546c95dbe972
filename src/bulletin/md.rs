//! The bulletin as Markdown.

use super::template::{Align, Block};
use super::{TABLE_HEADER, appendix};
use crate::domain::scorecard::Scorecard;

pub fn write(blocks: &[Block], card: &Scorecard) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Title(t) => out.push_str(&format!("# {t}\n\n")),
            Block::Heading(t) => out.push_str(&format!("## {t}\n\n")),
            Block::Para(Align::Center, t) => {
                out.push_str(&format!("<p align=\"center\">{t}</p>\n\n"))
            }
            Block::Para(Align::Right, t) => {
                out.push_str(&format!("<p align=\"right\">{t}</p>\n\n"))
            }
            Block::Para(_, t) => out.push_str(&format!("{t}\n\n")),
            Block::PageBreak => out.push_str("---\n\n"),
            Block::Tables => {
                for t in appendix(card) {
                    out.push_str(&format!("### {}\n\n", t.title));
                    out.push_str("单位：件\n\n");
                    out.push_str(&format!("| {} |\n", TABLE_HEADER.join(" | ")));
                    out.push_str("|---:|---|---:|---:|---:|---:|\n");
                    for r in &t.rows {
                        let cells: Vec<String> = r.iter().map(|c| c.replace('|', "／")).collect();
                        out.push_str(&format!("| {} |\n", cells.join(" | ")));
                    }
                    out.push_str(&format!("\n{}\n\n", t.remark));
                }
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
