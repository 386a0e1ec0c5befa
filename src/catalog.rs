//! The framework requirement catalogues (NIS2, CIR 2024/2690, ISO/IEC 27001:2022 Annex A,
//! BIO2), shipped as data in `policies/catalog/`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diag::did_you_mean;

#[derive(Debug, Clone, Deserialize)]
pub struct FrameworkMeta {
    pub id: String,
    pub prefix: String,
    pub title: String,
    pub short: String,
    pub cite: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Requirement {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub group: Option<String>,
    /// The NIS2 Art. 21(2) points (or other NIS2 ids) this requirement maps to.
    #[serde(default)]
    pub nis2: Vec<String>,
    #[serde(default)]
    pub applicability: Option<String>,
    /// BIO2: the id in v1.2 numbering, where it differs.
    #[serde(default)]
    pub v1_2: Option<String>,
    #[serde(default)]
    pub iso27002: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    /// `false` for provisions that are not measures (scope, registration): a Statement of
    /// Applicability does not list them.
    #[serde(default)]
    pub soa: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
struct CatalogFile {
    framework: FrameworkMeta,
    #[serde(default)]
    requirement: Vec<Requirement>,
}

/// One framework with its requirements.
#[derive(Debug, Clone)]
pub struct Framework {
    pub meta: FrameworkMeta,
    pub requirements: Vec<Requirement>,
    by_id: BTreeMap<String, usize>,
    by_v1_2: BTreeMap<String, usize>,
}

impl Framework {
    pub fn get(&self, id: &str) -> Option<&Requirement> {
        self.by_id.get(id).map(|&i| &self.requirements[i])
    }

    /// Resolves an id in the given BIO2 version ("1.2" ids go through the v1.2 alias).
    pub fn resolve(&self, id: &str, version: Option<&str>) -> Option<&Requirement> {
        if version == Some("1.2") {
            if let Some(&i) = self.by_v1_2.get(id) {
                return Some(&self.requirements[i]);
            }
        }
        self.get(id)
    }

    pub fn cite(&self, id: &str) -> String {
        self.meta.cite.replace("{id}", id)
    }

    /// Whether a rule's METADATA may cite `id` (BIO2 in the numbering of `bio2_version`, as
    /// [`Framework::resolve`] reads it); else the help.
    pub fn check_cited(&self, id: &str, bio2_version: Option<&str>) -> Result<(), String> {
        match self.resolve(id, bio2_version) {
            Some(_) => Ok(()),
            None => Err(self.unknown_id_help(id, str::to_string)),
        }
    }

    /// The help for a requirement id this framework does not have: the closest id, written
    /// by `shown`, or where the ids are listed.
    fn unknown_id_help(&self, id: &str, shown: impl Fn(&str) -> String) -> String {
        let ids = self
            .requirements
            .iter()
            .map(|r| r.id.as_str())
            .chain(self.by_v1_2.keys().map(String::as_str));
        match did_you_mean(id, ids) {
            Some(s) => format!("did you mean `{}`?", shown(s)),
            None => format!(
                "see `nis2check rules --framework {}` or policies/catalog/{}.toml for the ids",
                self.meta.id, self.meta.id
            ),
        }
    }

    /// A requirement as controls list it: `prefix:id` ("bio2:5.01.01").
    pub fn qualified(&self, id: &str) -> String {
        format!("{}:{}", self.meta.prefix, id)
    }

    /// The requirements a Statement of Applicability addresses: those without sub-points
    /// (`1.1.1` is a leaf unless `1.1.1(a)` or `1.1.1.2` exists).
    pub fn leaves(&self) -> Vec<&Requirement> {
        let ids: std::collections::BTreeSet<&str> =
            self.requirements.iter().map(|r| r.id.as_str()).collect();
        self.requirements
            .iter()
            .filter(|r| r.soa != Some(false))
            .filter(|r| {
                let dot = format!("{}.", r.id);
                let paren = format!("{}(", r.id);
                !ids.range(r.id.as_str()..)
                    .skip(1)
                    .take_while(|x| x.starts_with(&r.id))
                    .any(|x| x.starts_with(&dot) || x.starts_with(&paren))
            })
            .collect()
    }
}

/// All catalogues.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub frameworks: Vec<Framework>,
}

impl Catalog {
    /// Loads the catalogues embedded in the binary.
    pub fn builtin() -> Catalog {
        let files = crate::policy::builtin::FILES
            .iter()
            .filter(|(p, _)| p.starts_with("catalog/") && p.ends_with(".toml"));
        Catalog::from_sources(files.map(|(p, s)| (*p, *s)))
            .expect("the built-in catalogue is valid (a test holds it)")
    }

    pub fn from_sources<'a>(
        files: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Result<Catalog, String> {
        let mut frameworks = Vec::new();
        for (path, text) in files {
            let file: CatalogFile = toml::from_str(text).map_err(|e| format!("{path}: {e}"))?;
            let mut by_id = BTreeMap::new();
            let mut by_v1_2 = BTreeMap::new();
            for (i, r) in file.requirement.iter().enumerate() {
                if by_id.insert(r.id.clone(), i).is_some() {
                    return Err(format!("{path}: duplicate requirement id `{}`", r.id));
                }
                if let Some(old) = &r.v1_2 {
                    by_v1_2.insert(old.clone(), i);
                }
            }
            frameworks.push(Framework {
                meta: file.framework,
                requirements: file.requirement,
                by_id,
                by_v1_2,
            });
        }
        frameworks.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        Ok(Catalog { frameworks })
    }

    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.meta.id == id)
    }

    pub fn by_prefix(&self, prefix: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.meta.prefix == prefix)
    }

    /// Checks a control's `prefix:id` requirement. On error: (label, help).
    pub fn check_requirement(&self, qualified: &str) -> Result<(), (String, String)> {
        let prefixes: Vec<&str> = self
            .frameworks
            .iter()
            .map(|f| f.meta.prefix.as_str())
            .collect();
        let Some((prefix, id)) = qualified.split_once(':') else {
            return Err((
                "no framework prefix".into(),
                format!(
                    "qualify the id with its framework: {}",
                    prefixes
                        .iter()
                        .map(|p| format!("`{p}:…`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        };
        let Some(fw) = self.by_prefix(prefix) else {
            let help = match did_you_mean(prefix, prefixes.iter().copied()) {
                Some(s) => format!("did you mean `{s}:{id}`?"),
                None => format!("the frameworks are: {}", prefixes.join(", ")),
            };
            return Err((format!("unknown framework `{prefix}`"), help));
        };
        if fw.get(id).is_some() || fw.by_v1_2.contains_key(id) {
            return Ok(());
        }
        let help = fw.unknown_id_help(id, |s| format!("{prefix}:{s}"));
        Err((format!("{} has no requirement `{id}`", fw.meta.short), help))
    }

    /// A framework by its id (`nis2`), as a rule's METADATA cites it; else the help for an id
    /// that is not one.
    pub fn cited_framework(&self, id: &str) -> Result<&Framework, String> {
        if let Some(fw) = self.framework(id) {
            return Ok(fw);
        }
        let ids: Vec<&str> = self.frameworks.iter().map(|f| f.meta.id.as_str()).collect();
        Err(match did_you_mean(id, ids.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("the frameworks are: {}", ids.join(", ")),
        })
    }

    /// `input.catalog`: per enabled framework, the requirements to address.
    pub fn input(&self, enabled: &[String]) -> serde_json::Value {
        let mut out = serde_json::Map::new();
        for f in self
            .frameworks
            .iter()
            .filter(|f| enabled.contains(&f.meta.id))
        {
            let reqs: Vec<serde_json::Value> = f
                .leaves()
                .into_iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "ref": f.qualified(&r.id),
                        "title": r.title,
                        "where_appropriate": r.applicability.as_deref() == Some("where-appropriate"),
                    })
                })
                .collect();
            out.insert(
                f.meta.id.clone(),
                serde_json::json!({"prefix": f.meta.prefix, "short": f.meta.short, "requirements": reqs}),
            );
        }
        serde_json::Value::Object(out)
    }

    /// "NIS2 Art. 23(4)(a)" for a framework id and a requirement id.
    pub fn cite(&self, framework: &str, id: &str) -> String {
        match self.framework(framework) {
            Some(f) => f.cite(id),
            None => format!("{framework} {id}"),
        }
    }
}
