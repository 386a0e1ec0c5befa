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
    } else if !excluded.is_empty() {
        reasons.push(format!(
            "activities in {} are excluded by NIS2 Art. 2(7) only for public administration; the other activities stay in scope",
            excluded.join(", ")
        ));
        classify(
            sector,
            entity_type,
            public,
            member_state,
            size,
            &mut reasons,
        )
    } else {
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
            reasons.push(format!("designated by the Member State as {d} ({basis}): NIS2 Art. 2(2)(b)–(e) and Art. 3(1)(f)"));
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

fn classify(
    sector: &str,
    entity_type: &str,
    public: &str,
    member_state: &str,
    size: Size,
    reasons: &mut Vec<String>,
) -> Position {
    match entity_type {
        "qualified-trust-service-provider" | "tld-registry" | "dns-service-provider" => {
            reasons.push(format!(
                "`{entity_type}`: essential regardless of size (NIS2 Art. 2(2)(a), Art. 3(1)(b))"
            ));
            return Position::Essential;
        }
        "public-electronic-communications" => {
            return if matches!(size, Size::Large | Size::Medium) {
                reasons.push("medium-sized or large provider of public electronic communications: essential (NIS2 Art. 3(1)(c))".into());
                Position::Essential
            } else {
                reasons.push("provider of public electronic communications: in scope regardless of size (NIS2 Art. 2(2)(a)), important when small (Art. 3(2))".into());
                Position::Important
            };
        }
        "trust-service-provider" | "domain-registration" => {
            reasons.push(format!(
                "`{entity_type}`: in scope regardless of size (NIS2 Art. 2(2)(a))"
            ));
            return if size == Size::Large {
                reasons
                    .push("large entity of an Annex I type: essential (NIS2 Art. 3(1)(a))".into());
                Position::Essential
            } else {
                reasons.push("not large: important (NIS2 Art. 3(2))".into());
                Position::Important
            };
        }
        "critical-entity" => {
            reasons.push("critical entity under Directive (EU) 2022/2557: essential (NIS2 Art. 2(3), Art. 3(1)(f))".into());
            return Position::Essential;
        }
        _ => {}
    }
    match public {
        "central" => {
            reasons.push("public administration of central government: in scope regardless of size and essential (NIS2 Art. 2(2)(f)(i), Art. 3(1)(d))".into());
            return Position::Essential;
        }
        "regional" => {
            reasons.push("regional public administration: in scope after the Member State's risk-based assessment (NIS2 Art. 2(2)(f)(ii)); important unless designated essential".into());
            return Position::Important;
        }
        "local" => {
            if let Some((_, p)) = LOCAL_GOVERNMENT_IN_SCOPE
                .iter()
                .find(|(ms, _)| *ms == member_state)
            {
                reasons.push(format!(
                    "local public administration: {member_state} uses the option of NIS2 Art. 2(5)(a) to bring it into scope, as {}",
                    p.as_str()
                ));
                return *p;
            }
            reasons.push(format!("local public administration: in scope only where the Member State uses NIS2 Art. 2(5)(a); no such rule is known for `{member_state}`"));
            return Position::OutOfScope;
        }
        _ => {}
    }
    let annex = if ANNEX_I.contains(&sector) {
        Some("I")
    } else if ANNEX_II.contains(&sector) {
        Some("II")
    } else {
        None
    };
    let Some(annex) = annex else {
        reasons.push(format!("sector `{sector}` is not in NIS2 Annex I or II"));
        return Position::OutOfScope;
    };
    reasons.push(format!("sector `{sector}` is in NIS2 Annex {annex}"));
    match (annex, size) {
        ("I", Size::Large) => {
            reasons.push("large entity of an Annex I sector: essential (NIS2 Art. 3(1)(a))".into());
            Position::Essential
        }
        (_, Size::Large | Size::Medium) => {
            reasons.push(
                "at least medium-sized (NIS2 Art. 2(1)); not essential, so important (Art. 3(2))"
                    .into(),
            );
            Position::Important
        }
        (_, Size::Small) => {
            reasons.push("small entity of a size-dependent type: out of scope (NIS2 Art. 2(1)) unless the Member State designates it".into());
            Position::OutOfScope
        }
        (_, Size::Unknown) => {
            reasons.push(
                "size unknown: cannot tell whether the size threshold of NIS2 Art. 2(1) is met"
                    .into(),
            );
            Position::OutOfScope
        }
    }
}
