//! Renderers. One [`Format`] enum, dispatched in one place.

pub mod audit;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use clap::ValueEnum;

use crate::check::Outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets, for people.
    Human,
    /// Machine-readable, versioned (README, "JSON output").
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions annotations, and a job summary in `$GITHUB_STEP_SUMMARY`.
    Github,
    /// JUnit XML, for CI test dashboards.
    Junit,
}

/// Renders an outcome in a format.
pub fn render(outcome: &Outcome, format: Format, style: human::Style, exit_code: i32) -> String {
    match format {
        Format::Human => human::render(outcome, style),
        Format::Json => json::render(outcome, exit_code),
        Format::Sarif => sarif::render(outcome, exit_code),
        Format::Github => github::render(outcome, github::step_summary_path().as_deref()),
        Format::Junit => junit::render(outcome),
    }
}
