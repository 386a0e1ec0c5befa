//! Incident significance thresholds: the profile that applies to an organisation, from
//! `policies/data/significance.toml`, tightened by the organisation's own `[significance]`.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Map, Value};

#[derive(Debug, Clone, Deserialize)]
struct File {
    profile: Vec<Profile>,
}

#[derive(Debug, Clone, Deserialize)]
struct Profile {
    id: String,
    basis: String,
    #[serde(default)]
    entity_types: Vec<String>,
    #[serde(default)]
    member_states: Vec<String>,
    #[serde(default)]
    public_administration: Vec<String>,
    thresholds: BTreeMap<String, toml::Value>,
    #[serde(default)]
    by_type: BTreeMap<String, BTreeMap<String, toml::Value>>,
    /// The numeric thresholds an incident must exceed; the others it must reach. The law says
    /// which: CIR 2024/2690 counts a loss *above* EUR 500,000, the Dutch profile an outage *of*
    /// four hours or more.
    #[serde(default)]
    above: Vec<String>,
}

/// What the organisation declares that selects a profile.
pub struct Facts<'a> {
    pub entity_type: Option<&'a str>,
    pub member_state: Option<&'a str>,
    pub public_administration: Option<&'a str>,
    pub annual_turnover_eur: Option<f64>,
}

fn data() -> File {
    let text = crate::policy::builtin::FILES
        .iter()
        .find(|(p, _)| *p == "data/significance.toml")
        .map(|(_, s)| *s)
        .expect("policies/data/significance.toml is embedded");
    toml::from_str(text).expect("the built-in significance profiles are valid (a test holds it)")
}

fn to_json(v: &toml::Value) -> Value {
    match v {
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        other => json!(other.to_string()),
    }
}

/// The names of the thresholds an organisation may set.
pub const FACTORS: &[&str] = &[
    "duration_minutes",
    "users_affected",
    "financial_loss_eur",
    "deaths",
    "health_damage",
    "trade_secrets_exfiltrated",
];

/// `{profile, basis, thresholds, above}` for `input.meta.significance`: `above` lists the
/// thresholds an incident's value must exceed; it must reach the others.
pub fn profile(facts: &Facts, own: &BTreeMap<String, Value>) -> Value {
    let file = data();
    let chosen = file.profile.iter().find(|p| {
        let by_type = facts
            .entity_type
            .is_some_and(|t| p.entity_types.iter().any(|x| x == t));
        let by_state = !p.member_states.is_empty()
            && facts
                .member_state
                .is_some_and(|m| p.member_states.iter().any(|x| x == m))
            && facts
                .public_administration
                .is_some_and(|a| p.public_administration.iter().any(|x| x == a));
        by_type || by_state
    });
    let mut thresholds = Map::new();
    let mut above: std::collections::BTreeSet<String> = Default::default();
    let (id, basis) = match chosen {
        Some(p) => {
            above.extend(p.above.iter().cloned());
            for (k, v) in &p.thresholds {
                thresholds.insert(k.clone(), to_json(v));
            }
            if let Some(extra) = facts.entity_type.and_then(|t| p.by_type.get(t)) {
                for (k, v) in extra {
                    thresholds.insert(k.clone(), to_json(v));
                }
            }
            (p.id.clone(), p.basis.clone())
        }
        None => (
            "organization".to_string(),
            "thresholds set by the organisation in nis2check.toml `[significance]`".to_string(),
        ),
    };
    // CIR Art. 3(1)(a): EUR 500,000 or 5 % of turnover, whichever is lower.
    if let (Some(share), Some(turnover)) = (
        thresholds
            .remove("financial_loss_turnover_share")
            .and_then(|v| v.as_f64()),
        facts.annual_turnover_eur,
    ) {
        // To the cent: a loss is compared with it as the law says, not rounded in its favour.
        let cap = (share * turnover * 100.0).floor() / 100.0;
        let current = thresholds
            .get("financial_loss_eur")
            .and_then(Value::as_f64)
            .unwrap_or(f64::MAX);
        if cap < current {
            let value = if cap.fract() == 0.0 {
                json!(cap as i64)
            } else {
                json!(cap)
            };
            thresholds.insert("financial_loss_eur".into(), value);
        }
    }
    // The organisation may be stricter than the profile, never more lenient. Its own values
    // are reached (`duration_minutes = 240` counts an outage of 240 minutes), so one equal to
    // a threshold the profile counts only above is stricter.
    for (k, v) in own {
        let stricter = match (thresholds.get(k), v) {
            (None, _) => true,
            (Some(Value::Number(a)), Value::Number(b)) => match (a.as_f64(), b.as_f64()) {
                (Some(a), Some(b)) if above.contains(k) => b <= a,
                (Some(a), Some(b)) => b < a,
                _ => false,
            },
            (Some(Value::Bool(false)), Value::Bool(true)) => true,
            _ => false,
        };
        if stricter {
            thresholds.insert(k.clone(), v.clone());
            above.remove(k);
        }
    }
    above.retain(|k| thresholds.get(k).is_some_and(Value::is_number));
    let id = if chosen.is_none() && own.is_empty() {
        "none".to_string()
    } else {
        id
    };
    json!({"profile": id, "basis": basis, "thresholds": thresholds, "above": above})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(
        t: Option<&'a str>,
        ms: Option<&'a str>,
        pa: Option<&'a str>,
        turnover: Option<f64>,
    ) -> Facts<'a> {
        Facts {
            entity_type: t,
            member_state: ms,
            public_administration: pa,
            annual_turnover_eur: turnover,
        }
    }

    #[test]
    fn cloud_provider_gets_the_cir_thresholds_and_the_lower_financial_threshold() {
        let p = profile(
            &facts(Some("cloud-computing"), Some("NL"), None, Some(4_000_000.0)),
            &BTreeMap::new(),
        );
        assert_eq!(p["profile"], "cir-2024-2690");
        assert_eq!(p["thresholds"]["duration_minutes"], 30);
        // 5 % of EUR 4M is EUR 200,000, lower than EUR 500,000
        assert_eq!(p["thresholds"]["financial_loss_eur"], 200000);
        // The CIR counts more than 30 minutes, a loss above the threshold.
        assert_eq!(
            p["above"],
            json!([
                "duration_minutes",
                "financial_loss_eur",
                "partial_duration_minutes",
                "partial_users_affected"
            ])
        );
        // A limited service counts from 1 million users for more than an hour, not from the
        // user count alone.
        assert_eq!(p["thresholds"]["partial_users_affected"], 1_000_000);
        assert_eq!(p["thresholds"]["partial_duration_minutes"], 60);
        assert!(p["thresholds"].get("users_affected").is_none());
    }

    #[test]
    fn a_turnover_share_keeps_its_cents() {
        let p = profile(
            &facts(Some("cdn"), Some("NL"), None, Some(1_234_567.0)),
            &BTreeMap::new(),
        );
        assert_eq!(p["thresholds"]["financial_loss_eur"], 61728.35);
    }

    #[test]
    fn an_own_value_equal_to_a_threshold_counted_only_above_it_is_stricter() {
        let mut own = BTreeMap::new();
        own.insert("duration_minutes".to_string(), json!(30));
        own.insert("financial_loss_eur".to_string(), json!(500_001));
        let p = profile(&facts(Some("cloud-computing"), None, None, None), &own);
        assert_eq!(p["thresholds"]["duration_minutes"], 30);
        assert_eq!(p["thresholds"]["financial_loss_eur"], 500_000);
        assert_eq!(
            p["above"],
            json!([
                "financial_loss_eur",
                "partial_duration_minutes",
                "partial_users_affected"
            ]),
            "the own duration is reached, the profile's loss exceeded"
        );
    }

    #[test]
    fn the_built_in_profiles_count_above_only_numeric_factors() {
        for p in data().profile {
            for k in &p.above {
                assert!(
                    [
                        "duration_minutes",
                        "users_affected",
                        "financial_loss_eur",
                        "deaths",
                        "partial_users_affected",
                        "partial_duration_minutes"
                    ]
                    .contains(&k.as_str()),
                    "{}: {k} is not a numeric threshold",
                    p.id
                );
            }
        }
    }

    #[test]
    fn dutch_municipality_gets_the_government_profile_and_own_values_only_tighten() {
        let mut own = BTreeMap::new();
        own.insert("duration_minutes".to_string(), json!(600));
        own.insert("users_affected".to_string(), json!(5000));
        let p = profile(&facts(None, Some("NL"), Some("local"), None), &own);
        assert_eq!(p["profile"], "nl-government");
        assert_eq!(
            p["thresholds"]["duration_minutes"], 240,
            "a more lenient own value is ignored"
        );
        assert_eq!(
            p["thresholds"]["users_affected"], 5000,
            "an own value the profile lacks applies"
        );
    }

    #[test]
    fn without_profile_or_settings_nothing_applies() {
        let p = profile(&facts(None, Some("DE"), None, None), &BTreeMap::new());
        assert_eq!(p["profile"], "none");
        assert_eq!(p["thresholds"], json!({}));
        assert_eq!(p["above"], json!([]));
    }
}
