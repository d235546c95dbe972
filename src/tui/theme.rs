//! Colours and symbols. Two switches: `NO_COLOR` gives a monochrome theme (the selection is
//! still visible, reversed), and `ascii` replaces box drawing and the other East Asian
//! "ambiguous width" symbols, which CJK terminals often draw two columns wide and so push
//! every column after them out of line.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    /// From the environment: `NO_COLOR` set to anything non-empty (no-color.org), and
    /// `HOTLINE_ASCII` set to anything but empty or `0`.
    pub fn from_env(ascii_flag: bool) -> Theme {
        let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
        Theme {
            color: var("NO_COLOR").is_none(),
            ascii: ascii_flag || var("HOTLINE_ASCII").is_some_and(|v| v != "0"),
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The selected row: reversed in both themes, so it shows without colour.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    /// A row marked for a bulk action.
    pub fn marked(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    /// Where a filter matched, in a list's row (underlined too, so it shows without colour).
    pub fn hit(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn header(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn tab_active(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    /// Past the deadline.
    pub fn overdue(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    /// Due within a working day.
    pub fn soon(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn total(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn bar(&self) -> Style {
        self.fg(Color::Red)
    }

    pub fn border(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    /// The symbols the UI draws itself.
    pub fn bar_char(&self) -> char {
        if self.ascii { '#' } else { '█' }
    }
    pub fn sep(&self) -> &'static str {
        if self.ascii { " | " } else { " │ " }
    }
    pub fn dot(&self) -> &'static str {
        if self.ascii { " - " } else { " · " }
    }
    pub fn up(&self) -> &'static str {
        if self.ascii { "^" } else { "▲" }
    }
    pub fn down(&self) -> &'static str {
        if self.ascii { "v" } else { "▼" }
    }

    /// Text that went through `truncate` (which ends cuts with `…`) or `percent` (which
    /// writes `—` for “no base”), or help text naming the sort marks: in ASCII mode those
    /// become one-column ASCII (the theme's own `up`, `down`), keeping widths.
    pub fn fix(&self, s: String) -> String {
        const AMBIGUOUS: [char; 5] = ['…', '—', '·', '▲', '▼'];
        if self.ascii && s.contains(AMBIGUOUS) {
            s.chars()
                .map(|c| match c {
                    '…' => '~',
                    '—' => '-',
                    '·' => '.',
                    '▲' => '^',
                    '▼' => 'v',
                    c => c,
                })
                .collect()
        } else {
            s
        }
    }
}
