//! Renderers. One [`Format`] enum, dispatched in one place.

pub mod human;
pub mod json;

use clap::ValueEnum;

use crate::check::Outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets, for people.
    Human,
    /// Machine-readable, versioned (README, "JSON output").
    Json,
}

/// Renders an outcome in a format.
pub fn render(outcome: &Outcome, format: Format, style: human::Style, exit_code: i32) -> String {
    match format {
        Format::Human => human::render(outcome, style),
        Format::Json => json::render(outcome, exit_code),
    }
}
