//! The details panel of the selected event: what, when (as written and resolved, in words),
//! who, the source and its quote, and the linked events, which select on click. Each section
//! is its own function, drawn in the order [`details_ui`] lists them.

use egui::{RichText, Ui};

pub use super::context::DetailsInput;
use super::context::section_ui;
use crate::export::theme;
use crate::model::words::{endpoint_words, time_words};
use crate::model::{Dataset, Event, Source};
use crate::ui::command::Command;

/// Draws the details of the selected event, and your notes on it.
pub fn details_ui(ui: &mut Ui, input: &DetailsInput<'_>, commands: &mut Vec<Command>) {
    let Some(event) = input.dataset.events.get(input.selected) else {
        return;
    };
    egui::ScrollArea::vertical().show(ui, |ui| {
        heading_ui(ui, commands);
        title_ui(ui, input, event, commands);
        kind_ui(ui, event);
        when_ui(ui, input, event);
        actors_ui(ui, input.dataset, event);
        if let Some(source) = &event.source() {
            let kept = input
                .notes
                .notes
                .quote_in_report(event.id())
                .map(|_| event.id());
            source_ui(ui, source, kept, commands);
        }
        file_notes_ui(ui, event);
        linked_events_ui(ui, input, commands);
        super::your_notes::your_notes_ui(ui, input, commands);
        ui.add_space(8.0);
        ui.weak(format!("id: {}", event.id()));
    });
}

/// "Details", with the Close button on the right, over a separator.
fn heading_ui(ui: &mut Ui, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading("Details");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close").on_hover_text("Esc").clicked() {
                commands.push(Command::Select(None));
            }
        });
    });
    ui.separator();
}

/// The star and the event's title.
fn title_ui(ui: &mut Ui, input: &DetailsInput<'_>, event: Event<'_>, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        super::your_notes::star_button_ui(ui, input, commands);
        // A long title wraps: it never pushes the panel wider.
        ui.add(
            egui::Label::new(
                RichText::new(crate::ui::bidi::visual_order(event.title()))
                    .size(17.0)
                    .strong(),
            )
            .wrap(),
        );
    });
}

/// The event's kind: its marker and its name, in its colour.
fn kind_ui(ui: &mut Ui, event: Event<'_>) {
    ui.horizontal(|ui| {
        let color = theme::kind_color(event.kind(), ui.visuals());
        let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
        crate::ui::paint::paint_marker(ui.painter(), rect.center(), event.kind(), color, 5.5, None);
        ui.colored_label(color, RichText::new(event.kind().name()).strong());
    });
}

/// When: in words, each end resolved, as written, and on the shown zone's clocks.
fn when_ui(ui: &mut Ui, input: &DetailsInput<'_>, event: Event<'_>) {
    let dataset = input.dataset;
    section_ui(ui, "When");
    ui.label(RichText::new(event.when().describe()).strong());
    match &event.time().end {
        None => {
            ui.label(endpoint_words(dataset, &event.time().start));
        }
        Some(end) => {
            ui.label(format!(
                "Start: {}",
                endpoint_words(dataset, &event.time().start)
            ));
            ui.label(format!("End: {}", endpoint_words(dataset, end)));
        }
    }
    ui.horizontal(|ui| {
        ui.weak("As written:");
        ui.code(event.time().to_string());
    });
    if input.zone != crate::model::ShownZone::Utc {
        for line in zoned_words(&event.time(), input.zone) {
            ui.label(line);
        }
    }
}

/// The event's lanes, each with its colour, under the dataset's word for them ("Actors",
/// "Sources").
fn actors_ui(ui: &mut Ui, dataset: &Dataset, event: Event<'_>) {
    section_ui(ui, dataset.lanes_word.heading());
    ui.horizontal_wrapped(|ui| {
        for &a in event.actors() {
            let a = a as usize;
            let actor = &dataset.actors[a];
            let color = theme::lane_color(actor.color, a);
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().rect_filled(swatch, 2.0, color);
            ui.label(&actor.name)
                .on_hover_text(actor.description.as_deref().unwrap_or(&actor.name));
        }
        if event.actors().is_empty() {
            ui.weak("none");
        }
    });
}

/// Who said it, where, when it was reported, the quote (with a button that opens the report it
/// was read from, for your own event `kept_report_of` whose report the notes keep), and the
/// link (opened only when safe).
fn source_ui(
    ui: &mut Ui,
    source: &Source,
    kept_report_of: Option<&str>,
    commands: &mut Vec<Command>,
) {
    section_ui(ui, "Source");
    if let Some(by) = &source.by {
        ui.label(format!("Said by: {by}"));
    }
    if let Some(outlet) = &source.outlet {
        ui.label(format!("Where: {outlet}"));
    }
    if let Some(reported) = &source.reported {
        ui.label(format!("Reported: {}", reported.describe()));
    }
    if let Some(quote) = &source.quote {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new(format!("“{quote}”")).italics());
        });
    }
    if let Some(id) = kept_report_of
        && ui
            .button("Open the report at this quote")
            .on_hover_text("The report's text, kept with your notes, in the reader")
            .clicked()
    {
        commands.push(Command::Reader(
            crate::ui::state::reader::ReaderCommand::OpenQuote(id.to_owned()),
        ));
    }
    if let Some(url) = &source.url {
        if is_openable_link(url) {
            ui.hyperlink(url);
        } else {
            ui.label(url).on_hover_text(
                "Not opened: only http, https and mailto links open in the browser.",
            );
        }
    }
}

/// What the file says besides: its description ("Notes"), its other columns ("More") and its
/// tags.
fn file_notes_ui(ui: &mut Ui, event: Event<'_>) {
    if let Some(description) = event.description() {
        section_ui(ui, "Notes");
        ui.label(description);
    }

    if !event.attributes().is_empty() {
        section_ui(ui, "More");
        egui::Grid::new("attributes")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                for (name, value) in event.attributes() {
                    ui.weak(name);
                    if value.starts_with("http://") || value.starts_with("https://") {
                        ui.hyperlink(value);
                    } else {
                        ui.label(value);
                    }
                    ui.end_row();
                }
            });
    }

    if !event.tags().is_empty() {
        section_ui(ui, "Tags");
        ui.horizontal_wrapped(|ui| {
            for tag in event.tags() {
                ui.label(RichText::new(tag).code());
            }
        });
    }
}

/// The file's links of the event, each with its verb; a click selects the other event.
fn linked_events_ui(ui: &mut Ui, input: &DetailsInput<'_>, commands: &mut Vec<Command>) {
    let (dataset, selected) = (input.dataset, input.selected);
    let related: Vec<(&str, usize, Option<&str>)> = dataset
        .links_of(selected)
        .map(|(l, other)| {
            let verb = if l.from == selected {
                l.kind.verb()
            } else {
                l.kind.inverse_verb()
            };
            (verb, other, l.note.as_deref())
        })
        .collect();
    if related.is_empty() {
        return;
    }
    section_ui(ui, "Linked events");
    for (verb, other, note) in related {
        ui.horizontal_wrapped(|ui| {
            ui.weak(format!("{verb}:"));
            let title = dataset.events.at(other).title();
            let link = ui.link(title);
            let link = match note {
                Some(note) => link.on_hover_text(note),
                None => link,
            };
            if link.clicked() {
                commands.push(Command::Select(Some(other)));
            }
        });
    }
}

/// The times of day of `time` on the clocks of `zone` (`In Europe/Kyiv: 24 Sep 2017 19:01:01
/// EEST (UTC+03:00)`), for each end written with a time of day. A date without one is a
/// calendar day, the same in every zone, and gets no line.
pub fn zoned_words(time: &crate::model::TimeSpec, zone: crate::model::ShownZone) -> Vec<String> {
    use crate::model::{Endpoint, Precision};
    let ends = [("", Some(&time.start)), ("End ", time.end.as_ref())];
    let has_end = time.end.is_some();
    ends.into_iter()
        .filter_map(|(which, end)| match end? {
            Endpoint::Date(d) if d.precision >= Precision::Hour => {
                let at = d.bounds().earliest.0;
                let which = if has_end && which.is_empty() {
                    "Start "
                } else {
                    which
                };
                Some(format!(
                    "{which}in {}: {}",
                    zone.name(),
                    zone.instant_words(at)
                ))
            }
            _ => None,
        })
        .map(|line| {
            let mut chars = line.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect()
}

/// Event `event` as text for a report: its title, kind and date in words with its precision,
/// the date as written, its actors, and its source with the quote.
pub fn event_as_text(dataset: &Dataset, event: usize) -> String {
    let Some(e) = dataset.events.get(event) else {
        return String::new();
    };
    let time = e.time();
    let precision = time_words(dataset, &time);
    let mut text = format!(
        "{}\n{} — {} ({precision})\nAs written: {time}\n",
        e.title(),
        e.kind().name(),
        e.when().describe()
    );
    let actors: Vec<&str> = e
        .actors()
        .iter()
        .map(|&a| dataset.actors[a as usize].name.as_str())
        .collect();
    if !actors.is_empty() {
        text.push_str(&format!(
            "{}: {}\n",
            dataset.lanes_word.heading(),
            actors.join(", ")
        ));
    }
    if let Some(s) = e.source() {
        let mut parts = Vec::new();
        if let Some(by) = &s.by {
            parts.push(by.clone());
        }
        if let Some(outlet) = &s.outlet {
            parts.push(outlet.clone());
        }
        if let Some(reported) = &s.reported {
            parts.push(format!("reported {}", reported.describe()));
        }
        if !parts.is_empty() {
            text.push_str(&format!("Source: {}\n", parts.join(", ")));
        }
        if let Some(quote) = &s.quote {
            text.push_str(&format!("\u{201c}{quote}\u{201d}\n"));
        }
        if let Some(url) = &s.url {
            text.push_str(&format!("{url}\n"));
        }
    }
    text
}

/// Whether a source's link may open in the browser: `http://`, `https://` and `mailto:` only
/// (any case), never a `file:`, `javascript:` or an application's own scheme, nor text with
/// spaces or control characters in it.
pub fn is_openable_link(url: &str) -> bool {
    let url = url.trim();
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => rest
            .strip_prefix("//")
            .is_some_and(|host| !host.is_empty() && !host.starts_with('/')),
        "mailto" => rest.contains('@'),
        _ => false,
    }
}

#[cfg(test)]
mod link_tests {
    use super::is_openable_link;

    #[test]
    fn only_web_and_mail_links_open() {
        for url in [
            "https://www.reuters.com/article/x",
            "HTTP://example.org",
            "http://[::1]:8080/a?b=c#d",
            "mailto:desk@example.org",
            "  https://example.org/trimmed  ",
        ] {
            assert!(is_openable_link(url), "{url}");
        }
        for url in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "smb://server/share",
            "vscode://open?x",
            "ms-settings:privacy",
            "https:///no-host",
            "https:example.org",
            "mailto:",
            "example.org",
            "https://exa mple.org",
            "https://example.org/\u{0}",
            "",
        ] {
            assert!(!is_openable_link(url), "{url}");
        }
    }
}
