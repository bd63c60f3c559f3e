//! What the event and link forms hold while they are open: the fields as typed, checked only
//! when the user saves; and what a typed date was understood as, in words, for the line under
//! a date field. No egui.

use crate::model::date::{DayOrder, read_typed_date, read_typed_time};
use crate::model::words::{endpoint_words, time_words};
use crate::model::{Dataset, Endpoint, EventKind, FuzzyDate, LinkKind};
use crate::notes::{OwnEvent, OwnLink};

/// What a date field's text was understood as: the notation it is stored in, and in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Understood {
    /// Swimline's notation (`2018-01-10`): what the notes file stores. The text as typed when
    /// it was notation already.
    pub notation: String,
    /// In words, with the precision: `10 January 2018, precise to the day`.
    pub words: String,
}

/// The time typed into an event's When field (notation, or a written date read with `order`),
/// or what was expected, in the user's words.
pub fn understood_time(
    dataset: &Dataset,
    text: &str,
    order: DayOrder,
) -> Result<Understood, String> {
    let typed = text.trim();
    let time = read_typed_time(typed, order).map_err(|e| e.message)?;
    let is_notation = typed.parse::<crate::model::TimeSpec>().is_ok();
    Ok(Understood {
        notation: if is_notation {
            typed.to_owned()
        } else {
            time.to_string()
        },
        words: time_words(dataset, &time),
    })
}

/// One date typed into a field (Filter ▸ Dates between, the export's dates), as
/// [`understood_time`]; with the date itself.
pub fn understood_date(text: &str, order: DayOrder) -> Result<(FuzzyDate, Understood), String> {
    let date = read_typed_date(text.trim(), order).map_err(|e| e.message)?;
    let words = endpoint_words(&Dataset::default(), &Endpoint::Date(date.clone()));
    let notation = date.to_string();
    Ok((date, Understood { notation, words }))
}

/// The form for one of your own events.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventForm {
    /// The event's id when editing one; `None` for a new one.
    pub id: Option<String>,
    /// What the form says.
    pub event: OwnEvent,
    /// A new lane's name, as typed.
    pub new_lane: String,
    /// Why the last save was refused.
    pub error: Option<String>,
    /// How `03/04/2018` is read in the When field: the form's switch.
    pub day_order: DayOrder,
}

impl EventForm {
    /// A new event, in the lane of `actor` and at `at` (a date as written) if given.
    pub fn new(dataset: &Dataset, actor: Option<usize>, at: Option<String>) -> Self {
        let time = at.unwrap_or_default();
        Self {
            event: OwnEvent {
                time,
                lanes: actor
                    .and_then(|a| dataset.actors.get(a))
                    .map(|a| vec![a.id.clone()])
                    .unwrap_or_default(),
                kind: EventKind::Action,
                ..OwnEvent::default()
            },
            ..Self::default()
        }
    }

    /// The form for editing your own event `id`.
    pub fn editing(id: &str, event: &OwnEvent) -> Self {
        Self {
            id: Some(id.to_owned()),
            event: event.clone(),
            ..Self::default()
        }
    }

    /// The event as it would be saved, or why not (in the user's words). A written date
    /// ("10 Jan 2018") is saved in Swimline's notation (`2018-01-10`).
    pub fn checked(&self, dataset: &Dataset) -> Result<OwnEvent, String> {
        let mut event = self.event.clone();
        event.title = event.title.trim().to_owned();
        event.time = event.time.trim().to_owned();
        if event.title.is_empty() {
            return Err("Title: expected a line that says what happened".to_owned());
        }
        if event.time.is_empty() {
            return Err(
                "When: expected a date, such as 2018-03, 2017-12~, 2016/2018 or @{russia-denies}+P2D"
                    .to_owned(),
            );
        }
        match understood_time(dataset, &event.time, self.day_order) {
            Ok(understood) => event.time = understood.notation,
            Err(e) => return Err(format!("When \"{}\": {e}", event.time)),
        }
        let lane = self.new_lane.trim();
        if !lane.is_empty() && !event.lanes.iter().any(|l| l == lane) {
            event.lanes.push(lane.to_owned());
        }
        Ok(event)
    }
}

/// The form for one of your own links, from one event to another.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkForm {
    /// The event it starts from (index).
    pub from: usize,
    /// The event it points to (index), once picked.
    pub to: Option<usize>,
    /// The relation.
    pub kind: LinkKind,
    /// Why.
    pub note: String,
    /// The text the list of events to pick from is narrowed by.
    pub query: String,
}

impl LinkForm {
    /// A link from event `from`, a denial by default when it is one.
    pub fn new(dataset: &Dataset, from: usize) -> Self {
        let kind = match dataset.events.get(from).map(|e| e.kind()) {
            Some(EventKind::Denial) => LinkKind::Denies,
            _ => LinkKind::RespondsTo,
        };
        Self {
            from,
            to: None,
            kind,
            note: String::new(),
            query: String::new(),
        }
    }

    /// The link as it would be saved, or why not.
    pub fn checked(&self, dataset: &Dataset) -> Result<OwnLink, String> {
        let to = self.to.ok_or("To: pick the event the link points to")?;
        if to == self.from {
            return Err("To: pick another event than the one the link starts from".to_owned());
        }
        let id = |i: usize| dataset.events.get(i).map(|e| e.id().to_owned());
        Ok(OwnLink {
            from: id(self.from).ok_or("From: that event is no longer there")?,
            to: id(to).ok_or("To: that event is no longer there")?,
            kind: self.kind,
            note: self.note.trim().to_owned(),
        })
    }
}

/// The mapping dialog: a table of its own layout, its first rows, and which column holds what.
#[derive(Clone, Debug, PartialEq)]
pub struct MappingForm {
    /// The file.
    pub path: std::path::PathBuf,
    /// Its header.
    pub header: Vec<String>,
    /// Its first rows.
    pub rows: Vec<Vec<String>>,
    /// The choices so far (guessed from the names to begin with).
    pub mapping: crate::io::Mapping,
    /// The zone of times of day written without an offset, as typed (empty: UTC).
    pub zone_text: String,
}

impl MappingForm {
    /// The dialog for `path`, each role guessed from the column names.
    pub fn guess(path: std::path::PathBuf, header: Vec<String>, rows: Vec<Vec<String>>) -> Self {
        let find = |words: &[&str]| {
            header
                .iter()
                .find(|h| {
                    let h = h.to_lowercase();
                    words.iter().any(|w| h == *w || h.contains(w))
                })
                .cloned()
        };
        let title = find(&[
            "title", "headline", "event", "name", "subject", "summary", "activity",
        ]);
        let start = find(&["start", "date", "when", "begin", "from", "time"]);
        let mapping = crate::io::Mapping {
            title: title.clone().unwrap_or_default(),
            start: start.clone().unwrap_or_default(),
            end: find(&["end", "until", "finish", "to"]).filter(|e| Some(e) != start.as_ref()),
            lanes: find(&[
                "actor", "who", "owner", "lane", "group", "country", "person",
            ])
            .into_iter()
            .collect(),
            kind: find(&["kind", "type"]),
            description: find(&["description", "notes", "text", "details"])
                .filter(|d| Some(d) != title.as_ref()),
            source: find(&["source", "author", "by"]),
            dates: crate::io::DateOrder::AsWritten,
            zone: None,
        };
        Self {
            path,
            header,
            rows,
            mapping,
            zone_text: String::new(),
        }
    }

    /// The mapping, or what is missing.
    pub fn checked(&self) -> Result<crate::io::Mapping, String> {
        if self.mapping.title.is_empty() {
            return Err("Title: pick the column that says what happened".to_owned());
        }
        if self.mapping.start.is_empty() {
            return Err("Start: pick the column with the date".to_owned());
        }
        let zone = match self.zone_text.trim() {
            "" => None,
            typed => match typed.parse::<chrono_tz::Tz>() {
                Ok(tz) => Some(tz.name().to_owned()),
                Err(_) => {
                    return Err(format!(
                        "Time zone: \"{typed}\" is not one; expected a name from the IANA \
                         database, as Europe/Kyiv, or nothing for UTC"
                    ));
                }
            },
        };
        Ok(crate::io::Mapping {
            zone,
            ..self.mapping.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{EventForm, LinkForm, MappingForm};

    #[test]
    fn the_mapping_dialog_guesses_from_the_names() {
        let header = ["id", "activity_name", "T0", "start", "end", "cost", "owner"]
            .map(str::to_owned)
            .to_vec();
        let form = MappingForm::guess("x.xlsx".into(), header, Vec::new());
        let m = &form.mapping;
        assert_eq!(
            (m.title.as_str(), m.start.as_str()),
            ("activity_name", "start")
        );
        assert_eq!(m.end.as_deref(), Some("end"));
        assert_eq!(m.lanes, ["owner"]);
        assert!(form.checked().is_ok());
    }
    use crate::io::load_default;

    #[test]
    fn a_written_date_is_saved_in_the_notation_and_said_in_words() {
        use super::{understood_date, understood_time};
        use crate::model::date::DayOrder;
        let dataset = load_default().map(|l| l.dataset).unwrap_or_default();
        let mut form = EventForm::new(&dataset, None, None);
        form.event.title = "Arms seen".into();
        for (typed, order, notation) in [
            ("10 Jan 2018", DayOrder::DayFirst, "2018-01-10"),
            ("03/04/2018", DayOrder::DayFirst, "2018-04-03"),
            ("03/04/2018", DayOrder::MonthFirst, "2018-03-04"),
            ("2017-12~", DayOrder::MonthFirst, "2017-12~"),
            (
                " 2018-01-04T01:30+04:00 ",
                DayOrder::DayFirst,
                "2018-01-04T01:30+04:00",
            ),
        ] {
            form.event.time = typed.into();
            form.day_order = order;
            let saved = form.checked(&dataset).map(|e| e.time);
            assert_eq!(saved.as_deref(), Ok(notation), "{typed}");
        }
        let said = understood_time(&dataset, "10 Jan 2018", DayOrder::DayFirst).map(|u| u.words);
        assert_eq!(said.as_deref(), Ok("10 January 2018, precise to the day"));
        let said = understood_date("January 2018", DayOrder::DayFirst).map(|(_, u)| u.words);
        assert_eq!(said.as_deref(), Ok("January 2018, precise to the month"));
        let said = understood_time(&dataset, "@{russia-denies}+P2D", DayOrder::DayFirst)
            .map(|u| u.words)
            .unwrap_or_default();
        assert!(
            said.starts_with("2 days after the start of “Russia denies"),
            "{said}"
        );
        let err = understood_date("10 Jan 18", DayOrder::DayFirst)
            .err()
            .unwrap_or_default();
        assert!(err.starts_with("write the year in full"), "{err}");
    }

    #[test]
    fn a_form_says_what_is_missing_in_the_users_words() {
        let dataset = load_default().map(|l| l.dataset).unwrap_or_default();
        let russia = dataset.actors.iter().position(|a| a.id == "russia");
        let mut form = EventForm::new(&dataset, russia, Some("2018-02".to_owned()));
        assert_eq!(form.event.time, "2018-02");
        assert_eq!(form.event.lanes, ["russia"]);
        assert_eq!(
            form.checked(&dataset).err().as_deref(),
            Some("Title: expected a line that says what happened")
        );
        form.event.title = " Arms seen ".into();
        form.event.time = "2018-02-31".into();
        let err = form.checked(&dataset).err().unwrap_or_default();
        assert!(err.starts_with("When \"2018-02-31\": "), "{err}");
        form.event.time = "@{russia-denies}+P2D".into();
        form.new_lane = "Analyst".into();
        let event = form.checked(&dataset).unwrap_or_default();
        assert_eq!(event.title, "Arms seen");
        assert_eq!(event.lanes, ["russia", "Analyst"]);
        assert_eq!(event.time, "@{russia-denies}+P2D");

        let denial = dataset.event_by_id("russia-denies").unwrap_or_default();
        let mut link = LinkForm::new(&dataset, denial);
        assert_eq!(link.kind, crate::model::LinkKind::Denies);
        assert!(link.checked(&dataset).is_err());
        link.to = Some(0);
        assert_eq!(
            link.checked(&dataset).map(|l| l.from),
            Ok("russia-denies".to_owned())
        );
    }
}
