//! Times the queries of a database source's first picture, one by one (a development aid):
//! `cargo run --release --features duckdb --example engine_split SOURCE`, where SOURCE is a
//! `duckdb:…` or `postgresql://…` source string.
use std::time::Instant;

fn main() {
    let Some(source) = std::env::args().nth(1) else {
        eprintln!("usage: engine_split SOURCE");
        return;
    };
    let t = Instant::now();
    // DuckDB's summaries are looked for in the folder SWIMLINE_SUMMARIES names, if any.
    let summaries = std::env::var_os("SWIMLINE_SUMMARIES").map(std::path::PathBuf::from);
    let mut opened = match swimline::source::connect::open_now(&source, summaries.as_deref()) {
        Ok(opened) => opened,
        Err(e) => return eprintln!("{e}"),
    };
    eprintln!(
        "connect and lanes: {:?} ({} lanes)",
        t.elapsed(),
        opened.lanes.len()
    );
    let (a, b) = swimline::source::window::extent_of(&opened.lanes).unwrap_or((0, 1));
    let plan = swimline::source::plan::Plan::for_view(a as f64, b as f64, 1290.0);
    eprintln!("whole extent: {plan:?}, {} bins a lane", plan.bins());
    let filter = swimline::source::sql::SqlFilter::default();
    let query = opened
        .engine
        .layout()
        .bins_sql(&filter, plan.w0, plan.w1, plan.bin_secs);
    let t = Instant::now();
    let counted = opened.engine.query_bound(&swimline::source::sql::Query {
        sql: format!("SELECT count(*) FROM ({}) AS q", query.sql),
        texts: query.texts.clone(),
    });
    eprintln!(
        "bins counted by the engine alone: {:?} ({counted:?})",
        t.elapsed()
    );
    let t = Instant::now();
    let mut rows = 0u64;
    let read = opened.engine.query_bins(&query, &mut |_, _, _| rows += 1);
    eprintln!("bins read: {:?} ({rows} rows, {read:?})", t.elapsed());
    let t = Instant::now();
    let request = swimline::source::window::Request {
        plan,
        filter,
        fine: None,
    };
    match swimline::source::window::fetch_window(opened.engine.as_mut(), &request) {
        Ok(answer) => eprintln!(
            "the whole window (bins into lanes, then events): {:?} ({} events)",
            t.elapsed(),
            answer.events.len()
        ),
        Err(e) => eprintln!("{e}"),
    }
    // As the window asks: the first 40 lanes (those on screen) fine, the rest coarse.
    let fine: Vec<String> = opened
        .lanes
        .iter()
        .take(40)
        .map(|l| l.name.clone())
        .collect();
    let request = swimline::source::window::Request {
        fine: Some(fine),
        ..request
    };
    let query = opened.engine.layout().bins_sql_for(
        &request.filter,
        plan.w0,
        plan.w1,
        plan.bin_secs,
        request.fine.as_deref().map(|f| {
            (
                f,
                opened
                    .engine
                    .layout()
                    .coarse_shift_for(&request.filter, plan.bin_secs),
            )
        }),
    );
    if std::env::var_os("SWIMLINE_SQL").is_some() {
        println!("{};", opened.engine.layout().lanes_sql());
        println!("{}; -- {:?}", query.sql, query.texts);
    }
    let t = Instant::now();
    match swimline::source::window::fetch_window(opened.engine.as_mut(), &request) {
        Ok(answer) => eprintln!(
            "the window with 40 lanes fine: {:?} ({} events)",
            t.elapsed(),
            answer.events.len()
        ),
        Err(e) => eprintln!("{e}"),
    }
}
