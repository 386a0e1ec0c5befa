//! nis2check-gen: writes a synthetic, valid compliance repository of any size, for benchmarks
//! and tests. Deterministic: the same `--assets`, `--seed`, `--as-of` and `--break-every` give
//! the same bytes.
//!
//! For N assets it writes N/10 suppliers, N/20 risks, N/100 incidents, N/20 people, N/100
//! documents and controls covering every requirement of the four built-in catalogues (so the
//! Statement of Applicability rule is quiet), spread over folders per kind with at most
//! `--per-file` entities per file. Every entity is compliant, except about one asset in
//! `--break-every` (default 20), which breaks exactly one thing and so gives exactly one finding
//! of a known rule (`--manifest` lists them). Dates are relative to `--as-of`: check the
//! repository with the same date.
//!
//! Usage: `nis2check-gen --assets 10000 --out /tmp/org-10k [--seed 1] [--as-of 2026-06-30]
//! [--break-every 20] [--per-file 150] [--manifest FILE] [--force]`

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Parser;
use jiff::civil::Date;
use jiff::ToSpan;

#[derive(Debug, Parser)]
#[command(
    name = "nis2check-gen",
    about = "Write a synthetic, valid compliance repository"
)]
struct Args {
    /// Number of assets (N); the other kinds scale with it.
    #[arg(long)]
    assets: usize,
    /// The folder to write (must not exist, or be empty, unless --force).
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The date the data is current at (check with `--as-of` set to the same date).
    #[arg(long, default_value = "2026-06-30")]
    as_of: String,
    /// About one asset in this many breaks one thing (0: none).
    #[arg(long, default_value_t = 20)]
    break_every: u64,
    /// Entities per file.
    #[arg(long, default_value_t = 150)]
    per_file: usize,
    /// Write the expected findings (JSON: counts and `[code, asset id]` pairs) to this file.
    #[arg(long)]
    manifest: Option<PathBuf>,
    /// Remove `--out` first when it exists.
    #[arg(long)]
    force: bool,
}

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0 ≤ x < n
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    /// lo ≤ x ≤ hi
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    fn one_in(&mut self, n: u64) -> bool {
        n > 0 && self.below(n) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// What a broken asset breaks: (rule code, what).
const BREAKS: &[(&str, &str)] = &[
    ("AST001", "no owner"),
    ("ACC001", "internet-facing without MFA"),
    ("BCM001", "critical, stale restore test"),
    ("AST002", "not classified"),
    ("AST005", "inventory entry not verified for too long"),
    ("PHY001", "site without physical access control"),
    ("ACC005", "shared accounts without justification"),
    ("DEV001", "critical vulnerability open for a month"),
    ("AST003", "no criticality"),
    ("ACC003", "high asset, stale access review"),
];

const ASSET_TYPES: &[&str] = &[
    "application",
    "system",
    "data",
    "cloud-service",
    "network",
    "device",
    "ot",
];
const LEVELS3: &[&str] = &["low", "medium", "high"];
const SERVICES: &[&str] = &[
    "Permits",
    "Population register",
    "Payroll",
    "Finance",
    "Citizen portal",
    "Case handling",
    "Records management",
    "Geo-information",
    "Social support",
    "Taxes",
    "Waste collection",
    "Public space",
];
const PROVIDES: &[&str] = &[
    "Hosting",
    "SaaS case management",
    "Managed network",
    "Software development",
    "Backup service",
    "Printing",
    "Identity provider",
    "Consultancy",
];
const DOC_TYPES: &[&str] = &[
    "risk-methodology",
    "incident-response-plan",
    "crisis-plan",
    "supplier-policy",
    "crypto-policy",
    "access-policy",
    "hr-security-policy",
    "asset-management-policy",
    "logging-policy",
    "statement-of-applicability",
    "other",
];

/// The management body: the first people.
const BOARD: usize = 5;

struct Gen {
    rng: Rng,
    as_of: Date,
}

impl Gen {
    /// A date `lo..=hi` days before the evaluation date.
    fn ago(&mut self, lo: i64, hi: i64) -> Date {
        let d = self.rng.range(lo, hi);
        self.as_of - d.days()
    }

    fn after(&mut self, lo: i64, hi: i64) -> Date {
        let d = self.rng.range(lo, hi);
        self.as_of + d.days()
    }
}

fn plus_days(d: Date, n: i64) -> Date {
    d + n.days()
}

/// "2026-03-01T10:00:00Z" for a date and a minute of the day, plus `minutes`.
fn ts(day: Date, minute_of_day: i64, minutes: i64) -> String {
    let total = minute_of_day + minutes;
    let day = day + total.div_euclid(1440).days();
    let m = total.rem_euclid(1440);
    format!("{day}T{:02}:{:02}:00Z", m / 60, m % 60)
}

/// Writes files of at most `per_file` entities below `dir`, named `{stem}-0001.toml` ….
struct Files {
    root: PathBuf,
    written: Vec<PathBuf>,
}

impl Files {
    fn write(&mut self, rel: &str, text: &str) -> std::io::Result<()> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        self.written.push(path);
        Ok(())
    }

    fn write_chunks(
        &mut self,
        folder: &str,
        header: &str,
        items: &[String],
        per_file: usize,
    ) -> std::io::Result<()> {
        for (i, chunk) in items.chunks(per_file.max(1)).enumerate() {
            let mut text = format!(
                "# {header} ({} of {}).\n",
                i + 1,
                items.len().div_ceil(per_file.max(1))
            );
            for item in chunk {
                text.push('\n');
                text.push_str(item);
            }
            self.write(&format!("{folder}/{folder}-{:04}.toml", i + 1), &text)?;
        }
        Ok(())
    }
}

struct Counts {
    assets: usize,
    suppliers: usize,
    risks: usize,
    incidents: usize,
    people: usize,
    documents: usize,
    controls: usize,
}

fn counts(n: usize, requirements: usize) -> Counts {
    Counts {
        assets: n,
        suppliers: (n / 10).max(5),
        risks: (n / 20).max(3),
        incidents: (n / 100).max(2),
        people: (n / 20).max(20),
        documents: (n / 100).max(DOC_TYPES.len() + 3),
        controls: requirements.div_ceil(4).max(n / 100),
    }
}

fn main() {
    let args = Args::parse();
    match run(&args) {
        Ok(summary) => eprintln!("{summary}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}

fn run(args: &Args) -> Result<String, String> {
    let as_of: Date = args
        .as_of
        .parse()
        .map_err(|e| format!("--as-of {}: {e}", args.as_of))?;
    if args.out.exists() {
        let empty = std::fs::read_dir(&args.out)
            .map_err(|e| format!("{}: {e}", args.out.display()))?
            .next()
            .is_none();
        if !empty {
            if !args.force {
                return Err(format!(
                    "`{}` exists and is not empty (use --force to replace it)",
                    args.out.display()
                ));
            }
            std::fs::remove_dir_all(&args.out)
                .map_err(|e| format!("cannot remove {}: {e}", args.out.display()))?;
        }
    }
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;

    let catalog = nis2check::catalog::Catalog::builtin();
    let mut requirements = Vec::new();
    let mut frameworks = Vec::new();
    for f in &catalog.frameworks {
        frameworks.push(f.meta.id.clone());
        for r in f.leaves() {
            requirements.push(f.qualified(&r.id));
        }
    }
    let c = counts(args.assets, requirements.len());
    let mut g = Gen {
        rng: Rng(args.seed ^ 0x6E69_7332_6368_6B00),
        as_of,
    };
    let mut files = Files {
        root: args.out.clone(),
        written: Vec::new(),
    };
    let io = |e: std::io::Error| e.to_string();

    // Settings and organisation.
    let fw_list: Vec<String> = frameworks.iter().map(|f| format!("\"{f}\"")).collect();
    files
        .write(
            "nis2check.toml",
            &format!(
                "# Synthetic organisation written by nis2check-gen (seed {}, {} assets, as of {as_of}).\n\nframeworks = [{}]\nfail_on = \"error\"\n\n[risk]\ntolerance = 8\n",
                args.seed,
                args.assets,
                fw_list.join(", ")
            ),
        )
        .map_err(io)?;
    let registered = g.ago(200, 330);
    let updated = g.ago(10, 120);
    files
        .write(
            "organization.toml",
            &format!(
                r#"[organization]
name = "Synthetische Gemeente {n}"
member_state = "NL"
sector = "public-administration"
subsector = "local-government"
employees = {employees}
public_administration = "local"
classification = "important"
competent_authority = "RDI"
csirt = "NCSC"
ip_ranges = ["192.0.2.0/24", "198.51.100.0/24"]
member_states_served = ["NL"]

[organization.contact]
email = "security@synthetic.example"
phone = "+31 88 000 0000"
address = "Raadhuisplein 1, 9999 AA Synthetisch"

[organization.registration]
registered_at = {registered}
updated_at = {updated}
reference = "CBW-SYN-{seed}"
authority = "RDI"
"#,
                n = args.assets,
                employees = (c.people * 5).max(300),
                seed = args.seed,
            ),
        )
        .map_err(io)?;

    // People: the management body first, then a CISO who reports to it, then staff.
    let person_id = |i: usize| format!("p-{:06}", i + 1);
    let mut current_staff = Vec::new();
    let mut people = Vec::with_capacity(c.people);
    for i in 0..c.people {
        let id = person_id(i);
        let mut s = String::new();
        let appointed = g.ago(400, 4000);
        let _ = writeln!(s, "[[person]]\nid = \"{id}\"\nname = \"Person {}\"", i + 1);
        let leaver = i > BOARD + 1 && i % 13 == 0;
        if i < BOARD {
            let _ = writeln!(s, "roles = [\"management-body\"]");
            let _ = writeln!(
                s,
                "email = \"{id}@synthetic.example\"\nappointed_at = {appointed}"
            );
            let t = g.ago(20, 600);
            let _ = writeln!(
                s,
                "trainings = [{{ topic = \"cybersecurity-management\", completed_at = {t}, provider = \"Academy\" }}]"
            );
        } else {
            let role = if i == BOARD {
                "ciso"
            } else if i % 17 == 0 {
                "admin"
            } else if i % 11 == 0 {
                "contractor"
            } else {
                "staff"
            };
            let _ = writeln!(s, "roles = [\"{role}\"]");
            let _ = writeln!(s, "email = \"{id}@synthetic.example\"");
            if i == BOARD {
                let _ = writeln!(s, "reports_to = \"{}\"", person_id(0));
            } else {
                let _ = writeln!(s, "reports_to = \"{}\"", person_id(BOARD));
            }
            let _ = writeln!(s, "appointed_at = {appointed}");
            if i % 7 == 0 {
                let screened = plus_days(appointed, -g.rng.range(5, 40));
                let _ = writeln!(s, "screening_required = true\nscreened_at = {screened}");
            }
            let first = plus_days(appointed, g.rng.range(3, 60));
            if leaver {
                // Has given notice: leaves after the evaluation date, so still current.
                let left = g.after(10, 90);
                let _ = writeln!(s, "left_at = {left}");
            }
            let recent = g.ago(5, 300);
            let _ = writeln!(
                s,
                "trainings = [\n  {{ topic = \"security-awareness\", completed_at = {first} }},\n  {{ topic = \"security-awareness\", completed_at = {recent}, provider = \"E-learning\" }},\n]"
            );
            current_staff.push(i);
        }
        people.push(s);
    }
    files
        .write_chunks("people", "People", &people, args.per_file)
        .map_err(io)?;
    let owner = |g: &mut Gen| person_id(*g.rng.pick(&current_staff));
    let board_member = |g: &mut Gen| person_id(g.rng.below(BOARD as u64) as usize);

    // Documents: the security policy, the BC/DR plan and the CVD policy, then others.
    let mut documents = Vec::with_capacity(c.documents);
    for i in 0..c.documents {
        let id = format!("d-{:05}", i + 1);
        let ty = match i {
            0 => "security-policy",
            1 => "bc-dr-plan",
            2 => "vulnerability-disclosure",
            _ => DOC_TYPES[(i - 3) % DOC_TYPES.len()],
        };
        let own = if i == 0 {
            person_id(BOARD)
        } else {
            owner(&mut g)
        };
        let approver = board_member(&mut g);
        let approved = g.ago(60, 300);
        let reviewed = g.ago(1, 20);
        let mut s = format!(
            "[[document]]\nid = \"{id}\"\ntype = \"{ty}\"\ntitle = \"Document {} ({ty})\"\nowner = \"{own}\"\napproved_by = [\"{approver}\"]\napproved_at = {approved}\nreviewed_at = {reviewed}\nversion = \"{}.{}\"\n",
            i + 1,
            g.rng.range(1, 5),
            g.rng.range(0, 9)
        );
        match ty {
            "bc-dr-plan" | "incident-response-plan" | "crisis-plan" => {
                let tested = g.ago(10, 300);
                let _ = writeln!(s, "tested_at = {tested}");
            }
            "vulnerability-disclosure" => {
                let _ = writeln!(
                    s,
                    "published = true\nurl = \"https://synthetic.example/security.txt\""
                );
            }
            _ => {}
        }
        documents.push(s);
    }
    files
        .write_chunks("documents", "Documents", &documents, args.per_file)
        .map_err(io)?;

    // Controls: every catalogue leaf is listed by some control.
    let mut controls = Vec::with_capacity(c.controls);
    let per_control = requirements.len().div_ceil(c.controls);
    for i in 0..c.controls {
        let id = format!("c-{:05}", i + 1);
        let reqs: Vec<String> = requirements
            .iter()
            .skip(i * per_control)
            .take(per_control)
            .map(|r| format!("\"{r}\""))
            .collect();
        // Controls beyond the catalogue's length repeat a requirement: more than one control
        // may implement one requirement.
        let reqs = if reqs.is_empty() {
            vec![format!("\"{}\"", requirements[i % requirements.len()])]
        } else {
            reqs
        };
        let own = owner(&mut g);
        let approver = board_member(&mut g);
        let reviewed = g.ago(5, 300);
        let evidence = g.ago(5, 300);
        let status = if i % 3 == 0 { "partial" } else { "implemented" };
        controls.push(format!(
            "[[control]]\nid = \"{id}\"\ntitle = \"Control {}\"\nstatus = \"{status}\"\nowner = \"{own}\"\napproved_by = \"{approver}\"\nrequirements = [{}]\nevidence = [{{ url = \"https://evidence.synthetic.example/{id}\", date = {evidence}, description = \"Operating evidence\" }}]\nreviewed_at = {reviewed}\n",
            i + 1,
            reqs.join(", ")
        ));
    }
    files
        .write_chunks("controls", "Controls", &controls, args.per_file)
        .map_err(io)?;

    // Suppliers.
    let supplier_id = |i: usize| format!("s-{:06}", i + 1);
    let mut suppliers = Vec::with_capacity(c.suppliers);
    for i in 0..c.suppliers {
        let id = supplier_id(i);
        let crit = match g.rng.below(10) {
            0 => "critical",
            1 | 2 => "high",
            3..=6 => "medium",
            _ => "low",
        };
        let provides = *g.rng.pick(PROVIDES);
        let mut s = format!(
            "[[supplier]]\nid = \"{id}\"\nname = \"Supplier {} B.V.\"\nprovides = [\"{provides}\"]\ncriticality = \"{crit}\"\ncountry = \"NL\"\ncontact = {{ name = \"Account manager\", email = \"security@{id}.example\", phone = \"+31 20 000 {:04}\" }}\n",
            i + 1,
            i % 10000
        );
        let ends = g.after(100, 900);
        if crit == "critical" || crit == "high" {
            let _ = writeln!(
                s,
                "contract = {{ security_requirements = true, incident_notification = true, right_to_audit = true, vulnerability_handling = true, subcontracting = true, exit = true, staff_training = true, background_checks = true, ends_at = {ends} }}"
            );
            let assessed = g.ago(5, 300);
            let _ = writeln!(s, "assessed_at = {assessed}\nexit_strategy = \"Move to an alternative provider within six months\"");
        } else {
            let _ = writeln!(s, "contract = {{ security_requirements = true, incident_notification = true, ends_at = {ends} }}");
        }
        if g.rng.one_in(5) {
            let until = g.after(30, 400);
            let _ = writeln!(s, "remote_access = true\naccess_until = {until}");
        }
        suppliers.push(s);
    }
    files
        .write_chunks("suppliers", "Suppliers", &suppliers, args.per_file)
        .map_err(io)?;

    // Assets.
    let asset_id = |i: usize| format!("a-{:07}", i + 1);
    let mut assets = Vec::with_capacity(c.assets);
    let mut broken: Vec<(&str, String)> = Vec::new();
    for i in 0..c.assets {
        let id = asset_id(i);
        let brk = if g.rng.one_in(args.break_every) {
            Some(BREAKS[g.rng.below(BREAKS.len() as u64) as usize].0)
        } else {
            None
        };
        if let Some(code) = brk {
            broken.push((code, id.clone()));
        }
        let mut crit = match g.rng.below(10) {
            0 => "critical",
            1 | 2 => "high",
            3..=6 => "medium",
            _ => "low",
        };
        let mut ty = *g.rng.pick(ASSET_TYPES);
        if g.rng.one_in(40) {
            ty = "site";
        }
        let mut internet = ty != "site" && g.rng.one_in(5);
        let remote = ty != "site" && g.rng.one_in(10);
        match brk {
            Some("BCM001") => crit = "critical",
            Some("ACC003") => crit = "high",
            Some("PHY001") => {
                ty = "site";
                crit = "high";
                internet = false;
            }
            Some("ACC001") => {
                internet = true;
                if ty == "site" {
                    ty = "application";
                }
            }
            _ => {}
        }
        let site = ty == "site";
        let internet = internet && !site;
        let remote = remote && !site && brk != Some("ACC001");
        let mut s = format!(
            "[[asset]]\nid = \"{id}\"\nname = \"Asset {} ({ty})\"\ntype = \"{ty}\"\n",
            i + 1
        );
        let own = owner(&mut g);
        if brk != Some("AST001") {
            let _ = writeln!(s, "owner = \"{own}\"");
        }
        let svc = *g.rng.pick(SERVICES);
        let _ = writeln!(s, "services = [\"{svc}\"]");
        if brk != Some("AST003") {
            let _ = writeln!(s, "criticality = \"{crit}\"");
        }
        let conf = *g.rng.pick(LEVELS3);
        let integ = *g.rng.pick(LEVELS3);
        let avail = *g.rng.pick(LEVELS3);
        if brk != Some("AST002") {
            let _ = writeln!(
                s,
                "classification = {{ confidentiality = \"{conf}\", integrity = \"{integ}\", availability = \"{avail}\", authenticity = \"{integ}\" }}"
            );
        }
        let _ = writeln!(s, "internet_facing = {internet}");
        if remote {
            let _ = writeln!(s, "remote_access = true");
        }
        if !site {
            let mfa = brk != Some("ACC001");
            let _ = writeln!(s, "mfa = {mfa}");
        }
        let _ = writeln!(s, "admin_mfa = true");
        let _ = writeln!(s, "encryption = {{ at_rest = true, in_transit = true }}");
        let high = crit == "critical" || crit == "high";
        if high || g.rng.one_in(3) {
            let restore = if brk == Some("BCM001") {
                g.ago(400, 800)
            } else {
                g.ago(5, 330)
            };
            let integrity = g.ago(5, 330);
            let _ = writeln!(
                s,
                "backup = {{ rpo_hours = {}, rto_hours = {}, offsite = true, last_restore_test = {restore}, integrity_checked_at = {integrity} }}",
                g.rng.pick(&[1, 4, 8, 24]),
                g.rng.pick(&[4, 8, 24, 48, 72])
            );
        }
        let _ = writeln!(
            s,
            "logging = true\nlog_retention_days = {}",
            g.rng.pick(&[90, 180, 365, 730])
        );
        let n_sup = 1 + g.rng.below(2) as usize;
        let sup: Vec<String> = (0..n_sup)
            .map(|_| {
                format!(
                    "\"{}\"",
                    supplier_id(g.rng.below(c.suppliers as u64) as usize)
                )
            })
            .collect();
        let _ = writeln!(s, "suppliers = [{}]", sup.join(", "));
        let verified = if brk == Some("AST005") {
            g.ago(400, 900)
        } else {
            g.ago(1, 330)
        };
        let _ = writeln!(s, "last_verified_at = {verified}");
        if !site && g.rng.one_in(2) {
            let scan = g.ago(1, 60);
            let _ = writeln!(s, "last_vulnerability_scan = {scan}");
        }
        if internet {
            let pentest = g.ago(10, 330);
            let _ = writeln!(s, "last_pentest = {pentest}");
        }
        if high {
            let reviewed = if brk == Some("ACC003") {
                g.ago(400, 900)
            } else {
                g.ago(5, 330)
            };
            let _ = writeln!(s, "access_reviewed_at = {reviewed}");
        }
        if crit == "critical" {
            let reviewed = g.ago(1, 80);
            let _ = writeln!(s, "privileged_access_reviewed_at = {reviewed}");
        }
        if site {
            let pac = brk != Some("PHY001");
            let _ = writeln!(
                s,
                "physical_access_control = {pac}\nutility_protection = true"
            );
        }
        if brk == Some("ACC005") {
            let _ = writeln!(s, "shared_accounts = true");
        } else if g.rng.one_in(25) {
            let _ = writeln!(
                s,
                "shared_accounts = true\nshared_accounts_justification = \"Kiosk account for a public terminal\""
            );
        }
        if brk == Some("DEV001") {
            let found = g.ago(20, 60);
            let _ = writeln!(
                s,
                "vulnerabilities = [{{ id = \"CVE-2026-{:05}\", severity = \"critical\", found_at = {found} }}]",
                g.rng.below(100_000)
            );
        } else if !site && g.rng.one_in(4) {
            let found = g.ago(10, 300);
            let fixed = plus_days(found, g.rng.range(0, 6));
            let _ = writeln!(
                s,
                "vulnerabilities = [{{ id = \"CVE-2026-{:05}\", severity = \"{}\", found_at = {found}, fixed_at = {fixed} }}]",
                g.rng.below(100_000),
                g.rng.pick(&["critical", "high", "medium", "low"])
            );
        }
        assets.push(s);
    }
    files
        .write_chunks("assets", "Assets", &assets, args.per_file)
        .map_err(io)?;

    // Risks: supplier i is named by risk i mod R, so every critical supplier is in some risk.
    let mut risk_suppliers: Vec<Vec<usize>> = vec![Vec::new(); c.risks];
    for i in 0..c.suppliers {
        risk_suppliers[i % c.risks].push(i);
    }
    let mut risks = Vec::with_capacity(c.risks);
    for (i, sups) in risk_suppliers.iter().enumerate() {
        let id = format!("r-{:06}", i + 1);
        let assets_of: Vec<String> = (0..1 + g.rng.below(3))
            .map(|_| {
                format!(
                    "\"{}\"",
                    asset_id(g.rng.below(c.assets.max(1) as u64) as usize)
                )
            })
            .collect();
        let sup: Vec<String> = sups
            .iter()
            .map(|&s| format!("\"{}\"", supplier_id(s)))
            .collect();
        let own = owner(&mut g);
        let towner = owner(&mut g);
        let reviewed = g.ago(5, 330);
        let (status, due) = if g.rng.one_in(4) {
            ("treated", g.ago(10, 200))
        } else {
            ("in-treatment", g.after(30, 400))
        };
        let mut s = format!(
            "[[risk]]\nid = \"{id}\"\ntitle = \"Risk {}\"\nassets = [{}]\n",
            i + 1,
            assets_of.join(", ")
        );
        if !sup.is_empty() {
            let _ = writeln!(s, "suppliers = [{}]", sup.join(", "));
        }
        let _ = writeln!(
            s,
            "threat = \"Ransomware\"\nlikelihood = {}\nimpact = {}\nresidual_likelihood = {}\nresidual_impact = {}\nowner = \"{own}\"\ntreatment = \"mitigate\"\ntreatment_owner = \"{towner}\"\ntreatment_due = {due}\nstatus = \"{status}\"\nreviewed_at = {reviewed}",
            g.rng.range(1, 5),
            g.rng.range(1, 5),
            g.rng.range(1, 2),
            g.rng.range(1, 4)
        );
        risks.push(s);
    }
    files
        .write_chunks("risks", "Risks", &risks, args.per_file)
        .map_err(io)?;

    // Incidents: one in four significant, reported on time; the others below every threshold.
    let mut incidents = Vec::with_capacity(c.incidents);
    for i in 0..c.incidents {
        let id = format!("i-{:06}", i + 1);
        let day = g.ago(40, 700);
        let minute = g.rng.range(0, 1439);
        let significant = i % 4 == 0;
        let asset = asset_id(g.rng.below(c.assets.max(1) as u64) as usize);
        let mut s = format!(
            "[[incident]]\nid = \"{id}\"\ntitle = \"Incident {}\"\noccurred_at = {}\ndetected_at = {}\naware_at = {}\nsignificant = {significant}\n",
            i + 1,
            ts(day, minute, -180),
            ts(day, minute, -30),
            ts(day, minute, 0),
        );
        if significant {
            let ew = g.rng.range(60, 23 * 60);
            let notif = g.rng.range(ew, 70 * 60);
            let final_after = notif + g.rng.range(2, 25) * 1440;
            let resolved = g.rng.range(1, 10) * 1440;
            let _ = writeln!(
                s,
                "users_affected = {}\nduration_minutes = {}\nsuspected_malicious = {}\ncross_border = false\nearly_warning_at = {}\nnotification_at = {}\nfinal_report_at = {}\nresolved_at = {}",
                g.rng.range(100, 50_000),
                g.rng.range(240, 2000),
                g.rng.one_in(2),
                ts(day, minute, ew),
                ts(day, minute, notif),
                ts(day, minute, final_after),
                ts(day, minute, resolved),
            );
        } else {
            let _ = writeln!(
                s,
                "users_affected = {}\nduration_minutes = {}\nresolved_at = {}",
                g.rng.range(1, 200),
                g.rng.range(5, 200),
                ts(day, minute, g.rng.range(30, 600)),
            );
        }
        let _ = writeln!(
            s,
            "root_cause = \"Root cause of {id}\"\nlessons_learned = \"Lessons from {id}\"\nassets = [\"{asset}\"]"
        );
        // Five years from the evaluation date: more than three after any resolution (INC009).
        let _ = writeln!(s, "records_kept_until = {}", g.as_of + 5.years());
        incidents.push(s);
    }
    files
        .write_chunks("incidents", "Incidents", &incidents, args.per_file)
        .map_err(io)?;

    let entities =
        c.assets + c.suppliers + c.risks + c.incidents + c.people + c.documents + c.controls + 1;
    if let Some(path) = &args.manifest {
        let mut by_code = std::collections::BTreeMap::new();
        for (code, _) in &broken {
            *by_code.entry(*code).or_insert(0usize) += 1;
        }
        let doc = serde_json::json!({
            "seed": args.seed,
            "as_of": as_of.to_string(),
            "entities": entities,
            "assets": c.assets,
            "suppliers": c.suppliers,
            "risks": c.risks,
            "incidents": c.incidents,
            "people": c.people,
            "documents": c.documents,
            "controls": c.controls,
            "files": files.written.len(),
            "expected_by_code": by_code,
            "expected": broken.iter().map(|(code, id)| serde_json::json!([code, id])).collect::<Vec<_>>(),
        });
        std::fs::write(path, format!("{doc:#}\n"))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(format!(
        "wrote {} files to {}: {entities} entities ({} assets, {} suppliers, {} risks, {} incidents, {} people, {} documents, {} controls, 1 organization); {} assets broken",
        files.written.len(),
        display(&args.out),
        c.assets,
        c.suppliers,
        c.risks,
        c.incidents,
        c.people,
        c.documents,
        c.controls,
        broken.len()
    ))
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
