//! Administration: creating a database, its units and its operators. Like every action, it
//! goes through the access policy (`policy::require`) before the store is touched.

use super::{Ctx, policy};
use crate::domain::{Role, Unit, UnitKind, Work};
use crate::error::{Error, Msg, Result};
use crate::store::Store;
use std::path::Path;

const SHIPPED_UNITS: &str = include_str!("../../data/units-haiyuan.csv");

/// Create an empty database with the county's units; `admin` (the OS user who creates it)
/// becomes its first admin.
pub fn init(path: &Path, admin: &str) -> Result<Store> {
    // An empty file (0 bytes, e.g. made by `touch` or `mktemp`) may become the database.
    if path.exists() && !crate::store::is_empty_file(path) {
        return Err(Error::Input(format!(
            "{} already exists: pass another --db, or remove it first",
            path.display()
        )));
    }
    let store = Store::create(path)?;
    add_shipped_units(&store)?;
    store.set_operator(admin, &Role::Admin)?;
    Ok(store)
}

/// The Haiyuan county units from `data/units-haiyuan.csv` (name,kind), into a new database.
pub fn add_shipped_units(store: &Store) -> Result<()> {
    store.write(|s| {
        for line in SHIPPED_UNITS
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
        {
            let (name, kind) = line.split_once(',').unwrap_or((line, "department"));
            let kind: UnitKind = kind.trim().parse().map_err(Error::Input)?;
            s.add_unit(name.trim(), kind)?;
        }
        Ok(())
    })
}

/// Add a unit (admins only).
pub fn add_unit(store: &Store, ctx: &Ctx, name: &str, kind: UnitKind) -> Result<Unit> {
    policy::require(ctx, Work::ManageUnits)?;
    store.add_unit(name, kind)
}

/// Add an operator or change one's role (admins only).
pub fn set_operator(store: &Store, ctx: &Ctx, user: &str, role: &Role) -> Result<()> {
    policy::require(ctx, Work::ManageOperators)?;
    store.set_operator(user, role)
}

/// Remove an operator (admins only; never the last admin).
pub fn remove_operator(store: &Store, ctx: &Ctx, user: &str) -> Result<()> {
    policy::require(ctx, Work::ManageOperators)?;
    store.remove_operator(user)
}

/// A consistent copy of the database, readable by its owner and group only (it holds every
/// citizen's phone number). The office's work.
///
/// The copy is written to a hidden temporary file in the destination's folder
/// (`.NAME.XXXXXX.partial`), checked (SQLite's integrity check, hotline's schema), flushed
/// to disk and only then renamed to `file` (never over an existing one): a backup that fails
/// (a full disk) or is interrupted leaves nothing at `file`. A temporary file left by a
/// `kill -9` is hidden and named `.partial`; it may be deleted.
pub fn backup(store: &Store, ctx: &Ctx, file: &Path) -> Result<()> {
    policy::require(ctx, Work::Backup)?;
    if let Some(db) = store.path() {
        guard_output(db, file)?;
    }
    if file.exists() {
        return Err(Error::Input(format!(
            "{} already exists: choose a new file name",
            file.display()
        )));
    }
    let dir = match file.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => {
            return Err(Error::Input(format!(
                "folder {} does not exist: create it first",
                dir.display()
            )));
        }
        Some(dir) => dir,
        None => Path::new("."),
    };
    let failed = |e: &dyn std::fmt::Display| {
        Error::Io(format!(
            "backup to {} failed: {e}; nothing was written at {}",
            file.display(),
            file.display()
        ))
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(dir)
        .map_err(|e| failed(&e))?;
    // On any error below, dropping `tmp` deletes the temporary file.
    store.copy_into(tmp.path()).map_err(|e| failed(&e))?;
    Store::verify_copy(tmp.path()).map_err(|e| failed(&e))?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o640))
        .map_err(|e| failed(&e))?;
    std::fs::File::open(tmp.path())
        .and_then(|f| f.sync_all())
        .map_err(|e| failed(&e))?;
    tmp.persist_noclobber(file).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Input(format!(
                "{} already exists: choose a new file name",
                file.display()
            ))
        } else {
            failed(&e.error)
        }
    })?;
    // The rename itself is durable once the folder is flushed.
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| failed(&e))?;
    Ok(())
}

/// The settings key the demo writes (`demo::create`): the number of orders it made.
pub const DEMO_KEY: &str = "demo_orders";

/// May OS user `user` replace the file at `path` with a new demo database (`demo --force`)?
/// Only an empty file or a demo database: one that `demo` made (its `demo_orders` setting)
/// and that holds only the demo's orders (no order taken in or imported since), and only
/// for an admin of it where access control is on (operators were added); never while another
/// process has it open. Nothing is changed.
pub fn may_replace_with_demo(path: &Path, user: &str) -> Result<()> {
    if !path.exists() || crate::store::is_empty_file(path) {
        return Ok(());
    }
    if crate::store::open_elsewhere(path)? {
        return Err(crate::store::in_use(path));
    }
    let not_demo = |why_en: &str, why_zh: &str| {
        Error::Refused(Msg::both(
            format!(
                "{} is not a demo database ({why_en}): demo --force replaces only a database made by `hotline demo` that holds only the demo's orders; pass another --db, or, if you mean to lose it, move the file away yourself",
                path.display()
            ),
            format!(
                "{} 不是演示数据库（{why_zh}）：demo --force 只替换由 `hotline demo` 创建、且只含演示工单的数据库；请用 --db 指定其他文件，若确要丢弃它，请自行移走该文件",
                path.display()
            ),
        ))
    };
    let store = Store::open(path).map_err(|e| not_demo(&e.to_string(), &e.zh()))?;
    let made: Option<u64> = store.setting(DEMO_KEY)?.and_then(|v| v.parse().ok());
    let Some(made) = made else {
        return Err(not_demo(
            "`hotline demo` did not make it",
            "不是由 `hotline demo` 创建的",
        ));
    };
    let now = store.count_orders()?;
    if now != made {
        return Err(not_demo(
            &format!("it holds {now} orders, the demo made {made}"),
            &format!("其中有 {now} 件工单，演示只创建了 {made} 件"),
        ));
    }
    let role = policy::role_of(&store, user)?;
    if let Some(e) = policy::work_refusal(user, &role, Work::ReplaceDemo) {
        return Err(e);
    }
    Ok(())
}

/// Refuse to write the file `out` when it is the database `db` or one of its `-wal`/`-shm`
/// files: every command that writes a file (report, export, bulletin, import's rejects,
/// backup) asks this first. Compared by identity, not by the strings typed: an existing
/// `out` by device and inode (a symlink or a hard link to the database is the database),
/// and by its resolved name (folders and symlinks followed) for the `-wal`/`-shm` files,
/// which exist only while the database is open.
pub fn guard_output(db: &Path, out: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let refuse = || {
        Error::Refused(Msg::both(
            format!(
                "{} is the database {} or its -wal/-shm file: writing there would destroy the database; choose another output file",
                out.display(),
                db.display()
            ),
            format!(
                "{} 就是数据库 {} 或其 -wal/-shm 文件：写入会毁掉数据库；请另选输出文件",
                out.display(),
                db.display()
            ),
        ))
    };
    // SQLite names the companions after the database's real path (it follows symlinks).
    let mut files = Vec::new();
    for base in [db.to_path_buf(), resolved(db)] {
        for suffix in ["", "-wal", "-shm"] {
            let mut name = base.clone().into_os_string();
            name.push(suffix);
            files.push(std::path::PathBuf::from(name));
        }
    }
    if let Ok(o) = std::fs::metadata(out) {
        let same =
            |f: &Path| std::fs::metadata(f).is_ok_and(|m| m.dev() == o.dev() && m.ino() == o.ino());
        if files.iter().any(|f| same(f)) {
            return Err(refuse());
        }
    }
    let out = resolved(out);
    if files.iter().any(|f| resolved(f) == out) {
        return Err(refuse());
    }
    Ok(())
}

/// `path` with its folders and symlinks resolved, whether or not it exists: the canonical
/// path of an existing file; else its folder's canonical path and its name, following a
/// dangling symlink to where it points (a bounded number of hops).
fn resolved(path: &Path) -> std::path::PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        if let Ok(p) = std::fs::canonicalize(&path) {
            return p;
        }
        match std::fs::read_link(&path) {
            Ok(target) => {
                path = match path.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            Err(_) => break,
        }
    }
    let name = path.file_name().map(|n| n.to_os_string());
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (std::fs::canonicalize(dir), name) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path,
    }
}
