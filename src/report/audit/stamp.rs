//! What a report was made from: the tool version, a SHA-256 of the embedded rule pack, and the
//! git commit of the compliance repository (with a flag when its working tree is dirty). No
//! wall-clock time: the same commit and `--as-of` give the same bytes.

use std::path::Path;
use std::process::Command;

use sha2::{Digest, Sha256};

/// Overrides the commit line (tests, and builds from a source archive).
pub const COMMIT_ENV: &str = "NIS2CHECK_REPORT_COMMIT";

#[derive(Debug, Clone)]
pub struct Stamp {
    pub tool_version: String,
    /// `sha256:` and 64 hex digits.
    pub rule_pack: String,
    /// Files in the built-in pack (rules, their tests, the library, the catalogues).
    pub rule_pack_files: usize,
    /// "0123abc… (clean)", "0123abc… (dirty: 2 uncommitted changes)", "not a git repository".
    pub commit: String,
}

impl Stamp {
    /// The stamp of a report on the repository at `root`.
    pub fn new(root: &Path) -> Stamp {
        let commit = match std::env::var(COMMIT_ENV) {
            Ok(v) if !v.trim().is_empty() => v.trim().to_string(),
            _ => git_commit(root),
        };
        Stamp {
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            rule_pack: rule_pack_hash(crate::policy::builtin::FILES),
            rule_pack_files: crate::policy::builtin::FILES.len(),
            commit,
        }
    }
}

/// SHA-256 over every (path, contents) of the pack in order, each followed by a NUL byte, so a
/// renamed file changes the hash as much as an edited one.
pub fn rule_pack_hash(files: &[(&str, &str)]) -> String {
    let mut h = Sha256::new();
    for (path, text) in files {
        h.update(path.as_bytes());
        h.update([0]);
        h.update(text.as_bytes());
        h.update([0]);
    }
    format!("sha256:{}", hex(&h.finalize()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `git rev-parse HEAD` of the repository, and whether `git status --porcelain -- .` lists
/// anything below the root (untracked files count).
pub fn git_commit(root: &Path) -> String {
    if git(root, &["rev-parse", "--is-inside-work-tree"]).is_none() {
        return "not a git repository".to_string();
    }
    let Some(head) = git(root, &["rev-parse", "HEAD"]) else {
        return "no commit yet".to_string();
    };
    let head = head.trim();
    match git(root, &["status", "--porcelain", "--", "."]) {
        Some(s) if s.trim().is_empty() => format!("{head} (clean)"),
        Some(s) => {
            let n = s.lines().filter(|l| !l.trim().is_empty()).count();
            format!(
                "{head} (dirty: {})",
                super::plural(n, "uncommitted change", "uncommitted changes")
            )
        }
        None => format!("{head} (working tree state unknown)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_changes_with_names_and_contents() {
        let a = rule_pack_hash(&[("a.rego", "x"), ("b.rego", "y")]);
        assert_eq!(a.len(), "sha256:".len() + 64);
        assert_ne!(a, rule_pack_hash(&[("a.rego", "xb"), (".rego", "y")]));
        assert_ne!(a, rule_pack_hash(&[("c.rego", "x"), ("b.rego", "y")]));
        assert_eq!(a, rule_pack_hash(&[("a.rego", "x"), ("b.rego", "y")]));
    }

    #[test]
    fn outside_git() {
        let dir = std::env::temp_dir().join(format!("nis2check-stamp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // A temporary folder may itself lie inside a git work tree on some machines.
        let inside = git(&dir, &["rev-parse", "--is-inside-work-tree"]).is_some();
        if !inside {
            assert_eq!(git_commit(&dir), "not a git repository");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
