//! The bulletin's template: text with `{{name}}` placeholders, `{{?name}}…{{/}}` /
//! `{{!name}}…{{/}}` parts shown only when a value is (or is not) there, and a few line
//! directives, rendered to blocks that the Markdown and DOCX writers lay out.

use std::collections::BTreeMap;

/// How a paragraph sits on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Justified, first line indented two characters (the body of an official document).
    Body,
    /// Justified, no indent (the addressees).
    NoIndent,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `# ` the document's title.
    Title(String),
    /// `## ` a section heading (一、二、三、).
    Heading(String),
    Para(Align, String),
    /// `@pagebreak`
    PageBreak,
    /// `@tables`: the appendix tables.
    Tables,
}

/// A value counts as "there" when it is not empty and not zero.
fn present(v: &str) -> bool {
    let v = v.trim();
    !v.is_empty() && v != "0"
}

fn line_of(text: &str, pos: usize) -> usize {
    text[..pos.min(text.len())].matches('\n').count() + 1
}

/// Remove `<!-- … -->` comments, keeping their newlines so line numbers stay right.
fn strip_comments(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 4..];
        let Some(j) = after.find("-->") else {
            return Err(format!(
                "template line {}: a comment <!-- is never closed with -->",
                line_of(text, text.len() - rest.len() + i)
            ));
        };
        out.extend(after[..j].chars().filter(|c| *c == '\n'));
        rest = &after[j + 3..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Fill the placeholders. Unknown names and unbalanced parts are errors naming the line.
pub fn fill(template: &str, values: &BTreeMap<&str, String>) -> Result<String, String> {
    let text = strip_comments(template)?;
    let mut out = String::with_capacity(text.len() * 2);
    // One entry per open {{?…}} / {{!…}}: is its content shown?
    let mut shown: Vec<bool> = Vec::new();
    let mut rest = text.as_str();
    let known = || values.keys().copied().collect::<Vec<_>>().join(", ");
    while let Some(i) = rest.find("{{") {
        let pos = text.len() - rest.len() + i;
        if shown.iter().all(|s| *s) {
            out.push_str(&rest[..i]);
        }
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else {
            return Err(format!(
                "template line {}: a placeholder {{{{ is never closed with }}}}",
                line_of(&text, pos)
            ));
        };
        let tag = after[..j].trim();
        let lookup = |name: &str| -> Result<&String, String> {
            values.get(name).ok_or_else(|| {
                format!(
                    "template line {}: unknown placeholder {{{{{name}}}}} (known: {})",
                    line_of(&text, pos),
                    known()
                )
            })
        };
        if tag == "/" {
            if shown.pop().is_none() {
                return Err(format!(
                    "template line {}: {{{{/}}}} without an opening {{{{?name}}}}",
                    line_of(&text, pos)
                ));
            }
        } else if let Some(name) = tag.strip_prefix('?') {
            let v = lookup(name.trim())?;
            shown.push(present(v));
        } else if let Some(name) = tag.strip_prefix('!') {
            let v = lookup(name.trim())?;
            shown.push(!present(v));
        } else {
            let v = lookup(tag)?;
            if shown.iter().all(|s| *s) {
                out.push_str(v);
            }
        }
        rest = &after[j + 2..];
    }
    if !shown.is_empty() {
        return Err("template: a {{?name}} part is never closed with {{/}}".into());
    }
    out.push_str(rest);
    Ok(out)
}

/// Render the template to blocks.
pub fn render(template: &str, values: &BTreeMap<&str, String>) -> Result<Vec<Block>, String> {
    let text = fill(template, values)?;
    let mut blocks = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let block = if let Some(t) = line.strip_prefix("# ") {
            Block::Title(t.trim().to_string())
        } else if let Some(t) = line.strip_prefix("## ") {
            Block::Heading(t.trim().to_string())
        } else if let Some(t) = line.strip_prefix("@center ") {
            Block::Para(Align::Center, t.trim().to_string())
        } else if let Some(t) = line.strip_prefix("@right ") {
            Block::Para(Align::Right, t.trim().to_string())
        } else if let Some(t) = line.strip_prefix("@noindent ") {
            Block::Para(Align::NoIndent, t.trim().to_string())
        } else if line.trim() == "@pagebreak" {
            Block::PageBreak
        } else if line.trim() == "@tables" {
            Block::Tables
        } else if line.starts_with('@') {
            let word: String = line.chars().take_while(|c| !c.is_whitespace()).collect();
            return Err(format!(
                "template: unknown directive {word} (known: @center, @right, @noindent, @pagebreak, @tables)"
            ));
        } else {
            Block::Para(
                Align::Body,
                line.trim_start_matches([' ', '\t']).to_string(),
            )
        };
        blocks.push(block);
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> BTreeMap<&'static str, String> {
        BTreeMap::from([
            ("n", "3".to_string()),
            ("zero", "0".to_string()),
            ("units", "住建局、贾塘乡".to_string()),
            ("none", String::new()),
        ])
    }

    #[test]
    fn fills_and_conditions() {
        let v = values();
        assert_eq!(fill("共{{n}}件", &v).unwrap(), "共3件");
        assert_eq!(
            fill("A{{?units}}，尤其是{{units}}{{/}}。", &v).unwrap(),
            "A，尤其是住建局、贾塘乡。"
        );
        assert_eq!(fill("A{{?zero}}x{{zero}}{{/}}B", &v).unwrap(), "AB");
        assert_eq!(fill("A{{!none}}无{{/}}B", &v).unwrap(), "A无B");
        assert_eq!(
            fill("{{?n}}{{?none}}x{{/}}y{{/}}", &v).unwrap(),
            "y",
            "nested parts"
        );
        assert_eq!(
            fill("<!-- {{nothing}}\n-->a{{n}}", &v).unwrap(),
            "\na3",
            "comments go, their lines stay"
        );
    }

    #[test]
    fn errors_name_the_line() {
        let v = values();
        let e = fill("a\nb {{nope}}", &v).unwrap_err();
        assert!(e.contains("line 2") && e.contains("{{nope}}"), "{e}");
        assert!(fill("{{?n}}open", &v).unwrap_err().contains("never closed"));
        assert!(fill("x{{/}}", &v).unwrap_err().contains("without"));
        assert!(fill("x {{n", &v).unwrap_err().contains("line 1"));
        assert!(render("@bogus x", &v).unwrap_err().contains("@bogus"));
    }

    #[test]
    fn blocks() {
        let b = render(
            "@center 〔2018〕2号\n\n# 标题\n@noindent 各单位：\n正文{{n}}\n## 一、情况\n@right 县政府办\n@pagebreak\n@tables\n",
            &values(),
        )
        .unwrap();
        assert_eq!(
            b,
            vec![
                Block::Para(Align::Center, "〔2018〕2号".into()),
                Block::Title("标题".into()),
                Block::Para(Align::NoIndent, "各单位：".into()),
                Block::Para(Align::Body, "正文3".into()),
                Block::Heading("一、情况".into()),
                Block::Para(Align::Right, "县政府办".into()),
                Block::PageBreak,
                Block::Tables,
            ]
        );
    }
}
