//! Administration: creating a database, its units and its operators. Like every action, it
//! goes through the access policy (`policy::require`) before the store is touched.

use super::{Ctx, policy};
use crate::domain::{Role, Unit, UnitKind, Work};
use crate::error::{Error, Result};
use crate::store::Store;
use std::path::Path;

const SHIPPED_UNITS: &str = include_str!("../../data/units-haiyuan.csv");

/// Create an empty database with the county's units; `admin` (the OS user who creates it)
/// becomes its first admin.
pub fn init(path: &Path, admin: &str) -> Result<Store> {
    if path.exists() {
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
pub fn backup(store: &Store, ctx: &Ctx, file: &Path) -> Result<()> {
    policy::require(ctx, Work::Backup)?;
    if file.exists() {
        return Err(Error::Input(format!(
            "{} already exists: choose a new file name",
            file.display()
        )));
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(Error::Input(format!(
            "folder {} does not exist: create it first",
            dir.display()
        )));
    }
    store.backup_to(file)?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o640))
        .map_err(|e| Error::Io(format!("cannot set the mode of {}: {e}", file.display())))?;
    Ok(())
}
