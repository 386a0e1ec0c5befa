//! The schema of every kind, written once as data. Validation, the editor JSON Schema and the
//! format reference are all driven by it.

/// The kinds of entity a repository holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Organization,
    Person,
    Document,
    Control,
    Asset,
    Supplier,
    Risk,
    Incident,
    Waiver,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Organization,
        Kind::Person,
        Kind::Document,
        Kind::Control,
        Kind::Asset,
        Kind::Supplier,
        Kind::Risk,
        Kind::Incident,
        Kind::Waiver,
    ];

    /// The top-level TOML key (`[[asset]]`) and the `kind` of findings.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Person => "person",
            Kind::Document => "document",
            Kind::Control => "control",
            Kind::Asset => "asset",
            Kind::Supplier => "supplier",
            Kind::Risk => "risk",
            Kind::Incident => "incident",
            Kind::Waiver => "waiver",
        }
    }

    /// The collection name in the policy input.
    pub fn collection(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Person => "people",
            Kind::Document => "documents",
            Kind::Control => "controls",
            Kind::Asset => "assets",
            Kind::Supplier => "suppliers",
            Kind::Risk => "risks",
            Kind::Incident => "incidents",
            Kind::Waiver => "waivers",
        }
    }

    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Organization => ORGANIZATION,
            Kind::Person => PERSON,
            Kind::Document => DOCUMENT,
            Kind::Control => CONTROL,
            Kind::Asset => ASSET,
            Kind::Supplier => SUPPLIER,
            Kind::Risk => RISK,
            Kind::Incident => INCIDENT,
            Kind::Waiver => WAIVER,
        }
    }
}

/// The type of a field.
#[derive(Debug)]
pub enum Ty {
    Str,
    Int,
    /// An integer within a range.
    IntRange(i64, i64),
    /// An integer or a float.
    Num,
    Bool,
    /// A TOML local date.
    Date,
    /// A TOML offset date-time.
    Timestamp,
    Enum(&'static [&'static str]),
    /// The id of an entity of that kind.
    Ref(Kind),
    /// A framework-qualified requirement id, checked against the catalogue.
    Requirement,
    /// An entity id.
    Id,
    Array(&'static Ty),
    Table(&'static [Field]),
}

/// One field of a table.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    pub doc: &'static str,
}

const fn f(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        doc,
    }
}

const fn req(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        doc,
    }
}

pub const SECTORS: &[&str] = &[
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
    "postal",
    "waste-management",
    "chemicals",
    "food",
    "manufacturing",
    "digital-providers",
    "research",
    "other",
];

pub const ENTITY_TYPES: &[&str] = &[
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
    "public-electronic-communications",
    "critical-entity",
    "other",
];

const LEVELS: &[&str] = &["critical", "high", "medium", "low"];
const LMH: &[&str] = &["low", "medium", "high"];
const SCORE: Ty = Ty::IntRange(1, 5);
static STRINGS: Ty = Ty::Str;
static PERSON_REFS: Ty = Ty::Ref(Kind::Person);
static SUPPLIER_REFS: Ty = Ty::Ref(Kind::Supplier);
static ASSET_REFS: Ty = Ty::Ref(Kind::Asset);
static REQUIREMENTS: Ty = Ty::Requirement;
/// The roles a person may hold (`roles`), in the order the documentation gives them.
pub const PERSON_ROLES: &[&str] = &[
    "management-body",
    "ciso",
    "security-officer",
    "privacy-officer",
    "admin",
    "staff",
    "contractor",
];
static ROLES: Ty = Ty::Enum(PERSON_ROLES);
static EXCLUDED: Ty = Ty::Enum(&[
    "national-security",
    "public-security",
    "defence",
    "law-enforcement",
]);
static TRAINING: Ty = Ty::Table(&[
    req(
        "topic",
        Ty::Str,
        "what the training covered, e.g. `cybersecurity-management`",
    ),
    req("completed_at", Ty::Date, "when it was completed"),
    f("provider", Ty::Str, "who gave it"),
]);
static EVIDENCE: Ty = Ty::Table(&[
    f("path", Ty::Str, "repository path of the evidence"),
    f("url", Ty::Str, "link to the evidence"),
    f("date", Ty::Date, "when the evidence was produced"),
    f("description", Ty::Str, "what it shows"),
]);
static VULNERABILITY: Ty = Ty::Table(&[
    req("id", Ty::Str, "CVE or internal id"),
    req(
        "severity",
        Ty::Enum(LEVELS),
        "severity of the vulnerability",
    ),
    req("found_at", Ty::Date, "when it was found"),
    f("fixed_at", Ty::Date, "when it was remediated"),
]);

pub static ORGANIZATION: &[Field] = &[
    req("name", Ty::Str, "legal name"),
    req(
        "member_state",
        Ty::Str,
        "ISO 3166-1 alpha-2 code of the Member State of establishment",
    ),
    req("sector", Ty::Enum(SECTORS), "NIS2 Annex I/II sector"),
    f("subsector", Ty::Str, "subsector"),
    f(
        "entity_type",
        Ty::Enum(ENTITY_TYPES),
        "entity type (NIS2 Art. 2(2), CIR 2024/2690)",
    ),
    f("employees", Ty::Int, "staff headcount"),
    f("annual_turnover_eur", Ty::Num, "annual turnover in euro"),
    f(
        "balance_sheet_eur",
        Ty::Num,
        "annual balance sheet total in euro",
    ),
    f(
        "public_administration",
        Ty::Enum(&["central", "regional", "local", "none"]),
        "level of public administration",
    ),
    f(
        "excluded_activities",
        Ty::Array(&EXCLUDED),
        "activities excluded by NIS2 Art. 2(7)",
    ),
    f(
        "classification",
        Ty::Enum(&["essential", "important", "out-of-scope"]),
        "the declared classification",
    ),
    f(
        "designation_basis",
        Ty::Str,
        "legal basis of a designation by the Member State",
    ),
    f(
        "competent_authority",
        Ty::Str,
        "the competent authority (regulator)",
    ),
    f("csirt", Ty::Str, "the CSIRT that receives incident reports"),
    f(
        "ip_ranges",
        Ty::Array(&STRINGS),
        "public IP ranges (NIS2 Art. 3(4))",
    ),
    f(
        "member_states_served",
        Ty::Array(&STRINGS),
        "Member States where services are provided",
    ),
    f(
        "main_establishment",
        Ty::Str,
        "main establishment in the Union (NIS2 Art. 27)",
    ),
    f(
        "contact",
        Ty::Table(&[
            f("email", Ty::Str, "contact email"),
            f("phone", Ty::Str, "contact phone number"),
            f("address", Ty::Str, "postal address"),
        ]),
        "contact data (NIS2 Art. 3(4))",
    ),
    f(
        "registration",
        Ty::Table(&[
            f(
                "registered_at",
                Ty::Date,
                "when the entity registered with the authority",
            ),
            f(
                "updated_at",
                Ty::Date,
                "when the registration was last updated",
            ),
            f("reference", Ty::Str, "registration reference"),
            f("authority", Ty::Str, "where the entity registered"),
        ]),
        "registration with the competent authority",
    ),
];

pub static PERSON: &[Field] = &[
    req("id", Ty::Id, "unique id"),
    req("name", Ty::Str, "full name"),
    req("roles", Ty::Array(&ROLES), "roles held"),
    f("email", Ty::Str, "email address"),
    f(
        "reports_to",
        Ty::Ref(Kind::Person),
        "the person this one reports to",
    ),
    f("appointed_at", Ty::Date, "start in the role"),
    f("left_at", Ty::Date, "end of employment"),
    f(
        "screening_required",
        Ty::Bool,
        "the role needs a background check",
    ),
    f(
        "screened_at",
        Ty::Date,
        "when the background check was done",
    ),
    f(
        "accounts_closed_at",
        Ty::Date,
        "when a leaver's accounts and access were removed",
    ),
    f("trainings", Ty::Array(&TRAINING), "trainings completed"),
];

pub static DOCUMENT: &[Field] = &[
    req("id", Ty::Id, "unique id"),
    req(
        "type",
        Ty::Enum(&[
            "security-policy",
            "risk-methodology",
            "incident-response-plan",
            "bc-dr-plan",
            "crisis-plan",
            "supplier-policy",
            "crypto-policy",
            "access-policy",
            "vulnerability-disclosure",
            "hr-security-policy",
            "asset-management-policy",
            "logging-policy",
            "statement-of-applicability",
            "in-control-statement",
            "other",
        ]),
        "document type",
    ),
    req("title", Ty::Str, "title"),
    req("owner", Ty::Ref(Kind::Person), "owner"),
    f("approved_by", Ty::Array(&PERSON_REFS), "who approved it"),
    f("approved_at", Ty::Date, "date of formal approval"),
    f("reviewed_at", Ty::Date, "date of the last review"),
    f("tested_at", Ty::Date, "date of the last exercise of a plan"),
    f("version", Ty::Str, "version"),
    f("path", Ty::Str, "repository path of the document"),
    f("url", Ty::Str, "link to the document"),
    f("published", Ty::Bool, "the document is public"),
];

pub static CONTROL: &[Field] = &[
    req("id", Ty::Id, "unique id"),
    req("title", Ty::Str, "title"),
    req(
        "status",
        Ty::Enum(&["implemented", "partial", "planned", "not-applicable"]),
        "implementation status",
    ),
    req("owner", Ty::Ref(Kind::Person), "owner"),
    req(
        "requirements",
        Ty::Array(&REQUIREMENTS),
        "framework requirements it implements, e.g. `nis2:21(2)(c)`",
    ),
    f(
        "justification",
        Ty::Str,
        "why it does not apply (required when not-applicable)",
    ),
    f(
        "approved_by",
        Ty::Ref(Kind::Person),
        "who approved the control",
    ),
    f("evidence", Ty::Array(&EVIDENCE), "evidence of operation"),
    f("reviewed_at", Ty::Date, "date of the last review"),
];

pub static ASSET: &[Field] = &[
    req("id", Ty::Id, "unique id"),
    req("name", Ty::Str, "name"),
    req(
        "type",
        Ty::Enum(&[
            "application",
            "system",
            "data",
            "site",
            "cloud-service",
            "network",
            "device",
            "ot",
        ]),
        "asset type",
    ),
    f("owner", Ty::Ref(Kind::Person), "owner"),
    f("services", Ty::Array(&STRINGS), "services it supports"),
    f("criticality", Ty::Enum(LEVELS), "criticality"),
    f(
        "classification",
        Ty::Table(&[
            f("confidentiality", Ty::Enum(LMH), "confidentiality need"),
            f("integrity", Ty::Enum(LMH), "integrity need"),
            f("availability", Ty::Enum(LMH), "availability need"),
            f("authenticity", Ty::Enum(LMH), "authenticity need"),
        ]),
        "classification (CIR 2024/2690 Annex 12.1.2)",
    ),
    f("internet_facing", Ty::Bool, "reachable from the internet"),
    f("remote_access", Ty::Bool, "reachable through remote access"),
    f("mfa", Ty::Bool, "multi-factor authentication enforced"),
    f(
        "admin_mfa",
        Ty::Bool,
        "multi-factor authentication enforced for administrator and other privileged accounts",
    ),
    f(
        "encryption",
        Ty::Table(&[
            f("at_rest", Ty::Bool, "data encrypted at rest"),
            f("in_transit", Ty::Bool, "data encrypted in transit"),
        ]),
        "encryption",
    ),
    f(
        "backup",
        Ty::Table(&[
            f("rpo_hours", Ty::Num, "recovery point objective in hours"),
            f("rto_hours", Ty::Num, "recovery time objective in hours"),
            f(
                "offsite",
                Ty::Bool,
                "a copy is kept off the network, at a distance",
            ),
            f(
                "last_restore_test",
                Ty::Date,
                "date of the last successful restore test",
            ),
            f(
                "integrity_checked_at",
                Ty::Date,
                "date of the last backup integrity check",
            ),
        ]),
        "backup",
    ),
    f("logging", Ty::Bool, "security events are logged"),
    f("log_retention_days", Ty::Int, "how long logs are kept"),
    f("suppliers", Ty::Array(&SUPPLIER_REFS), "suppliers involved"),
    f(
        "last_verified_at",
        Ty::Date,
        "when the inventory entry was last checked",
    ),
    f(
        "last_vulnerability_scan",
        Ty::Date,
        "date of the last vulnerability scan",
    ),
    f(
        "last_pentest",
        Ty::Date,
        "date of the last penetration test",
    ),
    f(
        "access_reviewed_at",
        Ty::Date,
        "date of the last access review",
    ),
    f(
        "privileged_access_reviewed_at",
        Ty::Date,
        "date of the last review of privileged access",
    ),
    f(
        "physical_access_control",
        Ty::Bool,
        "sites: physical access is controlled and logged",
    ),
    f(
        "utility_protection",
        Ty::Bool,
        "sites: protected against failure of power and other supporting utilities",
    ),
    f("shared_accounts", Ty::Bool, "shared accounts exist"),
    f(
        "shared_accounts_justification",
        Ty::Str,
        "why shared accounts are needed",
    ),
    f(
        "vulnerabilities",
        Ty::Array(&VULNERABILITY),
        "known vulnerabilities",
    ),
];

pub static SUPPLIER: &[Field] = &[
    req("id", Ty::Id, "unique id"),
    req("name", Ty::Str, "name"),
    req(
        "provides",
        Ty::Array(&STRINGS),
        "what the supplier provides",
    ),
    f("criticality", Ty::Enum(LEVELS), "criticality"),
    f("country", Ty::Str, "ISO 3166-1 alpha-2 country code"),
    f(
        "contact",
        Ty::Table(&[
            f("name", Ty::Str, "contact name"),
            f("email", Ty::Str, "contact email"),
            f("phone", Ty::Str, "contact phone"),
        ]),
        "security contact",
    ),
    f(
        "contract",
        Ty::Table(&[
            f("security_requirements", Ty::Bool, "security requirements"),
            f(
                "incident_notification",
                Ty::Bool,
                "incident notification duty",
            ),
            f("right_to_audit", Ty::Bool, "right to audit"),
            f("vulnerability_handling", Ty::Bool, "vulnerability handling"),
            f("subcontracting", Ty::Bool, "conditions on subcontracting"),
            f("exit", Ty::Bool, "termination, exit and data return"),
            f("staff_training", Ty::Bool, "staff training"),
            f("background_checks", Ty::Bool, "background checks of staff"),
            f("ends_at", Ty::Date, "end of the contract"),
        ]),
        "contract clauses (CIR 2024/2690 Annex 5.1.4)",
    ),
    f(
        "assessed_at",
        Ty::Date,
        "date of the last security assessment",
    ),
    f("exit_strategy", Ty::Str, "exit strategy"),
    f(
        "remote_access",
        Ty::Bool,
        "the supplier has (remote) access to our systems",
    ),
    f(
        "access_until",
        Ty::Date,
        "end of the supplier's access to our systems",
    ),
];

pub static RISK: &[Field] = &[
    req("id", Ty::Id, "unique id"),
    req("title", Ty::Str, "title"),
    f("assets", Ty::Array(&ASSET_REFS), "assets at risk"),
    f("suppliers", Ty::Array(&SUPPLIER_REFS), "suppliers involved"),
    f("threat", Ty::Str, "threat"),
    f("likelihood", SCORE, "likelihood, 1–5"),
    f("impact", SCORE, "impact, 1–5"),
    f(
        "residual_likelihood",
        SCORE,
        "likelihood after treatment, 1–5",
    ),
    f("residual_impact", SCORE, "impact after treatment, 1–5"),
    f("owner", Ty::Ref(Kind::Person), "risk owner"),
    f(
        "treatment",
        Ty::Enum(&["mitigate", "accept", "transfer", "avoid"]),
        "treatment option",
    ),
    f(
        "treatment_owner",
        Ty::Ref(Kind::Person),
        "who carries out the treatment",
    ),
    f("treatment_due", Ty::Date, "deadline of the treatment"),
    f(
        "status",
        Ty::Enum(&["open", "in-treatment", "treated", "accepted", "closed"]),
        "status",
    ),
    f(
        "accepted_by",
        Ty::Array(&PERSON_REFS),
        "who accepted the residual risk",
    ),
    f("accepted_at", Ty::Date, "when it was accepted"),
    f(
        "justification",
        Ty::Str,
        "why the residual risk is acceptable",
    ),
    f("reviewed_at", Ty::Date, "date of the last review"),
    f("requirements", Ty::Array(&REQUIREMENTS), "with `treatment = \"accept\"`: the requirements whose non-application the acceptance covers"),
];

pub static INCIDENT: &[Field] = &[
    req("id", Ty::Id, "unique id"),
    req("title", Ty::Str, "title"),
    f("occurred_at", Ty::Timestamp, "when it started"),
    f("detected_at", Ty::Timestamp, "when it was detected"),
    req(
        "aware_at",
        Ty::Timestamp,
        "when the entity became aware: the reporting clock starts here",
    ),
    f(
        "significant",
        Ty::Bool,
        "assessed as significant (NIS2 Art. 23(3))",
    ),
    f("users_affected", Ty::Int, "number of users affected"),
    f(
        "duration_minutes",
        Ty::Int,
        "duration of the disruption in minutes",
    ),
    f(
        "trust_services",
        Ty::Bool,
        "for a trust service provider: the incident affects its trust services (24 h notification, NIS2 Art. 23(4)(b))",
    ),
    f(
        "unavailability",
        Ty::Enum(&["full", "partial"]),
        "the service was fully unavailable or only limited (CIR 2024/2690 Arts. 5–14 count them apart)",
    ),
    f(
        "financial_loss_eur",
        Ty::Num,
        "direct financial loss in euro",
    ),
    f("cross_border", Ty::Bool, "impact in other Member States"),
    f(
        "suspected_malicious",
        Ty::Bool,
        "suspected unlawful or malicious act",
    ),
    f("deaths", Ty::Int, "deaths caused"),
    f(
        "health_damage",
        Ty::Bool,
        "considerable damage to someone's health",
    ),
    f(
        "trade_secrets_exfiltrated",
        Ty::Bool,
        "trade secrets were exfiltrated",
    ),
    f(
        "planned_maintenance",
        Ty::Bool,
        "disruption caused by planned maintenance",
    ),
    f(
        "early_warning_at",
        Ty::Timestamp,
        "when the early warning was sent",
    ),
    f(
        "notification_at",
        Ty::Timestamp,
        "when the incident notification was sent",
    ),
    f(
        "progress_report_at",
        Ty::Timestamp,
        "when a progress report was sent",
    ),
    f(
        "final_report_at",
        Ty::Timestamp,
        "when the final report was sent",
    ),
    f("resolved_at", Ty::Timestamp, "when handling ended"),
    f("root_cause", Ty::Str, "root cause"),
    f("lessons_learned", Ty::Str, "lessons learned"),
    f("assets", Ty::Array(&ASSET_REFS), "assets affected"),
    f(
        "records_kept_until",
        Ty::Date,
        "until when the incident's records are kept (BIO2 5.28.01: at least three years after it was resolved)",
    ),
];

pub static WAIVER: &[Field] = &[
    req("id", Ty::Id, "unique id"),
    req("rule", Ty::Str, "the rule code it waives, e.g. `AST002`"),
    req(
        "target",
        Ty::Str,
        "`kind:id` (the id may use `*` and `?`), or `organization`",
    ),
    req("reason", Ty::Str, "why the exception is acceptable"),
    req("approved_by", Ty::Ref(Kind::Person), "who approved it"),
    req("expires", Ty::Date, "last day the waiver applies"),
    f("ticket", Ty::Str, "tracking reference"),
];
