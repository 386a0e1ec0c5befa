//! Helpers shared by the integration tests: run the real binary as a user would.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub const AS_OF: &str = "2026-06-30";

/// A folder of the tests' own under the system's temporary folder, removed with everything
/// in it when the value is dropped (at the end of the test, whether it passes or not), so that
/// test runs do not pile up folders in /tmp.
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh, empty folder under the system temp dir, unique to this process and call, removed
/// when dropped.
pub fn temp_dir(name: &str) -> Scratch {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "nis2check-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `nis2check ARGS` in the crate root with no colour and a fixed width.
pub fn run(args: &[&str]) -> (i32, String, String) {
    run_in(&root(), args)
}

pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run_in_env(dir, args, &[])
}

/// [`run_in`] with environment variables set.
pub fn run_in_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nis2check"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env("COLUMNS", "100")
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

/// `check FIXTURE --as-of AS_OF --format F`.
pub fn check(fixture: &str, format: &str) -> (i32, String) {
    let (code, stdout, stderr) = run(&["check", fixture, "--as-of", AS_OF, "--format", format]);
    assert!(stderr.is_empty(), "{fixture}: unexpected stderr:\n{stderr}");
    (code, stdout)
}

/// Every fixture repository: folders below `fixtures/` that hold TOML files directly.
pub fn fixtures() -> Vec<String> {
    let mut out = Vec::new();
    let base = root().join("fixtures");
    for entry in walkdir::WalkDir::new(&base).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_dir() {
            continue;
        }
        let has_toml = std::fs::read_dir(entry.path())
            .unwrap()
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "toml"));
        let parent_is_fixture = entry
            .path()
            .ancestors()
            .skip(1)
            .take_while(|p| *p != base)
            .any(|p| {
                std::fs::read_dir(p)
                    .unwrap()
                    .flatten()
                    .any(|e| e.path().extension().is_some_and(|x| x == "toml"))
            });
        if has_toml && !parent_is_fixture {
            let rel = entry.path().strip_prefix(root()).unwrap();
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    out
}

/// A snapshot name for a fixture path.
pub fn snapshot_name(fixture: &str) -> String {
    fixture.trim_start_matches("fixtures/").replace('/', "__")
}

/// Copies a fixture to a fresh temporary folder (removed when dropped) and returns it.
pub fn copy_fixture(fixture: &str, name: &str) -> Scratch {
    let dest = temp_dir(&format!("test-{name}"));
    let src = root().join(fixture);
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&src).unwrap();
        let target = dest.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    dest
}

/// Inserts lines at the top of a file (moves everything below it).
pub fn prepend(path: &Path, text: &str) {
    let old = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, format!("{text}{old}")).unwrap();
}

/// Replaces the first occurrence of `from` in a file.
pub fn replace_in(path: &Path, from: &str, to: &str) {
    let old = std::fs::read_to_string(path).unwrap();
    assert!(
        old.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    std::fs::write(path, old.replacen(from, to, 1)).unwrap();
}
