//! An owned TOML tree that keeps the byte span of every key and value.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

/// A TOML value with its span.
#[derive(Debug, Clone)]
pub struct Node {
    pub span: Range<usize>,
    pub value: NodeValue,
}

#[derive(Debug, Clone)]
pub enum NodeValue {
    String(String),
    Integer(i64),
    /// An integer that does not fit in 64 bits (kept as written).
    BigInteger(String),
    Float(f64),
    Boolean(bool),
    Datetime(Datetime),
    Array(Vec<Node>),
    /// Boxed: a table is the largest variant, and most values are not tables (every key and
    /// value of a repository is a `Node`, so its size is most of the parsed tree's memory).
    Table(Box<Table>),
}

/// One `key = value` of a table.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Node,
}

/// A TOML table: its entries in key order.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// For a `[header]` or `[[header]]` table, the header; for an inline table, the braces; for
    /// the document, the whole file.
    pub span: Range<usize>,
    pub entries: Vec<Entry>,
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    pub fn value(&self, key: &str) -> Option<&Node> {
        self.get(key).map(|e| &e.value)
    }

    pub fn str(&self, key: &str) -> Option<&str> {
        match self.value(key)?.value {
            NodeValue::String(ref s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn from_de(span: Range<usize>, table: DeTable<'_>) -> Table {
        let mut entries = Vec::with_capacity(table.len());
        for (k, v) in table {
            let key_span = k.span();
            entries.push(Entry {
                key: k.into_inner().into_owned(),
                key_span,
                value: Node::from_de(v),
            });
        }
        Table { span, entries }
    }
}

impl Node {
    fn from_de(value: toml::Spanned<DeValue<'_>>) -> Node {
        let span = value.span();
        let value = match value.into_inner() {
            DeValue::String(s) => NodeValue::String(s.into_owned()),
            DeValue::Integer(i) => {
                match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                    Ok(n) => NodeValue::Integer(n),
                    Err(_) => NodeValue::BigInteger(i.as_str().to_string()),
                }
            }
            DeValue::Float(f) => {
                let text = f.as_str().replace('_', "");
                let n = match text.as_str() {
                    "nan" | "+nan" | "-nan" => f64::NAN,
                    "inf" | "+inf" => f64::INFINITY,
                    "-inf" => f64::NEG_INFINITY,
                    t => t.parse().unwrap_or(f64::NAN),
                };
                NodeValue::Float(n)
            }
            DeValue::Boolean(b) => NodeValue::Boolean(b),
            DeValue::Datetime(d) => NodeValue::Datetime(d),
            DeValue::Array(a) => NodeValue::Array(a.into_iter().map(Node::from_de).collect()),
            DeValue::Table(t) => NodeValue::Table(Box::new(Table::from_de(span.clone(), t))),
        };
        Node { span, value }
    }

    pub fn as_table(&self) -> Option<&Table> {
        match &self.value {
            NodeValue::Table(t) => Some(t),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            NodeValue::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The TOML name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            NodeValue::String(_) => "a string",
            NodeValue::Integer(_) | NodeValue::BigInteger(_) => "an integer",
            NodeValue::Float(_) => "a float",
            NodeValue::Boolean(_) => "a boolean",
            NodeValue::Datetime(d) => match (d.date, d.time, d.offset) {
                (Some(_), None, None) => "a local date",
                (Some(_), Some(_), None) => "a local date-time",
                (Some(_), Some(_), Some(_)) => "an offset date-time",
                _ => "a local time",
            },
            NodeValue::Array(_) => "an array",
            NodeValue::Table(_) => "a table",
        }
    }
}
