//! Scope: which NIS2 position an organisation has (essential, important, out of scope or
//! excluded), with every reason, and the frameworks that follow from it (NIS2 Arts. 2–3).

use serde::Serialize;

use crate::load::{NodeValue, Table};

/// The entity types covered by CIR 2024/2690 (its Art. 1).
pub const CIR_ENTITY_TYPES: &[&str] = &[
    "dns-service-provider",
    "tld-registry",
    "domain-registration",
    "cloud-computing",
    "data-centre",
    "cdn",
    "managed-service-provider",
    "managed-security-service-provider",
    "online-marketplace",
    "online-search-engine",
    "social-network",
    "trust-service-provider",
    "qualified-trust-service-provider",
];

pub fn is_cir_entity_type(entity_type: &str) -> bool {
    CIR_ENTITY_TYPES.contains(&entity_type)
}

const ANNEX_I: &[&str] = &[
    "energy",
    "transport",
    "banking",
    "financial-market-infrastructure",
    "health",
    "drinking-water",
    "waste-water",
    "digital-infrastructure",
    "ict-service-management",
    "public-administration",
    "space",
];

const ANNEX_II: &[&str] = &[
    "postal",
    "waste-management",
    "chemicals",
    "food",
    "manufacturing",
    "digital-providers",
    "research",
];

/// Member States that bring local government into scope (NIS2 Art. 2(5)(a)), as data: the
/// classification they give it. The Netherlands covers municipalities, provinces and water
/// boards through the Cyberbeveiligingswet.
pub const LOCAL_GOVERNMENT_IN_SCOPE: &[(&str, Position)] = &[("NL", Position::Important)];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    Essential,
    Important,
    OutOfScope,
    Excluded,
}

impl Position {
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Essential => "essential",
            Position::Important => "important",
            Position::OutOfScope => "out-of-scope",
            Position::Excluded => "excluded",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Size {
    Large,
    Medium,
    Small,
    Unknown,
}

/// The derived position.
#[derive(Debug, Clone, Serialize)]
pub struct Scope {
    pub position: Position,
    pub size: Size,
    /// Each step of the reasoning, with its legal basis.
    pub reasons: Vec<String>,
    pub declared: Option<String>,
    pub designation_basis: Option<String>,
    pub frameworks: Vec<String>,
    pub supervision: Option<String>,
}

fn number(t: &Table, key: &str) -> Option<f64> {
    match t.value(key)?.value {
        NodeValue::Integer(i) => Some(i as f64),
        NodeValue::Float(f) => Some(f),
        _ => None,
    }
}

fn eur(x: f64) -> String {
    format!("EUR {:.1}M", x / 1e6)
}

/// Size by Recommendation 2003/361/EC as NIS2 uses it: large with 250+ staff, or turnover above
/// EUR 50M and balance sheet above EUR 43M; medium with 50+ staff, or turnover and balance
/// sheet both above EUR 10M.
pub fn size(t: &Table, reasons: &mut Vec<String>) -> Size {
    let staff = number(t, "employees");
    let turnover = number(t, "annual_turnover_eur");
    let balance = number(t, "balance_sheet_eur");
    if staff.is_none() && (turnover.is_none() || balance.is_none()) {
        reasons.push("size unknown: declare `employees`, `annual_turnover_eur` and `balance_sheet_eur` (Recommendation 2003/361/EC)".into());
        return Size::Unknown;
    }
    let both_above = |t_lim: f64, b_lim: f64| matches!((turnover, balance), (Some(t), Some(b)) if t > t_lim && b > b_lim);
    let figures = format!(
        "{} staff, turnover {}, balance sheet {}",
        staff.map_or("?".into(), |s| format!("{s:.0}")),
        turnover.map_or("?".into(), eur),
        balance.map_or("?".into(), eur)
    );
    if staff.is_some_and(|s| s >= 250.0) || both_above(50e6, 43e6) {
        reasons.push(format!("large enterprise ({figures}): 250 or more staff, or turnover above EUR 50M and balance sheet above EUR 43M"));
        Size::Large
    } else if staff.is_some_and(|s| s >= 50.0) || both_above(10e6, 10e6) {
        reasons.push(format!("medium-sized enterprise ({figures}): 50 or more staff, or turnover and balance sheet above EUR 10M"));
        Size::Medium
    } else {
        reasons.push(format!(
            "small enterprise ({figures}): below the medium-sized thresholds"
        ));
        Size::Small
    }
}

/// Derives the position of an `[organization]` table.
pub fn derive(org: &Table) -> Scope {
    let mut reasons = Vec::new();
    let sector = org.str("sector").unwrap_or("other");
    let entity_type = org.str("entity_type").unwrap_or("other");
    let public = org.str("public_administration").unwrap_or("none");
    let member_state = org.str("member_state").unwrap_or("");
    let declared = org.str("classification").map(str::to_string);
    let designation_basis = org.str("designation_basis").map(str::to_string);
    let excluded: Vec<&str> = org
        .value("excluded_activities")
        .and_then(|n| n.as_array())
        .map(|a| a.iter().filter_map(|n| n.as_str()).collect())
        .unwrap_or_default();
    let size = size(org, &mut reasons);

    let position = if !excluded.is_empty() && public != "none" {
        reasons.push(format!(
            "public administration whose activities are mainly {}: excluded by NIS2 Art. 2(7)",
            excluded.join(", ")
        ));
        Position::Excluded
    } else {
        if !excluded.is_empty() {
            reasons.push(format!(
                "activities in {} are excluded by NIS2 Art. 2(7) only for public administration; the other activities stay in scope",
                excluded.join(", ")
            ));
        }
        classify(
            sector,
            entity_type,
            public,
            member_state,
            size,
            &mut reasons,
        )
    };
    let position = match (&designation_basis, declared.as_deref(), position) {
        (Some(basis), Some(d @ ("essential" | "important")), p) if p != Position::Excluded => {
            reasons.push(if d == "essential" {
                format!("designated by the Member State as essential ({basis}): NIS2 Art. 3(1)(e)")
            } else {
                format!("designated by the Member State as important ({basis}): NIS2 Art. 2(2)(b)–(e), Art. 3(2)")
            });
            if d == "essential" {
                Position::Essential
            } else {
                p.max_important()
            }
        }
        (_, _, p) => p,
    };
    let mut frameworks = Vec::new();
    if matches!(position, Position::Essential | Position::Important) {
        frameworks.push("nis2".to_string());
        if is_cir_entity_type(entity_type) {
            reasons.push(format!("entity type `{entity_type}` is covered by CIR 2024/2690, which details the measures and the significance thresholds"));
            frameworks.push("cir-2024-2690".to_string());
        }
        if member_state == "NL" && public != "none" {
            reasons.push(
                "Dutch public administration: BIO2 is how the duty of care is implemented".into(),
            );
            frameworks.push("bio2".to_string());
        }
    }
    frameworks.sort();
    let supervision = match position {
        Position::Essential => Some("ex-ante and ex-post supervision (NIS2 Art. 32)".to_string()),
        Position::Important => Some("ex-post supervision (NIS2 Art. 33)".to_string()),
        _ => None,
    };
    Scope {
        position,
        size,
        reasons,
        declared,
        designation_basis,
        frameworks,
        supervision,
    }
}

impl Position {
    fn max_important(self) -> Position {
        match self {
            Position::Essential => Position::Essential,
            _ => Position::Important,
        }
    }
}

fn rank(p: Position) -> u8 {
    match p {
        Position::Essential => 3,
        Position::Important => 2,
        Position::OutOfScope => 1,
        Position::Excluded => 0,
    }
}

/// Every ground on which the entity is in scope is weighed; the strongest wins.
fn classify(
    sector: &str,
    entity_type: &str,
    public: &str,
    member_state: &str,
    size: Size,
    reasons: &mut Vec<String>,
) -> Position {
    let mut best = Position::OutOfScope;
    let mut take = |p: Position, reason: String, reasons: &mut Vec<String>| {
        reasons.push(reason);
        if rank(p) > rank(best) {
            best = p;
        }
    };
    match entity_type {
        "qualified-trust-service-provider" | "tld-registry" | "dns-service-provider" => take(
            Position::Essential,
            format!("`{entity_type}`: in scope regardless of size (NIS2 Art. 2(2)(a)) and essential (Art. 3(1)(b))"),
            reasons,
        ),
        "public-electronic-communications" if matches!(size, Size::Large | Size::Medium) => take(
            Position::Essential,
            "medium-sized or large provider of public electronic communications: essential (NIS2 Art. 3(1)(c))".into(),
            reasons,
        ),
        "public-electronic-communications" | "trust-service-provider" | "domain-registration" => take(
            Position::Important,
            format!("`{entity_type}`: in scope regardless of size (NIS2 Art. 2(2)(a)); important unless essential on another ground (Art. 3(2))"),
            reasons,
        ),
        "critical-entity" => take(
            Position::Essential,
            "critical entity under Directive (EU) 2022/2557: in scope (NIS2 Art. 2(3)) and essential (Art. 3(1)(f))".into(),
            reasons,
        ),
        _ => {}
    }
    match public {
        "central" => take(
            Position::Essential,
            "public administration of central government: in scope regardless of size (NIS2 Art. 2(2)(f)(i)) and essential (Art. 3(1)(d))".into(),
            reasons,
        ),
        "regional" => take(
            Position::Important,
            "regional public administration: in scope after the Member State's risk-based assessment (NIS2 Art. 2(2)(f)(ii)); important unless designated essential (Art. 3(2))".into(),
            reasons,
        ),
        "local" => match LOCAL_GOVERNMENT_IN_SCOPE.iter().find(|(ms, _)| *ms == member_state) {
            Some((_, p)) => take(
                *p,
                format!("local public administration: {member_state} uses the option of NIS2 Art. 2(5)(a) to bring it into scope, as {}", p.as_str()),
                reasons,
            ),
            None => reasons.push(format!(
                "local public administration: in scope only where the Member State uses NIS2 Art. 2(5)(a); nis2check knows no such rule for `{member_state}`"
            )),
        },
        _ => {}
    }
    let annex = if ANNEX_I.contains(&sector) {
        Some("I")
    } else if ANNEX_II.contains(&sector) {
        Some("II")
    } else {
        None
    };
    match (annex, size) {
        (None, _) => reasons.push(format!("sector `{sector}` is not in NIS2 Annex I or II")),
        // Public administration is in scope on the grounds above, not by size.
        (Some(_), _) if sector == "public-administration" => {}
        (Some("I"), Size::Large) => take(
            Position::Essential,
            format!("large entity of the Annex I sector `{sector}`: essential (NIS2 Art. 3(1)(a))"),
            reasons,
        ),
        (Some(a), Size::Large | Size::Medium) => take(
            Position::Important,
            format!("entity of the Annex {a} sector `{sector}` of at least medium size (NIS2 Art. 2(1)); important (Art. 3(2))"),
            reasons,
        ),
        (Some(a), Size::Small) => reasons.push(format!(
            "small entity of the Annex {a} sector `{sector}`: below the size threshold of NIS2 Art. 2(1), so not in scope on this ground unless the Member State designates it (Art. 2(2)(b)–(e))"
        )),
        (Some(a), Size::Unknown) => reasons.push(format!(
            "Annex {a} sector `{sector}`, but the size is unknown: cannot tell whether the threshold of NIS2 Art. 2(1) is met"
        )),
    }
    if best == Position::OutOfScope {
        reasons.push("no ground of NIS2 Art. 2 applies: out of scope".into());
    }
    best
}
