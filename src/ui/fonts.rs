//! The window's fonts beyond egui's own: the bundled Vazirmatn for Arabic script (Persian,
//! Pashto, Urdu, Arabic) after egui's fonts, and the machine's fonts found per missing glyph
//! (egui's system font provider, started only when a glyph is first missing, so start-up does
//! not scan the machine's fonts). A script that no font on the machine has is noted, for the
//! window to say once. It does not order mixed-direction text ([`super::bidi`]).

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, OnceLock};

use egui::{FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

/// The scripts no font on the machine draws, as they are found, for the window to say.
#[derive(Clone, Debug, Default)]
pub struct MissingScripts {
    found: Arc<Mutex<Vec<&'static str>>>,
}

impl MissingScripts {
    /// The scripts found since the last call (each is found once).
    pub fn take_new(&self) -> Vec<&'static str> {
        self.found
            .lock()
            .map(|mut found| std::mem::take(&mut *found))
            .unwrap_or_default()
    }
}

/// egui's [`egui::FontProvider`]: the bundled font up front, the machine's per missing glyph.
struct Provider {
    /// The machine's fonts, enumerated the first time a glyph is missing.
    system: OnceLock<egui_system_font_provider::SystemFontProvider>,
    /// Scripts already noted (each is said once).
    noted: Mutex<BTreeSet<&'static str>>,
    missing: MissingScripts,
}

impl egui::FontProvider for Provider {
    fn fonts_for_family(&self, family: &FontFamily) -> Vec<FontInsert> {
        vec![FontInsert {
            name: "Vazirmatn".to_owned(),
            data: FontData::from_static(crate::export::fonts::VAZIRMATN),
            families: vec![InsertFontFamily {
                family: family.clone(),
                priority: FontPriority::Lowest,
            }],
        }]
    }

    fn font_for(&self, request: &egui::FallbackRequest<'_>) -> Option<FontInsert> {
        let found = self
            .system
            .get_or_init(egui_system_font_provider::SystemFontProvider::new)
            .font_for(request);
        if found.is_none()
            && let Some(script) = request
                .cluster
                .chars()
                .next()
                .and_then(crate::export::fonts::script_name)
            && let Ok(mut noted) = self.noted.lock()
            && noted.insert(script)
            && let Ok(mut new) = self.missing.found.lock()
        {
            new.push(script);
        }
        found
    }
}

/// Installs the bundled font and the machine's fonts in `ctx`; the scripts no font draws are
/// reported through what it returns.
pub fn install(ctx: &egui::Context) -> MissingScripts {
    let missing = MissingScripts::default();
    ctx.add_font_provider(Arc::new(Provider {
        system: OnceLock::new(),
        noted: Mutex::new(BTreeSet::new()),
        missing: missing.clone(),
    }));
    missing
}

#[cfg(test)]
mod tests {
    use super::install;

    #[test]
    fn persian_pashto_and_russian_have_glyphs_in_the_window() {
        let ctx = egui::Context::default();
        let _missing = install(&ctx);
        let font = egui::FontId::proportional(14.0);
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            ui.fonts_mut(|fonts| {
                for c in ['ط', 'ی', 'ټ', 'ښ', 'ې', 'ړ', 'ж', 'ї', 'é'] {
                    assert!(fonts.has_glyph(&font, c), "{c}");
                }
            });
        });
        output.textures_delta.clear();
    }
}
