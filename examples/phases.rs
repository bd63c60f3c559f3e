//! Times the phases of loading a file (a development aid):
//! `cargo run --release --example phases FILE`.
//! With `PHASES_PATH=1` the file is loaded as the app loads it (`load_path`: a large table is
//! read from the disk in pieces), and only the load and the index are timed.
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: phases FILE");
        return;
    };
    eprintln!(
        "sizes: Event view {} EventDraft {} TimeSpec {} Endpoint {} FuzzyDate {} Source {} ResolvedTime {}",
        std::mem::size_of::<swimline::model::Event>(),
        std::mem::size_of::<swimline::model::EventDraft>(),
        std::mem::size_of::<swimline::model::TimeSpec>(),
        std::mem::size_of::<swimline::model::Endpoint>(),
        std::mem::size_of::<swimline::model::FuzzyDate>(),
        std::mem::size_of::<swimline::model::Source>(),
        std::mem::size_of::<swimline::model::ResolvedTime>(),
    );
    if std::env::var_os("PHASES_PATH").is_some() {
        let t = Instant::now();
        let loaded = swimline::io::load_path(std::path::Path::new(&path));
        eprintln!("load_path {:?}", t.elapsed());
        if let Ok(l) = loaded {
            let t = Instant::now();
            let index = swimline::layout::TimelineIndex::build(&l.dataset);
            eprintln!("index {:?} ({} lanes)", t.elapsed(), index.lanes.len());
        }
        return;
    }
    let t = Instant::now();
    let bytes = std::fs::read(&path).unwrap_or_default();
    eprintln!("read {:?}", t.elapsed());
    let t = Instant::now();
    let loaded = swimline::io::load_bytes(&path, &bytes);
    eprintln!("load_bytes {:?}", t.elapsed());
    let Ok((dataset, _, _)) = loaded else { return };
    let t = Instant::now();
    let index = swimline::layout::TimelineIndex::build(&dataset);
    eprintln!("index {:?} ({} lanes)", t.elapsed(), index.lanes.len());
    let n = dataset.events.len().max(1);
    let index_bytes: usize = index
        .lanes
        .iter()
        .map(|l| l.events.capacity() * 4 + (l.earliest.capacity() + l.latest.capacity()) * 8)
        .sum();
    eprintln!(
        "bytes per event: events {} (store), index {}",
        dataset.events.heap_bytes() / n,
        index_bytes / n
    );
    let t = Instant::now();
    drop(dataset);
    eprintln!("drop {:?}", t.elapsed());
}
