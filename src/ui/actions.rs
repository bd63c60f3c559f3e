//! What the user can ask for by a menu item or a key, each defined once: its menu text, hover
//! text, keys and line in the help list (rerun's `re_ui::UICommand` is the model). The key
//! bindings (`app/keys.rs`), the menus' items, hints and hover texts (`app/menu_bar.rs`) and the
//! F1 list (`app/windows.rs`) are built from [`TABLE`]; a test holds README.md's keyboard table
//! to it.
//!
//! This module does not say what an action does to the app (that needs the app's state: the
//! selection, what is open); `app/keys.rs` turns an [`Action`] into [`crate::ui::command::Command`]s.
//! Menu items whose text or hover text changes with the state (Open recent, the sheets, Make the
//! summary) stay in the menus.

use Scope::{Anywhere, SearchBox, Timeline};
use egui::{Key, KeyboardShortcut, ModifierNames, Modifiers};

/// One thing the user can ask for by a menu item, a key, or both. The order is [`TABLE`]'s:
/// the help list's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// Open a file (File ▸ Open…).
    Open,
    /// Export the timeline as a report (the export window).
    ExportTimeline,
    /// Export a screenshot of the window.
    ExportScreenshot,
    /// Copy the selected event as text.
    CopyEvent,
    /// Copy the timeline as an image.
    CopyImage,
    /// Star the selected event, or take its star off.
    Star,
    /// Take back the last change to the notes.
    Undo,
    /// Do the change taken back again.
    Redo,
    /// Give the search box the keyboard.
    Search,
    /// In the search box: select the next match in time.
    NextMatch,
    /// In the search box: select the previous match in time.
    PreviousMatch,
    /// Zoom to fit every event.
    ZoomToFit,
    /// Fit most events, leaving strays outside.
    FitBulk,
    /// Show or hide the table of events (View ▸ Events).
    Events,
    /// Pan back in time.
    PanLeft,
    /// Pan forward in time.
    PanRight,
    /// Scroll the lanes up.
    ScrollUp,
    /// Scroll the lanes down.
    ScrollDown,
    /// Zoom in around the centre.
    ZoomIn,
    /// Zoom out around the centre.
    ZoomOut,
    /// Select the next event in time.
    NextEvent,
    /// Select the previous event in time.
    PreviousEvent,
    /// Close what is open on top, else clear the selection.
    Escape,
    /// Show or hide the list of keys and mouse gestures.
    Help,
    /// Read a news report into draft events.
    ReadReport,
    /// Open a database (DuckDB or PostgreSQL).
    OpenDatabase,
    /// Open the built-in dataset.
    OpenExample,
    /// Export the events shown as data.
    ExportData,
    /// Export the starred events as a brief.
    ExportBrief,
    /// A new event of the user's own.
    NewEvent,
    /// Link the selected event to another.
    LinkEvent,
    /// Leave "around this event" for the whole dataset.
    BackToEverything,
    /// Quit Swimline.
    Quit,
}

/// Where a key does its action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Anywhere in the window, even while a text box has the keyboard (it has a modifier or is
    /// no text key).
    Anywhere,
    /// While no text box has the keyboard (the text box would use the key itself).
    Timeline,
    /// In the search box, which reads the key itself.
    SearchBox,
}

/// A key that does an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Binding {
    /// The key and its modifiers. Extra Shift and Alt are ignored when matching (egui's
    /// `matches_logically`), which is why [`listen_order`] puts the most specific keys first.
    pub(crate) shortcut: KeyboardShortcut,
    /// Where the key works.
    pub(crate) scope: Scope,
    /// Listed in menus, the help list and the README; `false` for a second key a keyboard
    /// layout may send for the same press (`=` for `+`, `Shift+/` for `?`).
    pub(crate) is_listed: bool,
}

/// How an action appears in the help list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Help {
    /// A line of its own: the action's keys, then these words.
    Line(&'static str),
    /// On the line of the action before it in [`TABLE`], its keys after a " / " (as in
    /// "Ctrl+Z / Ctrl+Shift+Z": undo / redo).
    WithPrevious,
    /// Not in the list (a menu item with no key).
    None,
}

/// One action, defined once.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Def {
    /// The action this row defines; row `i` defines the action whose discriminant is `i`.
    pub(crate) action: Action,
    /// Its name: the menu item's text.
    pub(crate) text: &'static str,
    /// The menu item's hover text, if it has one.
    pub(crate) tooltip: Option<&'static str>,
    /// Its keys; the first listed one is shown beside the menu item.
    pub(crate) keys: &'static [Binding],
    /// Its place in the help list.
    pub(crate) help: Help,
}

/// `Ctrl` (`Cmd` on a Mac).
const CTRL: Modifiers = Modifiers::COMMAND;
/// `Ctrl+Shift` (`Cmd+Shift` on a Mac).
const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
/// No modifier.
const NONE: Modifiers = Modifiers::NONE;
/// `Shift`.
const SHIFT: Modifiers = Modifiers::SHIFT;

/// A listed key that works in `scope`.
const fn key(scope: Scope, modifiers: Modifiers, logical_key: Key) -> Binding {
    Binding {
        shortcut: KeyboardShortcut::new(modifiers, logical_key),
        scope,
        is_listed: true,
    }
}

/// A key that does the same as a listed one, not listed itself.
const fn also(scope: Scope, modifiers: Modifiers, logical_key: Key) -> Binding {
    Binding {
        is_listed: false,
        ..key(scope, modifiers, logical_key)
    }
}

/// Every action, in [`Action`]'s order (checked when compiling): text, hover text, keys, help.
pub(crate) const TABLE: &[Def] = &[
    Def {
        action: Action::Open,
        text: "Open…",
        tooltip: None,
        keys: &[key(Anywhere, CTRL, Key::O)],
        help: Help::Line("open a file"),
    },
    Def {
        action: Action::ExportTimeline,
        text: "Export the timeline…",
        tooltip: Some(
            "The time in view and every lane, as PNG, SVG or PDF, with a title, legend and a key \
             to uncertain dates",
        ),
        keys: &[key(Anywhere, CTRL, Key::E)],
        help: Help::Line("export the timeline: PNG, SVG or PDF with title, legend and key"),
    },
    Def {
        action: Action::ExportScreenshot,
        text: "Export screenshot…",
        tooltip: None,
        keys: &[key(Anywhere, CTRL_SHIFT, Key::S)],
        help: Help::Line("export a screenshot of the window"),
    },
    Def {
        action: Action::CopyEvent,
        text: "Copy the event",
        tooltip: None,
        // Also the copy event a Ctrl+C sends (`app/keys.rs`).
        keys: &[key(Timeline, CTRL, Key::C)],
        help: Help::Line("copy the selected event as text: title, date, actors, source and quote"),
    },
    Def {
        action: Action::CopyImage,
        text: "Copy the timeline as an image",
        tooltip: None,
        keys: &[key(Anywhere, CTRL_SHIFT, Key::C)],
        help: Help::Line("copy the timeline as an image"),
    },
    Def {
        action: Action::Star,
        text: "Star",
        tooltip: None,
        keys: &[key(Timeline, NONE, Key::S)],
        help: Help::Line("star the selected event (or take its star off)"),
    },
    Def {
        action: Action::Undo,
        text: "Undo",
        tooltip: None,
        keys: &[key(Timeline, CTRL, Key::Z)],
        help: Help::Line(
            "undo / redo a change to your notes (stars, tags, notes, your events and links)",
        ),
    },
    Def {
        action: Action::Redo,
        text: "Redo",
        tooltip: None,
        // Ctrl+Y as on Windows.
        keys: &[
            key(Timeline, CTRL_SHIFT, Key::Z),
            key(Timeline, CTRL, Key::Y),
        ],
        help: Help::WithPrevious,
    },
    Def {
        action: Action::Search,
        text: "Search",
        tooltip: None,
        keys: &[key(Anywhere, CTRL, Key::F)],
        help: Help::Line("search"),
    },
    Def {
        action: Action::NextMatch,
        text: "Next match",
        tooltip: None,
        keys: &[key(SearchBox, NONE, Key::Enter)],
        help: Help::Line("in the search box: next / previous match"),
    },
    Def {
        action: Action::PreviousMatch,
        text: "Previous match",
        tooltip: None,
        keys: &[key(SearchBox, SHIFT, Key::Enter)],
        help: Help::WithPrevious,
    },
    Def {
        action: Action::ZoomToFit,
        text: "Zoom to fit",
        tooltip: None,
        keys: &[key(Timeline, NONE, Key::F), key(Timeline, NONE, Key::Home)],
        help: Help::Line("zoom to fit"),
    },
    Def {
        action: Action::FitBulk,
        text: "Fit the bulk",
        tooltip: Some(
            "Fit most events, leaving strays far from the rest outside; the status bar says how \
             many",
        ),
        keys: &[key(Timeline, SHIFT, Key::F)],
        help: Help::Line(
            "fit the bulk: leave strays far from the rest outside (the status bar counts them)",
        ),
    },
    Def {
        action: Action::Events,
        text: "Events",
        tooltip: Some(
            "The table of the events shown: sort by any column; a click on a row selects its \
             event and brings it into view",
        ),
        keys: &[key(Timeline, NONE, Key::T)],
        help: Help::Line("the table of events shown (sortable; a row selects its event)"),
    },
    Def {
        action: Action::PanLeft,
        text: "Pan left",
        tooltip: None,
        keys: &[key(Timeline, NONE, Key::ArrowLeft)],
        help: Help::Line("pan"),
    },
    Def {
        action: Action::PanRight,
        text: "Pan right",
        tooltip: None,
        keys: &[key(Timeline, NONE, Key::ArrowRight)],
        help: Help::WithPrevious,
    },
    Def {
        action: Action::ScrollUp,
        text: "Scroll the lanes up",
        tooltip: None,
        keys: &[key(Timeline, NONE, Key::ArrowUp)],
        help: Help::Line("scroll the lanes"),
    },
    Def {
        action: Action::ScrollDown,
        text: "Scroll the lanes down",
        tooltip: None,
        keys: &[key(Timeline, NONE, Key::ArrowDown)],
        help: Help::WithPrevious,
    },
    Def {
        action: Action::ZoomIn,
        text: "Zoom in",
        tooltip: None,
        // `=` is the `+` key without Shift on most layouts.
        keys: &[
            key(Timeline, NONE, Key::Plus),
            also(Timeline, NONE, Key::Equals),
            also(Timeline, SHIFT, Key::Equals),
        ],
        help: Help::Line("zoom in / out around the centre"),
    },
    Def {
        action: Action::ZoomOut,
        text: "Zoom out",
        tooltip: None,
        keys: &[key(Timeline, NONE, Key::Minus)],
        help: Help::WithPrevious,
    },
    Def {
        action: Action::NextEvent,
        text: "Next event",
        tooltip: None,
        keys: &[key(Timeline, NONE, Key::Tab)],
        help: Help::Line("select the next / previous event in time"),
    },
    Def {
        action: Action::PreviousEvent,
        text: "Previous event",
        tooltip: None,
        keys: &[key(Timeline, SHIFT, Key::Tab)],
        help: Help::WithPrevious,
    },
    Def {
        action: Action::Escape,
        text: "Close or clear",
        tooltip: None,
        keys: &[key(Timeline, NONE, Key::Escape)],
        help: Help::Line("clear the selection; close this list, a pile's list, a dialog"),
    },
    Def {
        action: Action::Help,
        text: "Keyboard and mouse",
        tooltip: None,
        // `?` is `Shift+/` on most layouts, and arrives as either.
        keys: &[
            key(Anywhere, NONE, Key::F1),
            key(Timeline, NONE, Key::Questionmark),
            also(Timeline, SHIFT, Key::Questionmark),
            also(Timeline, SHIFT, Key::Slash),
        ],
        help: Help::Line("this list"),
    },
    Def {
        action: Action::ReadReport,
        text: "Read a report…",
        tooltip: Some(
            "A news report or statement (text, Markdown, HTML, Word, PDF): Swimline proposes \
             dated, sourced draft events; you confirm, edit or drop each one",
        ),
        keys: &[],
        help: Help::None,
    },
    Def {
        action: Action::OpenDatabase,
        text: "Open database…",
        tooltip: Some(
            "A DuckDB file (Parquet, CSV, .duckdb) or a PostgreSQL table, asked only for the time \
             in view",
        ),
        keys: &[],
        help: Help::None,
    },
    Def {
        action: Action::OpenExample,
        text: "Open the example",
        tooltip: Some("The built-in dataset: a 2018 report on Russia and the Taliban"),
        keys: &[],
        help: Help::None,
    },
    Def {
        action: Action::ExportData,
        text: "Export data…",
        tooltip: Some(
            "The events shown (after the filter and the search) as Swimline JSON or CSV, to open \
             again or share",
        ),
        keys: &[],
        help: Help::None,
    },
    Def {
        action: Action::ExportBrief,
        text: "Export brief…",
        tooltip: Some(
            "The events you starred, in time order, with their dates in words, actors, sources \
             and quotes and your notes: Markdown or HTML",
        ),
        keys: &[],
        help: Help::None,
    },
    Def {
        action: Action::NewEvent,
        text: "New…",
        tooltip: Some("An event of your own (or double-click a lane at its time)"),
        keys: &[],
        help: Help::None,
    },
    Def {
        action: Action::LinkEvent,
        text: "Link to another event…",
        tooltip: None,
        keys: &[],
        help: Help::None,
    },
    Def {
        action: Action::BackToEverything,
        text: "Back to everything",
        tooltip: None,
        keys: &[],
        help: Help::None,
    },
    Def {
        action: Action::Quit,
        text: "Quit",
        tooltip: None,
        keys: &[],
        help: Help::None,
    },
];

/// The last action: [`TABLE`] has one row per action up to it.
const LAST: Action = Action::Quit;

// Row `i` of the table defines the action numbered `i`, and every action has a row, so
// `Action::def` can index the table.
const _: () = {
    assert!(TABLE.len() == LAST as usize + 1, "one row per action");
    let mut i = 0;
    while i < TABLE.len() {
        assert!(
            TABLE[i].action as usize == i,
            "rows in the order of `Action`"
        );
        i += 1;
    }
};

/// The mouse's part of the help list: gestures and what they do.
pub(crate) const MOUSE_HELP: &[(&str, &str)] = &[
    ("drag", "pan"),
    ("wheel", "zoom around the pointer"),
    ("Shift+wheel / Alt+wheel", "pan / scroll the lanes"),
    (
        "double-click a lane",
        "a new event of your own there, at that time (on the axis: zoom to fit)",
    ),
    ("click", "select an event (its mark or its label)"),
    ("Alt+click", "follow the event's links, one after another"),
    (
        "drag a lane's name",
        "move the lane (View, Sort lanes: to sort them)",
    ),
    (
        "overview strip",
        "click or drag: move the view; drag an edge of the window: zoom",
    ),
];

impl Action {
    /// Its row of [`TABLE`].
    pub(crate) fn def(self) -> &'static Def {
        // In range: checked when compiling (above).
        &TABLE[self as usize]
    }

    /// The menu item's text.
    pub(crate) fn text(self) -> &'static str {
        self.def().text
    }

    /// The menu item's hover text, if any.
    pub(crate) fn tooltip(self) -> Option<&'static str> {
        self.def().tooltip
    }

    /// Its listed keys, the first shown beside its menu item.
    pub(crate) fn listed_keys(self) -> impl Iterator<Item = KeyboardShortcut> {
        self.def()
            .keys
            .iter()
            .filter(|b| b.is_listed)
            .map(|b| b.shortcut)
    }

    /// The key shown beside its menu item, if it has one.
    pub(crate) fn primary_key(self) -> Option<KeyboardShortcut> {
        self.listed_keys().next()
    }

    /// The key shown beside its menu item, written as in the help list (`Ctrl+E`); empty when
    /// it has none.
    pub(crate) fn key_text(self) -> String {
        self.primary_key().map(|k| key_text(&k)).unwrap_or_default()
    }

    /// A menu button: the text, with the key beside it as this computer writes keys (`⌘O` on a
    /// Mac).
    pub(crate) fn menu_button(self, ctx: &egui::Context) -> egui::Button<'static> {
        self.menu_button_with_text(ctx, self.text())
    }

    /// [`Self::menu_button`] with other words (Star: "Take the star off").
    pub(crate) fn menu_button_with_text(
        self,
        ctx: &egui::Context,
        text: &'static str,
    ) -> egui::Button<'static> {
        let button = egui::Button::new(text);
        match self.primary_key() {
            Some(shortcut) => button.shortcut_text(ctx.format_shortcut(&shortcut)),
            None => button,
        }
    }

    /// Consumes a press of one of its keys for `scope` from this frame's input, trying them in
    /// order; `true` when one was pressed.
    pub(crate) fn consume(self, input: &mut egui::InputState, scope: Scope) -> bool {
        self.def()
            .keys
            .iter()
            .filter(|b| b.scope == scope)
            .any(|b| input.consume_shortcut(&b.shortcut))
    }

    /// How many modifiers its most specific key in `scope` has.
    fn specificity(self, scope: Scope) -> u32 {
        self.def()
            .keys
            .iter()
            .filter(|b| b.scope == scope)
            .map(|b| modifier_count(b.shortcut.modifiers))
            .max()
            .unwrap_or(0)
    }
}

/// The action of a key pressed in the search box this frame, if any, most specific first
/// (Shift+Enter before Enter). The key is not consumed: the search box has had it already.
pub(crate) fn pressed_in_search_box(input: &egui::InputState) -> Option<Action> {
    listen_order(Scope::SearchBox).into_iter().find(|action| {
        action.def().keys.iter().any(|b| {
            b.scope == Scope::SearchBox
                && input.key_pressed(b.shortcut.logical_key)
                && input.modifiers.contains(b.shortcut.modifiers)
        })
    })
}

/// How many of Ctrl/Cmd, Alt and Shift are held in `modifiers`.
fn modifier_count(modifiers: Modifiers) -> u32 {
    u32::from(modifiers.command || modifiers.ctrl || modifiers.mac_cmd)
        + u32::from(modifiers.alt)
        + u32::from(modifiers.shift)
}

/// The actions with keys in `scope`, in the order to listen for them: those whose keys have
/// more modifiers first, since egui ignores an extra Shift or Alt (`Ctrl+Shift+Z` must be taken
/// as Redo before `Ctrl+Z` would take it as Undo; `Shift+F` before `F`, `Shift+Tab` before
/// `Tab`); otherwise in [`TABLE`]'s order.
pub(crate) fn listen_order(scope: Scope) -> Vec<Action> {
    let mut actions: Vec<Action> = TABLE
        .iter()
        .filter(|d| d.keys.iter().any(|b| b.scope == scope))
        .map(|d| d.action)
        .collect();
    actions.sort_by_key(|a| std::cmp::Reverse(a.specificity(scope)));
    actions
}

/// A key as the help list and the README write it: `Ctrl+Shift+Z`, `F1`, `Left`, `Esc`, `+`.
pub(crate) fn key_text(shortcut: &KeyboardShortcut) -> String {
    let mut text = ModifierNames::NAMES.format(&shortcut.modifiers, false);
    if !text.is_empty() {
        text.push('+');
    }
    text.push_str(match shortcut.logical_key {
        Key::Escape => "Esc",
        Key::Plus => "+",
        Key::Minus => "-",
        Key::Questionmark => "?",
        other => other.name(),
    });
    text
}

/// One line of the help list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HelpLine {
    /// The keys or the gesture: `F or Home`, `Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y`, `wheel`.
    pub(crate) keys: String,
    /// What they do.
    pub(crate) what: &'static str,
}

/// A line of the help list for keys, as keys rather than words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KeyLine {
    /// Per action on the line, in [`TABLE`]'s order, its listed keys.
    pub(crate) keys_per_action: Vec<Vec<KeyboardShortcut>>,
    /// What they do.
    pub(crate) what: &'static str,
}

impl KeyLine {
    /// The keys in words: one action's keys joined by " or ", the actions by " / "
    /// (`Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y`).
    pub(crate) fn keys_text(&self) -> String {
        self.keys_per_action
            .iter()
            .map(|keys| keys.iter().map(key_text).collect::<Vec<_>>().join(" or "))
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// The help list's lines for keys, from [`TABLE`].
pub(crate) fn key_lines() -> Vec<KeyLine> {
    let mut lines: Vec<KeyLine> = Vec::new();
    for def in TABLE {
        let keys: Vec<KeyboardShortcut> = def.action.listed_keys().collect();
        match (def.help, lines.last_mut()) {
            (Help::Line(what), _) => lines.push(KeyLine {
                keys_per_action: vec![keys],
                what,
            }),
            (Help::WithPrevious, Some(line)) => line.keys_per_action.push(keys),
            (Help::WithPrevious, None) | (Help::None, _) => {}
        }
    }
    lines
}

/// The help list (F1): the keys, from [`TABLE`], then the mouse.
pub(crate) fn help_lines() -> Vec<HelpLine> {
    let keys = key_lines().into_iter().map(|line| HelpLine {
        keys: line.keys_text(),
        what: line.what,
    });
    let mouse = MOUSE_HELP.iter().map(|(keys, what)| HelpLine {
        keys: (*keys).to_owned(),
        what,
    });
    keys.chain(mouse).collect()
}

#[cfg(test)]
mod tests {
    use super::{Action, Help, Scope, TABLE, help_lines, key_lines, key_text, listen_order};
    use egui::{Key, KeyboardShortcut, Modifiers};

    /// A key as the README writes it (`Ctrl+Shift+Z`, `←`, `Esc`, `+`), or `None`.
    fn parse_key(text: &str) -> Option<KeyboardShortcut> {
        let (modifier_words, key_word) = match text.rsplit_once('+') {
            Some(("", "")) => ("", "+"),
            Some((rest, key)) => (rest, key),
            None => ("", text),
        };
        let mut modifiers = Modifiers::NONE;
        for word in modifier_words.split('+').filter(|w| !w.is_empty()) {
            modifiers = modifiers.plus(match word {
                "Ctrl" => Modifiers::COMMAND,
                "Shift" => Modifiers::SHIFT,
                "Alt" => Modifiers::ALT,
                _ => return None,
            });
        }
        let key = match key_word {
            "←" => Key::ArrowLeft,
            "→" => Key::ArrowRight,
            "↑" => Key::ArrowUp,
            "↓" => Key::ArrowDown,
            other => Key::from_name(other)?,
        };
        Some(KeyboardShortcut::new(modifiers, key))
    }

    /// The rows of README.md's "Keyboard" table: per row, the keys written in its first cell
    /// (each between backquotes), as the help list writes them.
    fn readme_keyboard_rows() -> Vec<Vec<String>> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let readme =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut lines = readme
            .lines()
            .skip_while(|l| !l.starts_with("| Keyboard |"))
            .skip(2);
        let mut rows = Vec::new();
        for line in lines.by_ref().take_while(|l| l.starts_with('|')) {
            let first_cell = line.split('|').nth(1).unwrap_or_default();
            let keys = first_cell
                .split('`')
                .skip(1)
                .step_by(2)
                .map(|k| {
                    let shortcut = parse_key(k)
                        .unwrap_or_else(|| panic!("README: `{k}` is not a key: {line}"));
                    key_text(&shortcut)
                })
                .collect();
            rows.push(keys);
        }
        rows
    }

    /// The help list's lines of keys, each as a list of keys written as the help list does.
    fn table_keyboard_rows() -> Vec<Vec<String>> {
        key_lines()
            .iter()
            .map(|line| {
                line.keys_per_action
                    .iter()
                    .flatten()
                    .map(key_text)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_readme_keyboard_table_lists_the_keys_of_the_command_table() {
        let readme = readme_keyboard_rows();
        let table = table_keyboard_rows();
        assert!(readme.len() > 10, "README: keyboard table not found");
        // Every key the README lists is a listed key of an action, on the same line.
        for row in &readme {
            assert!(
                table.contains(row),
                "README lists {row:?}, which no help line of src/ui/actions.rs has: {table:?}"
            );
        }
        // Every action with a listed key is in the README, in the same order.
        for row in &table {
            assert!(
                readme.contains(row),
                "README's keyboard table lacks {row:?} (src/ui/actions.rs)"
            );
        }
        assert_eq!(readme, table, "README's keyboard table is in another order");
    }

    #[test]
    fn every_listed_key_is_in_the_help_list_and_reads_back() {
        let lines = help_lines();
        for def in TABLE {
            for binding in def.keys.iter().filter(|b| b.is_listed) {
                let text = key_text(&binding.shortcut);
                assert_eq!(parse_key(&text), Some(binding.shortcut), "{text}");
                assert!(
                    lines.iter().any(|l| l
                        .keys
                        .split(" / ")
                        .flat_map(|k| k.split(" or "))
                        .any(|k| k == text)),
                    "{text} ({:?}) is missing from the help list",
                    def.action
                );
            }
            if def.help == Help::None {
                assert!(def.keys.is_empty(), "{:?} has keys but no help", def.action);
            }
        }
        assert_eq!(lines[0].keys, "Ctrl+O");
        let undo = lines.iter().find(|l| l.what.starts_with("undo / redo"));
        assert_eq!(
            undo.map(|l| l.keys.as_str()),
            Some("Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y")
        );
        let fit = lines.iter().find(|l| l.what == "zoom to fit");
        assert_eq!(fit.map(|l| l.keys.as_str()), Some("F or Home"));
        let help = lines.iter().find(|l| l.what == "this list");
        assert_eq!(help.map(|l| l.keys.as_str()), Some("F1 or ?"));
    }

    #[test]
    fn no_key_does_two_things_in_one_place() {
        let mut seen: Vec<(KeyboardShortcut, Scope, Action)> = Vec::new();
        for def in TABLE {
            for b in def.keys {
                if let Some((_, _, other)) = seen
                    .iter()
                    .find(|(k, s, _)| *k == b.shortcut && *s == b.scope)
                {
                    panic!(
                        "{} does {other:?} and {:?}",
                        key_text(&b.shortcut),
                        def.action
                    );
                }
                seen.push((b.shortcut, b.scope, def.action));
            }
        }
    }

    /// egui matches a key ignoring an extra Shift or Alt, so a key whose press another action's
    /// key would also match must be listened for first.
    #[test]
    fn specific_keys_are_listened_for_before_the_keys_that_would_match_them() {
        for scope in [Scope::Anywhere, Scope::Timeline] {
            let order = listen_order(scope);
            let keys_of = |a: Action| -> Vec<KeyboardShortcut> {
                a.def()
                    .keys
                    .iter()
                    .filter(|b| b.scope == scope)
                    .map(|b| b.shortcut)
                    .collect()
            };
            for (i, &early) in order.iter().enumerate() {
                for &late in &order[i + 1..] {
                    for pressed in keys_of(late) {
                        for pattern in keys_of(early) {
                            let caught = pattern.logical_key == pressed.logical_key
                                && pressed.modifiers.matches_logically(pattern.modifiers);
                            assert!(
                                !caught,
                                "{} ({early:?}) would take {} ({late:?})",
                                key_text(&pattern),
                                key_text(&pressed)
                            );
                        }
                    }
                }
            }
            // The pairs this order exists for.
            let before = |early: Action, late: Action| {
                let at = |a: Action| order.iter().position(|&x| x == a);
                matches!((at(early), at(late)), (Some(e), Some(l)) if e < l)
            };
            if scope == Scope::Timeline {
                assert!(before(Action::Redo, Action::Undo));
                assert!(before(Action::FitBulk, Action::ZoomToFit));
                assert!(before(Action::PreviousEvent, Action::NextEvent));
            }
        }
    }
}
