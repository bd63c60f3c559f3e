//! The page's column of lane names: how wide it grows, and each lane's name, wrapped or cut to
//! fit, with its swatch and group.

use std::fmt::Write as _;

use super::FAR_RIGHT;
use crate::export::svg::{Writer, esc};
use crate::export::theme::color;
use crate::layout::metrics::{LANE_HEADER_WIDTH, LANE_PADDING, ROW_HEIGHT, SWATCH_WIDTH};
use crate::layout::scene::{Area, Pt, Scene};

/// The widest the page's column of lane names grows, in points (the report's is
/// `LANE_HEADER_WIDTH`): a name longer than this wraps onto a second line where its row has
/// the room, else is cut with an ellipsis; the full name is the header's tooltip.
pub const MAX_HEADER_WIDTH: f32 = 340.0;

/// Size of a lane's name, in points (bold).
const NAME_FONT_SIZE: f32 = 13.0;

/// A bold character of a lane's name, as a share of its size: wider than the report's estimate
/// (0.53), since the browser's sans-serif (DejaVu Sans Bold on Debian) averages about 0.66.
const NAME_CHAR: f32 = 0.68;

/// Room the name leaves in its column: the swatch, 8 points before the name, 8 after.
const NAME_PADDING: f32 = SWATCH_WIDTH + 16.0;

/// Width of a lane name at [`NAME_FONT_SIZE`], by the wide estimate of a bold character.
pub(super) fn name_width(name: &str) -> f32 {
    name.chars().count() as f32 * NAME_FONT_SIZE * NAME_CHAR
}

/// Width of the page's column of lane names: the room the longest name of `scene` needs, at
/// least the report's and at most [`MAX_HEADER_WIDTH`].
pub fn header_width(scene: &Scene) -> f32 {
    scene
        .lanes
        .iter()
        .map(|r| name_width(&r.name) + NAME_PADDING)
        .fold(LANE_HEADER_WIDTH, f32::max)
        .min(MAX_HEADER_WIDTH)
}

/// The header of lane row `k`: its swatch and name (and group), over the time area's left, in
/// a column [`header_width`] wide; the full name is its tooltip.
pub(super) fn header(w: &mut Writer<'_>, scene: &Scene, k: usize, v: &egui::Visuals) {
    let Some(row) = scene.lanes.get(k) else {
        return;
    };
    let header = Area::new(
        0.0,
        row.top,
        scene.canvas.x0 + header_width(scene),
        row.top + row.height,
    );
    let _ = write!(w.out, "<g class=\"hd\"><title>{}</title>", esc(&row.name));
    w.rect(header, v.panel_fill, "");
    let swatch_x = scene.canvas.x0;
    w.rect(
        Area::new(swatch_x, header.y0, swatch_x + SWATCH_WIDTH, header.y1),
        color(row.color, v),
        "",
    );
    let rule = v.widgets.noninteractive.bg_stroke.color;
    w.line(
        Pt {
            x: header.x0,
            y: header.y1,
        },
        Pt {
            x: FAR_RIGHT,
            y: header.y1,
        },
        rule,
        1.0,
        " class=\"rule\"",
    );
    let name_x = swatch_x + SWATCH_WIDTH + 8.0;
    let room = header.x1 - 8.0 - name_x;
    let line = ROW_HEIGHT + LANE_PADDING - 2.0;
    let name_y = header.y0 + 2.0 + line / 2.0;
    // Two lines where the name needs them and the row holds them (the group's line, if any,
    // then goes).
    let lines = name_lines(
        &row.name,
        room,
        row.height >= 2.0 * NAME_FONT_SIZE + line / 2.0 + 6.0,
    );
    let two = lines.len() > 1;
    for (n, text) in lines.iter().enumerate() {
        let y = if two {
            name_y - NAME_FONT_SIZE * 0.1 + n as f32 * (NAME_FONT_SIZE + 3.0)
        } else {
            name_y
        };
        w.text(
            name_x,
            y,
            NAME_FONT_SIZE,
            v.strong_text_color(),
            text,
            " font-weight=\"bold\" class=\"nm\"",
        );
    }
    if let Some(text) = crate::export::svg::group_caption(row.group.as_ref()) {
        let y = name_y + (ROW_HEIGHT + LANE_PADDING) / 2.0 + 6.0;
        if !two && y + 6.0 < header.y1 {
            w.text(name_x, y, 10.5, v.weak_text_color(), &text, "");
        }
    }
    w.line(
        Pt {
            x: header.x1,
            y: header.y0,
        },
        Pt {
            x: header.x1,
            y: header.y1,
        },
        rule,
        1.0,
        "",
    );
    w.out.push_str("</g>");
}

/// `name` as the lines of a header `room` points wide: one when it fits; else two broken at
/// the space that best fits, when `is_two_allowed`; the last line cut with an ellipsis when it
/// still does not fit.
pub(super) fn name_lines(name: &str, room: f32, is_two_allowed: bool) -> Vec<String> {
    if name_width(name) <= room {
        return vec![name.to_owned()];
    }
    let cut = |text: &str| -> String {
        if name_width(text) <= room {
            return text.to_owned();
        }
        let chars = ((room / (NAME_FONT_SIZE * NAME_CHAR)).floor() as usize).saturating_sub(1);
        let mut out: String = text.chars().take(chars).collect();
        out.truncate(out.trim_end().len());
        out.push('…');
        out
    };
    if is_two_allowed {
        // The last space whose first line fits.
        let split = name
            .char_indices()
            .rev()
            .find(|&(at, c)| c == ' ' && name_width(&name[..at]) <= room)
            .map(|(at, _)| at);
        if let Some(at) = split {
            return vec![name[..at].to_owned(), cut(name[at..].trim_start())];
        }
    }
    vec![cut(name)]
}

#[cfg(test)]
mod tests {
    use super::{MAX_HEADER_WIDTH, NAME_PADDING, name_lines, name_width};

    #[test]
    fn a_name_that_fits_is_one_line_whole() {
        let room = name_width("US forces in Afghanistan");
        assert_eq!(
            name_lines("US forces in Afghanistan", room, false),
            vec!["US forces in Afghanistan"]
        );
    }

    #[test]
    fn a_name_past_the_widest_column_wraps_where_the_row_holds_two_lines_else_is_cut() {
        let name = "Coalition of the willing and the reluctant, northern provinces";
        let room = MAX_HEADER_WIDTH - NAME_PADDING;
        assert!(name_width(name) > room);
        let two = name_lines(name, room, true);
        assert_eq!(two.len(), 2, "{two:?}");
        assert!(two.iter().all(|l| name_width(l) <= room), "{two:?}");
        assert!(name.starts_with(&two[0]), "{two:?}");
        let one = name_lines(name, room, false);
        assert_eq!(one.len(), 1);
        assert!(
            one[0].ends_with('…') && name_width(&one[0]) <= room,
            "{one:?}"
        );
    }
}
