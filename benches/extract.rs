//! `cargo bench --bench extract`: reading a report at a megabyte.
//!
//! Builds 1 MB of English report text (the seed report and the public-domain reports in
//! `tests/fixtures/reports/`, repeated) and measures, over seven runs each: the tagger alone,
//! the tagger and the draft events together, and — as the baseline measured in the same run —
//! a plain pass over the same text that splits it into words and lower-cases each (what any
//! tagger must at least do). Each figure is printed as `figure NAME VALUE UNIT` (medians), with
//! the ratio against the baseline. Then the tagger's scores on the development set
//! (`tests/fixtures/timeml/`), as `extract --score` prints them. Run on an idle machine.

use std::path::Path;
use std::time::{Duration, Instant};

use swimline::extract::timex_input::TimexSpan;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut parts =
        vec![std::fs::read_to_string(root.join("tests/fixtures/article.txt")).unwrap_or_default()];
    let mut names: Vec<_> = std::fs::read_dir(root.join("tests/fixtures/reports"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    for path in names {
        if path.extension().is_some_and(|e| e == "txt") {
            parts.push(std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
    let mut text = String::with_capacity(1 << 20);
    'fill: loop {
        for part in &parts {
            if text.len() >= 1 << 20 {
                break 'fill;
            }
            text.push_str(part);
            text.push('\n');
        }
    }
    let dct = chrono::NaiveDate::from_ymd_opt(2018, 3, 23).unwrap_or_default();
    let mb = text.len() as f64 / f64::from(1 << 20);
    println!("input: {mb:.2} MB of report text, {} parts", parts.len());

    let baseline = median_of(7, || {
        let words: usize = text
            .split_whitespace()
            .map(|w| w.to_lowercase().len())
            .sum();
        std::hint::black_box(words);
    });
    let mut expressions = 0;
    let tagging = median_of(7, || {
        expressions = swimline::extract::tag(&text, dct).len();
    });
    let mut drafted = 0;
    let reading = median_of(7, || {
        let timexes = swimline::extract::tag(&text, dct);
        let spans: Vec<TimexSpan> = timexes.iter().map(TimexSpan::from).collect();
        drafted = swimline::extract::drafts::drafts(&text, &spans, dct, &[]).len();
    });
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "figure extract_1mb_baseline_words_ms {:.1} ms",
        ms(baseline)
    );
    println!(
        "figure extract_1mb_tag_ms {:.1} ms ({expressions} expressions; {:.1}x the baseline)",
        ms(tagging),
        ms(tagging) / ms(baseline).max(1e-9)
    );
    println!(
        "figure extract_1mb_tag_and_drafts_ms {:.1} ms ({drafted} drafts; {:.1}x the baseline)",
        ms(reading),
        ms(reading) / ms(baseline).max(1e-9)
    );
    match swimline::extract::score::score_folder(&root.join("tests/fixtures/timeml")) {
        Ok(said) => print!("development set (tuned on, not held out): {said}"),
        Err(e) => println!("development set: {e}"),
    }
}

/// The median time of `runs` runs of `f`.
fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}
