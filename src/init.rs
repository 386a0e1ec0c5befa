//! `nis2check init`: a starter compliance repository. It writes only files that do not exist yet.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

/// What `init` asks.
#[derive(Debug, Clone)]
pub struct InitOptions {
    pub dir: PathBuf,
    pub name: String,
    pub member_state: String,
    pub sector: String,
    pub employees: Option<u64>,
    pub public_administration: String,
    pub date: Date,
    /// When `dir` lies inside a git repository but is not its root: that root and `dir`'s
    /// path inside it (`/`-separated, no trailing `/`). GitHub and pre-commit read their
    /// configuration only at the root, so those files go there, pointed at `dir`
    /// ([`enclosing_repository`]).
    pub repository: Option<(PathBuf, String)>,
}

/// Files that only work at the root of the git repository.
const AT_REPOSITORY_ROOT: [&str; 2] =
    [".github/workflows/nis2check.yml", ".pre-commit-config.yaml"];

/// The git repository `dir` lies in, when `dir` is not its root: (root, `dir`'s path inside
/// it). Found by looking for `.git` in `dir` and its parents (`dir` need not exist yet).
pub fn enclosing_repository(dir: &Path) -> Option<(PathBuf, String)> {
    let absolute = std::path::absolute(dir).ok()?;
    // Resolve symbolic links in the part that exists, keep the rest as written.
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        rest.push(existing.file_name()?.to_os_string());
        existing = existing.parent()?;
    }
    let mut full = existing.canonicalize().ok()?;
    full.extend(rest.iter().rev());
    let root = full.ancestors().find(|a| a.join(".git").exists())?;
    let inside = full.strip_prefix(root).ok()?;
    let parts: Vec<String> = inside
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    (!parts.is_empty()).then(|| (root.to_path_buf(), parts.join("/")))
}

/// The files of a starter repository: (relative path, contents).
pub fn files(o: &InitOptions) -> Vec<(&'static str, String)> {
    let d = o.date;
    let inside = o.repository.as_ref().map(|(_, p)| p.as_str());
    let frameworks = if o.member_state == "NL" && o.public_administration != "none" {
        "[\"nis2\", \"bio2\"]"
    } else {
        "[\"nis2\"]"
    };
    let employees = o.employees.map_or_else(
        || "# employees = 120".to_string(),
        |e| format!("employees = {e}"),
    );
    vec![
        (
            "nis2check.toml",
            format!(
                "# nis2check settings: see docs/format.md of nis2check.\nframeworks = {frameworks}\nfail_on = \"error\"\npolicies = [\"policies\"]\n\n[intervals]\npolicy_review_months = 12\n\n[risk]\ntolerance = 8\n\n[waivers]\nmax_months = 12\n"
            ),
        ),
        (
            "organization.toml",
            format!(
                "[organization]\nname = {name:?}\nmember_state = {ms:?}\nsector = {sector:?}\npublic_administration = {pa:?}\n{employees}\n# annual_turnover_eur = 12000000\n# balance_sheet_eur = 11000000\n# classification = \"important\"          # run `nis2check scope` to see the derived position\ncompetent_authority = \"\"                 # the regulator, e.g. \"RDI\"\ncsirt = \"\"                               # e.g. \"NCSC\"\nip_ranges = []\nmember_states_served = [{ms:?}]\n\n[organization.contact]\nemail = \"security@example.org\"\nphone = \"+31 20 000 0000\"\naddress = \"\"                             # the postal address, as registered\n",
                name = o.name,
                ms = o.member_state,
                sector = o.sector,
                pa = o.public_administration,
            ),
        ),
        (
            "people/people.toml",
            format!(
                "# The management body, the security officer and staff. Ids are referenced elsewhere.\n[[person]]\nid = \"p-director\"\nname = \"Director (replace)\"\nroles = [\"management-body\"]\nappointed_at = {d}\ntrainings = []                          # add {{ topic = \"cybersecurity-management\", completed_at = … }}\n\n[[person]]\nid = \"p-ciso\"\nname = \"Security officer (replace)\"\nroles = [\"ciso\"]\nreports_to = \"p-director\"\nappointed_at = {d}\ntrainings = [{{ topic = \"security-awareness\", completed_at = {d} }}]\n"
            ),
        ),
        (
            "documents/documents.toml",
            format!(
                "[[document]]\nid = \"d-security-policy\"\ntype = \"security-policy\"\ntitle = \"Information security policy\"\nowner = \"p-ciso\"\n# approved_by = [\"p-director\"]        # NIS2 Art. 20(1): the management body approves it\n# approved_at = {d}\nversion = \"0.1\"\n"
            ),
        ),
        (
            "controls/controls.toml",
            "# Controls and the requirements they implement: together, the Statement of Applicability.\n[[control]]\nid = \"c-mfa\"\ntitle = \"Multi-factor authentication for remote and internet-facing access\"\nstatus = \"planned\"\nowner = \"p-ciso\"\nrequirements = [\"nis2:21(2)(j)\"]\n".to_string(),
        ),
        (
            "assets/assets.toml",
            format!(
                "[[asset]]\nid = \"a-email\"\nname = \"E-mail and calendar\"\ntype = \"cloud-service\"\nowner = \"p-ciso\"\nservices = [\"internal communication\"]\ncriticality = \"high\"\nclassification = {{ confidentiality = \"medium\", integrity = \"medium\", availability = \"high\", authenticity = \"medium\" }}\ninternet_facing = true\nmfa = false\nsuppliers = [\"s-mail\"]\nlast_verified_at = {d}\n"
            ),
        ),
        (
            "suppliers/suppliers.toml",
            "[[supplier]]\nid = \"s-mail\"\nname = \"Mail provider (replace)\"\nprovides = [\"e-mail\"]\ncriticality = \"high\"\ncountry = \"NL\"\ncontact = { email = \"security@mail.example\" }\n".to_string(),
        ),
        (
            "risks/risks.toml",
            format!(
                "[[risk]]\nid = \"r-account-takeover\"\ntitle = \"Account takeover through phishing\"\nassets = [\"a-email\"]\nthreat = \"phishing\"\nlikelihood = 4\nimpact = 3\nowner = \"p-ciso\"\ntreatment = \"mitigate\"\ntreatment_owner = \"p-ciso\"\ntreatment_due = {}\nstatus = \"open\"\nreviewed_at = {d}\n",
                d.checked_add(jiff::Span::new().months(3)).unwrap_or(d)
            ),
        ),
        (
            "incidents/incidents.toml",
            "# Incidents, with the moments that start and meet the NIS2 Art. 23 reporting deadlines.\n# Timestamps need a UTC offset, e.g.:\n# [[incident]]\n# id = \"inc-2026-001\"\n# title = \"Phishing wave\"\n# aware_at = 2026-03-01T10:00:00+01:00\n# significant = false\n# resolved_at = 2026-03-02T16:00:00+01:00\n# records_kept_until = 2031-03-02  # BIO2 5.28.01: at least three years after resolution\n".to_string(),
        ),
        (
            "waivers.toml",
            "# Time-boxed, approved exceptions to a rule. Example:\n# [[waiver]]\n# id = \"w-2026-001\"\n# rule = \"ACC001\"\n# target = \"asset:a-email\"\n# reason = \"MFA roll-out planned for Q3\"\n# approved_by = \"p-director\"\n# expires = 2026-09-30\n".to_string(),
        ),
        (
            ".github/workflows/nis2check.yml",
            format!(
                "name: nis2check\non:\n  pull_request:\n  push:\n    branches: [main]\npermissions:\n  contents: read\n  security-events: write\njobs:\n  nis2check:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n        with:\n          fetch-depth: 0                      # for --new-since\n      # The repository that hosts nis2check (its action.yml is at the root).\n      - uses: nis2check/nis2check@main\n        id: nis2check\n        with:\n          path: {path}\n          sarif-file: nis2check.sarif\n          # Fail only on findings the change brings in (old ones are listed, not counted).\n          args: --new-since origin/${{{{ github.base_ref || 'main' }}}}\n      - uses: github/codeql-action/upload-sarif@v4\n        if: always()\n        with:\n          sarif_file: nis2check.sarif\n",
                path = inside.map_or_else(|| ".".to_string(), yaml_quoted)
            ),
        ),
        (
            ".pre-commit-config.yaml",
            match inside {
                None => "repos:\n  - repo: https://github.com/nis2check/nis2check\n    rev: main\n    hooks:\n      - id: nis2check\n".to_string(),
                Some(p) => format!(
                    "repos:\n  - repo: https://github.com/nis2check/nis2check\n    rev: main\n    hooks:\n      - id: nis2check\n        args: [{arg}]\n        files: {files}\n",
                    arg = yaml_quoted(p),
                    files = yaml_quoted(&format!("^{}/.*\\.(toml|rego)$", regex_escape(p)))
                ),
            },
        ),
        (
            ".taplo.toml",
            "# Editor support (Taplo / Even Better TOML): check the files against nis2check's schema.\n[[rule]]\ninclude = [\"**/*.toml\"]\nexclude = [\"nis2check.toml\", \".taplo.toml\"]\n[rule.schema]\npath = \"./nis2check.schema.json\"\n".to_string(),
        ),
        (
            "nis2check.schema.json",
            {
                let mut s = serde_json::to_string_pretty(&crate::model::jsonschema::schema()).expect("serializable");
                s.push('\n');
                s
            },
        ),
    ]
}

/// A YAML single-quoted scalar: nothing in it is special but `'`, written twice.
fn yaml_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// `.` `+` `*` … escaped for a regular expression.
fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Writes the files that do not exist. Returns (written, kept) paths: relative to `dir`, or
/// the full path of a file at the root of the enclosing repository.
pub fn write(o: &InitOptions) -> std::io::Result<(Vec<String>, Vec<String>)> {
    let mut written = Vec::new();
    let mut kept = Vec::new();
    for (rel, contents) in files(o) {
        let (path, shown) = match &o.repository {
            Some((root, _)) if AT_REPOSITORY_ROOT.contains(&rel) => {
                let p = root.join(rel);
                let shown = p.display().to_string();
                (p, shown)
            }
            _ => (o.dir.join(rel), rel.to_string()),
        };
        let rel = shown.as_str();
        if path.exists() {
            kept.push(rel.to_string());
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        // create_new: never overwrite, even if the file appeared meanwhile
        use std::io::Write;
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(contents.as_bytes())?;
                written.push(rel.to_string());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => kept.push(rel.to_string()),
            Err(e) => return Err(e),
        }
    }
    Ok((written, kept))
}

/// Whether the folder can take a starter repository.
pub fn check_dir(dir: &Path) -> Result<(), String> {
    if dir.exists() && !dir.is_dir() {
        return Err(format!("`{}` is a file", dir.display()));
    }
    Ok(())
}
