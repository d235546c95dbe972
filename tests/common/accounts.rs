//! Real OS accounts, for the tests of who did what. The program takes the account of the
//! process's uid (never `USER`, which anyone can set), so a test that plays several people runs
//! the binary as several accounts: created here if missing (`useradd --system`), run through
//! `runuser`. That needs root; without it a test prints one SKIPPED line (and fails under CI,
//! which runs as root).
#![allow(dead_code)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Accounts {
    pub dir: tempfile::TempDir,
    bin: PathBuf,
}

fn is_root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn have(tool: &str, probe: &[&str]) -> bool {
    Command::new(tool).args(probe).output().is_ok()
}

impl Accounts {
    /// A folder every account may write in, with a copy of the binary every account may run;
    /// `None` (after the SKIPPED line) where accounts cannot be made.
    pub fn new(test: &str) -> Option<Accounts> {
        let missing = if !is_root() {
            Some("not running as root (needed to run hotline as other OS accounts)")
        } else if !have("runuser", &["--help"]) {
            Some("runuser is not installed (apt-get install util-linux)")
        } else if !have("useradd", &["--help"]) {
            Some("useradd is not installed (apt-get install passwd)")
        } else {
            None
        };
        if !super::tools::can_run(test, missing) {
            return None;
        }
        let dir = tempfile::tempdir().ok()?;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).ok()?;
        let bin = dir.path().join("hotline");
        std::fs::copy(env!("CARGO_BIN_EXE_hotline"), &bin).ok()?;
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).ok()?;
        Some(Accounts { dir, bin })
    }

    /// The account `name`, created (a system account without a home) if it does not exist.
    pub fn ensure(&self, name: &str) {
        // One useradd at a time: two at once may both pick the same free uid.
        static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _one = LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let exists = Command::new("id")
            .args(["-u", name])
            .output()
            .is_ok_and(|o| o.status.success());
        if !exists {
            let out = Command::new("useradd")
                .args([
                    "--system",
                    "--no-create-home",
                    "--shell",
                    "/usr/sbin/nologin",
                    name,
                ])
                .output()
                .unwrap();
            // Two tests may race to create the same account.
            let again = Command::new("id").args(["-u", name]).output().unwrap();
            assert!(
                out.status.success() || again.status.success(),
                "useradd {name}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.dir.path().join(file)
    }

    /// `hotline --db DB ARGS` run as `account` (created if missing), in the shared folder, with
    /// no database, clock or log from the environment.
    pub fn cmd(&self, account: &str, db: &Path, args: &[&str]) -> Command {
        self.ensure(account);
        let mut c = Command::new("runuser");
        c.args(["-u", account, "--"])
            .arg(&self.bin)
            .arg("--db")
            .arg(db)
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("HOTLINE_DB")
            .env_remove("HOTLINE_NOW")
            .env("HOTLINE_LOG", "off");
        c
    }

    pub fn run(&self, account: &str, db: &Path, args: &[&str]) -> Output {
        let out = self.cmd(account, db, args).output().unwrap();
        // Files the accounts make (the database, its -wal and -shm) stay writable by the
        // others, as a shared office database would be (group-writable in real use).
        for f in std::fs::read_dir(self.dir.path()).unwrap().flatten() {
            let p = f.path();
            if p != self.bin && p.is_file() {
                let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o666));
            }
        }
        out
    }
}
