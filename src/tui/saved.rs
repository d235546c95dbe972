//! Saved views: a list's query and sort kept under a name (`:view save NAME`, `:view NAME`,
//! `:view delete NAME`, `:views`), in the user's `views.toml` beside keys.toml (the file
//! `HOTLINE_VIEWS` names, else `views.toml` in the config directory's `hotline/`). A file
//! that cannot be read is left as it is: the views it holds are not shown, saving is refused
//! (it would overwrite them), and the reason is said in both languages. The same file keeps
//! the Units tab's assessment pack (`pack = "beijing"`, chosen with `P`).

use crate::domain::lang::Msg;
use crate::domain::query::Sort;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One saved view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    pub name: String,
    /// `pending`, `overdue` or `find` (every order, as `:find`).
    pub list: String,
    /// The query, as typed (`domain::query::parse` reads it when the view opens).
    #[serde(default)]
    pub query: String,
    /// `urgency`, `received`, `unit`, `order_no` or `days_over` (`sort_code`).
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub reverse: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    /// The Units tab's assessment pack (`P`), by its shipped name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pack: Option<String>,
    #[serde(default, rename = "view", skip_serializing_if = "Vec::is_empty")]
    views: Vec<View>,
}

/// The views of the user's file.
#[derive(Debug, Default, Clone)]
pub struct Views {
    /// Where they are kept (None: nowhere, saving is refused).
    pub path: Option<PathBuf>,
    pub views: Vec<View>,
    /// The assessment pack chosen last on the Units tab (`pack = "beijing"`), if any.
    pub pack: Option<String>,
    /// Why the file could not be read (it is then never written).
    pub broken: Option<Msg>,
}

/// A sort's name in views.toml.
pub fn sort_code(s: Sort) -> &'static str {
    match s {
        Sort::Urgency => "urgency",
        Sort::Received => "received",
        Sort::Unit => "unit",
        Sort::OrderNo => "order_no",
        Sort::DaysOver => "days_over",
    }
}

/// Where views.toml is when `HOTLINE_VIEWS` is not set: beside keys.toml.
pub fn user_file() -> Option<PathBuf> {
    super::keymap::user_file().map(|p| p.with_file_name("views.toml"))
}

impl Views {
    /// The user's views: `HOTLINE_VIEWS`'s file, else `user_file()` (none there: no views).
    pub fn load_user() -> Views {
        match std::env::var_os("HOTLINE_VIEWS").filter(|p| !p.is_empty()) {
            Some(p) => Views::load(Path::new(&p)),
            None => match user_file() {
                Some(p) => Views::load(&p),
                None => Views::default(),
            },
        }
    }

    /// The views of the file at `path` (a missing file: none yet, saved there).
    pub fn load(path: &Path) -> Views {
        let mut v = Views {
            path: Some(path.to_path_buf()),
            ..Default::default()
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return v,
            Err(e) => {
                v.broken = Some(Msg::both(
                    format!(
                        "cannot read the views file {}: {e}; it is left as it is (no view can be saved until it can be read)",
                        path.display()
                    ),
                    format!(
                        "无法读取视图文件 {}（{e}）：文件未作改动；在能读取之前不能保存视图",
                        path.display()
                    ),
                ));
                return v;
            }
        };
        match toml::from_str::<File>(&text) {
            Ok(f) => {
                v.views = f.views;
                v.pack = f.pack;
            }
            Err(e) => {
                let line = e.span().map_or(1, |s| {
                    text[..s.start.min(text.len())].matches('\n').count() + 1
                });
                let what = crate::domain::text::quote(e.message());
                v.broken = Some(Msg::both(
                    format!(
                        "{}, line {line}: {what}; the file is left as it is — fix or remove it to save views (each view is a [[view]] with name, list, query, sort, reverse)",
                        path.display()
                    ),
                    format!(
                        "{} 第 {line} 行有误（{what}）：文件未作改动；请修正或删除后再保存视图（每个视图是一个 [[view]]，含 name、list、query、sort、reverse）",
                        path.display()
                    ),
                ));
            }
        }
        v
    }

    pub fn get(&self, name: &str) -> Option<&View> {
        self.views.iter().find(|v| v.name == name)
    }

    /// The names, in the file's order.
    pub fn names(&self) -> Vec<&str> {
        self.views.iter().map(|v| v.name.as_str()).collect()
    }

    /// Add or replace a view and write the file.
    pub fn put(&mut self, view: View) -> Result<(), Msg> {
        let mut views = self.views.clone();
        match views.iter_mut().find(|v| v.name == view.name) {
            Some(v) => *v = view,
            None => views.push(view),
        }
        self.write(views, self.pack.clone())
    }

    /// Keep the Units tab's pack (`P`) and write the file.
    pub fn set_pack(&mut self, name: &str) -> Result<(), Msg> {
        self.write(self.views.clone(), Some(name.to_string()))
    }

    /// Remove a view and write the file; false when there was none of that name.
    pub fn delete(&mut self, name: &str) -> Result<bool, Msg> {
        let mut views = self.views.clone();
        let before = views.len();
        views.retain(|v| v.name != name);
        if views.len() == before {
            return Ok(false);
        }
        self.write(views, self.pack.clone()).map(|_| true)
    }

    /// Write `views` and `pack` to the file (through a temporary file beside it, renamed over
    /// it), and keep them. Refused when the file could not be read: it would be overwritten.
    fn write(&mut self, views: Vec<View>, pack: Option<String>) -> Result<(), Msg> {
        if let Some(b) = &self.broken {
            return Err(b.clone());
        }
        let Some(path) = self.path.clone() else {
            return Err(Msg::both(
                "no place to keep views: set HOTLINE_VIEWS to a file".into(),
                "没有保存视图的位置：请用 HOTLINE_VIEWS 指定一个文件".into(),
            ));
        };
        let fail = |e: &dyn std::fmt::Display| {
            Msg::both(
                format!("cannot write the views file {}: {e}", path.display()),
                format!("无法写入视图文件 {}（{e}）", path.display()),
            )
        };
        let text = toml::to_string(&File {
            pack: pack.clone(),
            views: views.clone(),
        })
        .map_err(|e| fail(&e))?;
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".views")
            .tempfile_in(dir)
            .map_err(|e| fail(&e))?;
        std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(|e| fail(&e))?;
        tmp.persist(&path).map_err(|e| fail(&e.error))?;
        self.views = views;
        self.pack = pack;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_views_round_trip_and_a_bad_file_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("views.toml");
        let mut v = Views::load(&path);
        assert!(v.views.is_empty() && v.broken.is_none());
        let view = View {
            name: "住建局超期".into(),
            list: "overdue".into(),
            query: "unit:zjj late:>30".into(),
            sort: "unit".into(),
            reverse: true,
        };
        v.put(view.clone()).unwrap();
        assert_eq!(Views::load(&path).views, std::slice::from_ref(&view));
        // The Units tab's pack is kept beside the views, and survives their changes.
        v.set_pack("beijing").unwrap();
        let back = Views::load(&path);
        assert_eq!(back.pack.as_deref(), Some("beijing"));
        assert_eq!(back.views, std::slice::from_ref(&view));
        assert!(v.delete("住建局超期").unwrap() && !v.delete("住建局超期").unwrap());
        assert!(Views::load(&path).views.is_empty());
        assert_eq!(Views::load(&path).pack.as_deref(), Some("beijing"));

        std::fs::write(&path, "[[view]]\nname = \"a\"\nlist = 3\n").unwrap();
        let mut bad = Views::load(&path);
        let e = bad.broken.clone().unwrap();
        assert!(
            e.en.contains("line 3") && e.en.contains("left as it is"),
            "{}",
            e.en
        );
        assert!(e.zh.unwrap().contains("第 3 行"));
        assert!(bad.put(view).is_err());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "[[view]]\nname = \"a\"\nlist = 3\n",
            "not overwritten"
        );
    }
}
