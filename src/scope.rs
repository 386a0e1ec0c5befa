//! Scope: which NIS2 position an organisation has, and which frameworks follow from it.

/// The entity types covered by CIR 2024/2690 (its Art. 1).
pub const CIR_ENTITY_TYPES: &[&str] = &[
    "dns-service-provider",
    "tld-registry",
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
