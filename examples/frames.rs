//! `cargo run --release --example frames -- FILE N`: loads FILE and draws N headless frames of
//! the real UI (1920×1080, after two warm-up frames), for instruction counts under callgrind
//! (`valgrind --tool=callgrind`), which repeat exactly where wall time does not. Run it with
//! N = 0 and N = 30 and subtract: the rest is the frames'.

use std::path::Path;

use swimline::ui::{ScriptedDialogs, SwimlineApp};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(n)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: frames FILE N");
        std::process::exit(2);
    };
    let loaded = swimline::io::load_path(Path::new(path)).unwrap_or_else(|e| panic!("{e}"));
    let mut app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::default()));
    let ctx = egui::Context::default();
    let mut vertices = 0;
    for frame in 0..n + 2 {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1920.0, 1080.0),
            )),
            time: Some(frame as f64 / 60.0),
            ..Default::default()
        };
        let mut out = ctx.run_ui(input, |ui| app.ui_root(ui));
        out.textures_delta.clear();
        let primitives = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        vertices = primitives
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum::<usize>();
    }
    println!("{vertices} vertices in the last frame");
}
