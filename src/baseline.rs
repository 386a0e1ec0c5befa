//! Adopting nis2check in a repository with existing debt: a baseline file of today's findings
//! (`--write-baseline`, `--baseline`), and comparison with a git revision (`--new-since REF`)
//! so that a pull request fails only on what it introduced.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use crate::check::{self, Comparison, Options, Outcome};

pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct BaselineFile {
    pub version: u32,
    pub tool: String,
    pub as_of: String,
    pub findings: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    pub message: String,
}

/// The findings that a baseline records: rule findings and waiver problems, not input errors.
fn entries(outcome: &Outcome) -> Vec<Entry> {
    let mut out: Vec<Entry> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.waived_by.is_none() && !d.is_fatal())
        .map(|d| Entry {
            fingerprint: d.fingerprint(&outcome.sources),
            code: d.code.clone(),
            message: d.message.clone(),
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

pub fn write(outcome: &Outcome, path: &Path) -> Result<usize, String> {
    let file = BaselineFile {
        version: VERSION,
        tool: format!("nis2check {}", env!("CARGO_PKG_VERSION")),
        as_of: outcome.as_of.to_string(),
        findings: entries(outcome),
    };
    let mut text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    Ok(file.findings.len())
}

pub fn read(path: &Path) -> Result<Vec<Entry>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the baseline `{}`: {e}", path.display()))?;
    let file: BaselineFile = serde_json::from_str(&text)
        .map_err(|e| format!("`{}` is not a nis2check baseline: {e}", path.display()))?;
    if file.version != VERSION {
        return Err(format!(
            "`{}` is a version {} baseline; this nis2check reads version {VERSION}",
            path.display(),
            file.version
        ));
    }
    Ok(file.findings)
}

/// Marks the findings that are in `known` as baselined, and lists the known ones that are gone.
pub fn apply(outcome: &mut Outcome, known: Vec<Entry>, against: String) {
    let mut remaining: BTreeMap<String, Entry> = known
        .into_iter()
        .map(|e| (e.fingerprint.clone(), e))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut count = 0;
    for d in outcome.diagnostics.iter_mut() {
        if d.waived_by.is_some() || d.is_fatal() {
            continue;
        }
        let fp = d.fingerprint(&outcome.sources);
        if remaining.contains_key(&fp) || seen.contains(&fp) {
            d.baselined = true;
            count += 1;
            if let Some(e) = remaining.remove(&fp) {
                seen.insert(e.fingerprint);
            }
        }
    }
    let resolved = remaining
        .into_values()
        .map(|e| (e.code, e.message))
        .collect();
    outcome.comparison = Some(Comparison {
        against,
        known: count,
        resolved,
    });
}

/// Checks the repository as it was at `rev`, read from git into a temporary folder (the working
/// tree is not touched), and returns its findings. A compliance folder that did not exist at
/// `rev` had no findings: everything is new.
pub fn at_revision(opts: &Options, rev: &str) -> Result<Vec<Entry>, String> {
    let git = |dir: &Path, args: &[&str]| -> Result<String, String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let toplevel = git(&opts.root, &["rev-parse", "--show-toplevel"])
        .map_err(|e| format!("`{}` is not in a git repository ({e})", opts.root.display()))?;
    let toplevel = PathBuf::from(toplevel);
    let prefix = git(&opts.root, &["rev-parse", "--show-prefix"])?;
    let commit = git(
        &opts.root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| format!("`{rev}` is not a git revision of this repository"))?;
    // The folder's tree at that commit. `git archive COMMIT -- .` run in the folder would fail
    // on an empty pathspec when the folder did not exist yet, in the same way as on any other
    // error; asking for the tree first tells the two apart, and archiving the tree itself
    // (from the top) puts the folder's files at the root of the archive.
    let tree = match prefix.trim_end_matches('/') {
        "" => git(&toplevel, &["rev-parse", &format!("{commit}^{{tree}}")])?,
        folder => {
            let listing = git(&toplevel, &["ls-tree", "-z", &commit, "--", folder])
                .map_err(|e| format!("cannot read `{folder}` at `{rev}`: {e}"))?;
            // `MODE TYPE OBJECT`, a tab and the path; nothing when the folder did not exist at
            // that commit (and a file of that name is no compliance folder either).
            match listing
                .split('\t')
                .next()
                .unwrap_or("")
                .split(' ')
                .collect::<Vec<_>>()[..]
            {
                [_, "tree", object] => object.to_string(),
                _ => return Ok(Vec::new()),
            }
        }
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let tmp: PathBuf =
        std::env::temp_dir().join(format!("nis2check-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let result = (|| {
        let mut archive = Command::new("git")
            .arg("-C")
            .arg(&toplevel)
            .args(["archive", "--format=tar", &tree])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run git archive: {e}"))?;
        let tar = Command::new("tar")
            .arg("-x")
            .arg("-C")
            .arg(&tmp)
            .stdin(archive.stdout.take().ok_or("git archive gave no output")?)
            .output()
            .map_err(|e| format!("cannot run tar: {e}"))?;
        let archived = archive
            .wait_with_output()
            .map_err(|e| format!("cannot run git archive: {e}"))?;
        if !archived.status.success() {
            return Err(format!(
                "cannot read `{rev}` from git: {}",
                String::from_utf8_lossy(&archived.stderr).trim()
            ));
        }
        if !tar.status.success() {
            return Err(format!(
                "cannot unpack `{rev}`: {}",
                String::from_utf8_lossy(&tar.stderr).trim()
            ));
        }
        let mut old_opts = opts.clone();
        old_opts.root = tmp.clone();
        Ok(entries(&check::run(&old_opts)))
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    result
}
