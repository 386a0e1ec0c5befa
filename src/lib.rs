//! nis2check: compliance as code for the EU NIS2 directive and the Dutch government baseline
//! (BIO2). The library reads a repository of TOML files, evaluates Rego rules over it and
//! returns diagnostics; `main` only parses arguments and sets the exit code.

pub mod baseline;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod commands;
pub mod diag;
pub mod init;
pub mod load;
pub mod model;
pub mod par;
pub mod policy;
pub mod report;
pub mod scope;
pub mod settings;
pub mod significance;
pub mod source;
pub mod waiver;

pub use commands::run;
