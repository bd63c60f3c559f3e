//! DuckDB, embedded (the `duckdb` feature): a Parquet or CSV file or glob read in place, or a
//! table of a `.duckdb` database file opened read-only. Built `bundled` with Parquet compiled
//! in; extensions are never installed or loaded at run time (nothing is downloaded).

use std::sync::Arc;

use duckdb::arrow;
use duckdb::{AccessMode, Config, Connection};

use super::engine::{Engine, EngineError, Interrupter};
use super::rows::Cell;
use super::sql::{ColumnType, TableLayout, layout_of, quote, quote_table};

/// DuckDB's memory budget while browsing ([`super::summary::BROWSING_MEMORY`]).
pub const MEMORY_LIMIT: &str = super::summary::BROWSING_MEMORY;

/// An embedded DuckDB and the table it reads.
pub struct DuckEngine {
    connection: Connection,
    layout: TableLayout,
    interrupt: Arc<duckdb::InterruptHandle>,
    /// The file, for messages.
    place: String,
}

fn failed(place: &str, e: &duckdb::Error) -> String {
    let text = e.to_string();
    format!("DuckDB reading {place}: {text}")
}

impl DuckEngine {
    /// Opens `path` (a Parquet or CSV file or glob, or a database file with `table`) and checks
    /// the documented layout.
    pub fn open(path: &str, table: Option<&str>) -> Result<Self, String> {
        let place = path.to_owned();
        let no_downloads = Config::default()
            .enable_autoload_extension(false)
            .map_err(|e| failed(&place, &e))?;
        let (connection, relation, name) = match table {
            Some(table) => {
                if !std::path::Path::new(path).exists() {
                    return Err(format!("cannot open {path}: there is no such file"));
                }
                let config = no_downloads
                    .access_mode(AccessMode::ReadOnly)
                    .map_err(|e| failed(&place, &e))?;
                let connection =
                    Connection::open_with_flags(path, config).map_err(|e| failed(&place, &e))?;
                (connection, quote_table(table), table.to_owned())
            }
            None => {
                let lower = path.to_ascii_lowercase();
                let reader = if lower.ends_with(".parquet") || lower.ends_with(".parq") {
                    "read_parquet"
                } else if [".csv", ".tsv", ".csv.gz", ".tsv.gz"]
                    .iter()
                    .any(|e| lower.ends_with(e))
                {
                    "read_csv"
                } else {
                    return Err(format!(
                        "cannot open duckdb:{path}: expected a .parquet or .csv file (or a glob \
                         of them), or a .duckdb database with ?table=NAME"
                    ));
                };
                let has_glob = path.contains(['*', '?', '[']);
                if !has_glob && !std::path::Path::new(path).exists() {
                    return Err(format!("cannot open {path}: there is no such file"));
                }
                let connection = Connection::open_in_memory_with_flags(no_downloads)
                    .map_err(|e| failed(&place, &e))?;
                (
                    connection,
                    format!("{reader}({})", quote(path)),
                    path.rsplit('/').next().unwrap_or(path).to_owned(),
                )
            }
        };
        // No downloads; a memory budget that keeps the app small (DuckDB's default is 80% of
        // the machine), spilling what does not fit to a folder of our own in the system's
        // temporary folder (never beside the user's files); results in any order.
        let spill = std::env::temp_dir().join(format!("swimline-duckdb-{}", std::process::id()));
        connection
            .execute_batch(&format!(
                "SET autoinstall_known_extensions = false; SET memory_limit = '{MEMORY_LIMIT}'; \
                 SET temp_directory = {}; SET preserve_insertion_order = false;",
                quote(&spill.display().to_string())
            ))
            .map_err(|e| failed(&place, &e))?;
        let mut statement = connection
            .prepare(&format!("DESCRIBE SELECT * FROM {relation}"))
            .map_err(|e| format!("cannot read {name} in {place}: {}", short(&e)))?;
        let columns: Vec<(String, ColumnType)> = statement
            .query_map([], |row| {
                let name: String = row.get(0)?;
                let kind: String = row.get(1)?;
                Ok((name, column_type(&kind)))
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| format!("cannot read {name} in {place}: {}", short(&e)))?;
        drop(statement);
        let layout = layout_of(&name, relation, &columns)?;
        let interrupt = connection.interrupt_handle();
        Ok(Self {
            connection,
            layout,
            interrupt,
            place,
        })
    }
}

/// DuckDB's message without its error class prefix lines.
fn short(e: &duckdb::Error) -> String {
    e.to_string().lines().next().unwrap_or_default().to_owned()
}

fn column_type(name: &str) -> ColumnType {
    let upper = name.to_ascii_uppercase();
    if upper.starts_with("TIMESTAMP") || upper == "DATE" {
        ColumnType::Timestamp
    } else if [
        "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UBIGINT", "UINTEGER", "HUGEINT",
    ]
    .contains(&upper.as_str())
    {
        ColumnType::Integer
    } else if upper == "VARCHAR" || upper.starts_with("VARCHAR(") {
        ColumnType::Text
    } else {
        ColumnType::Other(name.to_owned())
    }
}

impl Engine for DuckEngine {
    fn name(&self) -> &'static str {
        "DuckDB"
    }

    fn layout(&self) -> &TableLayout {
        &self.layout
    }

    fn layout_mut(&mut self) -> &mut TableLayout {
        &mut self.layout
    }

    fn query_bound_each(
        &mut self,
        sql: &str,
        texts: &[String],
        each: &mut dyn FnMut(&[Cell<'_>]),
    ) -> Result<(), EngineError> {
        let place = self.place.clone();
        let fail = |e: duckdb::Error| {
            let text = e.to_string();
            if text.contains("INTERRUPT") || text.contains("nterrupted") {
                EngineError::Interrupted
            } else {
                EngineError::Failed(failed(&place, &e))
            }
        };
        let mut statement = self.connection.prepare(sql).map_err(fail)?;
        // Column by column, a chunk of rows at a time, as DuckDB hands them over (Arrow):
        // reading millions of bins through the row API cost a second of a wide view.
        let params = duckdb::params_from_iter(texts.iter());
        for batch in statement.stream_arrow(params).map_err(fail)? {
            let batch = batch.map_err(fail)?;
            let columns: Vec<Column<'_>> = batch.columns().iter().map(Column::of).collect();
            let mut cells = Vec::with_capacity(columns.len());
            for row in 0..batch.num_rows() {
                cells.clear();
                cells.extend(columns.iter().map(|c| c.cell(row)));
                each(&cells);
            }
        }
        Ok(())
    }

    fn execute_batch(&mut self, sql: &str) -> Result<(), EngineError> {
        self.connection
            .execute_batch(sql)
            .map_err(|e| EngineError::Failed(failed(&self.place, &e)))
    }

    fn interrupter(&self) -> Interrupter {
        let handle = self.interrupt.clone();
        Arc::new(move || handle.interrupt())
    }
}

/// A result column as Arrow gives it, read as [`Cell`]s.
enum Column<'a> {
    Int(
        &'a dyn arrow::array::Array,
        fn(&dyn arrow::array::Array, usize) -> i64,
    ),
    Float(
        &'a dyn arrow::array::Array,
        fn(&dyn arrow::array::Array, usize) -> f64,
    ),
    Text(&'a arrow::array::StringArray),
    LargeText(&'a arrow::array::LargeStringArray),
    TextView(&'a arrow::array::StringViewArray),
    /// HUGEINT and DECIMAL: a whole number, or a number with `scale` decimals.
    Decimal(&'a arrow::array::Decimal128Array, i8),
    Other,
}

impl<'a> Column<'a> {
    fn of(array: &'a arrow::array::ArrayRef) -> Self {
        use arrow::array::AsArray as _;
        use arrow::datatypes::{
            DataType, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type,
            UInt8Type, UInt16Type, UInt32Type, UInt64Type,
        };
        let array: &dyn arrow::array::Array = array.as_ref();
        macro_rules! int {
            ($t:ty) => {
                Self::Int(array, |a, i| {
                    a.as_primitive::<$t>()
                        .value(i)
                        .try_into()
                        .unwrap_or(i64::MAX)
                })
            };
        }
        match array.data_type() {
            DataType::Int8 => int!(Int8Type),
            DataType::Int16 => int!(Int16Type),
            DataType::Int32 => int!(Int32Type),
            DataType::Int64 => int!(Int64Type),
            DataType::UInt8 => int!(UInt8Type),
            DataType::UInt16 => int!(UInt16Type),
            DataType::UInt32 => int!(UInt32Type),
            DataType::UInt64 => int!(UInt64Type),
            DataType::Float32 => Self::Float(array, |a, i| {
                a.as_primitive::<Float32Type>().value(i).into()
            }),
            DataType::Float64 => {
                Self::Float(array, |a, i| a.as_primitive::<Float64Type>().value(i))
            }
            DataType::Utf8 => Self::Text(array.as_string::<i32>()),
            DataType::LargeUtf8 => Self::LargeText(array.as_string::<i64>()),
            DataType::Utf8View => Self::TextView(array.as_string_view()),
            DataType::Decimal128(_, scale) => Self::Decimal(
                array.as_primitive::<arrow::datatypes::Decimal128Type>(),
                *scale,
            ),
            _ => Self::Other,
        }
    }

    fn cell(&self, row: usize) -> Cell<'a> {
        use arrow::array::Array as _;
        match *self {
            Self::Other => Cell::Null,
            Self::Decimal(a, _) if a.is_null(row) => Cell::Null,
            Self::Decimal(a, 0) => {
                Cell::Int(a.value(row).clamp(i64::MIN.into(), i64::MAX.into()) as i64)
            }
            Self::Decimal(a, scale) => Cell::Float(a.value(row) as f64 / 10f64.powi(scale.into())),
            Self::Int(a, _) | Self::Float(a, _) if a.is_null(row) => Cell::Null,
            Self::Int(a, value) => Cell::Int(value(a, row)),
            Self::Float(a, value) => Cell::Float(value(a, row)),
            Self::Text(a) if a.is_null(row) => Cell::Null,
            Self::Text(a) => Cell::Text(a.value(row)),
            Self::LargeText(a) if a.is_null(row) => Cell::Null,
            Self::LargeText(a) => Cell::Text(a.value(row)),
            Self::TextView(a) if a.is_null(row) => Cell::Null,
            Self::TextView(a) => Cell::Text(a.value(row)),
        }
    }
}
