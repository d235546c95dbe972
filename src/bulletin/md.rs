//! The bulletin as Markdown.

use super::Appendix;
use super::template::{Align, Block};

pub fn write(blocks: &[Block], tables: &[Appendix]) -> String {
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
                for t in tables {
                    out.push_str(&format!("### {}\n\n", t.title));
                    out.push_str("单位：件\n\n");
                    out.push_str(&format!("| {} |\n", t.header.join(" | ")));
                    // The unit's name left, the figures right.
                    let align: String = (0..t.header.len())
                        .map(|i| if i == 1 { "---|" } else { "---:|" })
                        .collect();
                    out.push_str(&format!("|{align}\n"));
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
