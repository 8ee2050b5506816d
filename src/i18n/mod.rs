//! Every user-visible string. One `Texts` value per language: a missing string is a compile
//! error, because every field must be filled. German is the default (see issue on languages).

mod de;

pub use de::DE;

/// The wording of the whole interface in one language.
pub struct Texts {
    pub lang: &'static str,
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_settings: &'static str,
    pub online: &'static str,
    pub offline: &'static str,
    pub offline_hint: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_name_missing: &'static str,
    pub home_go_to_settings: &'static str,
    pub settings_title: &'static str,
    pub org_section: &'static str,
    pub org_name_label: &'static str,
    pub org_name_hint: &'static str,
    pub org_name_empty: &'static str,
    /// `{max}` is replaced by the limit.
    pub org_name_too_long: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub storage_section: &'static str,
    /// `{used}` and `{quota}` are replaced by sizes, `{percent}` by a number.
    pub storage_used: &'static str,
    pub storage_unknown: &'static str,
    pub persist_granted: &'static str,
    pub persist_not_granted: &'static str,
    pub persist_request: &'static str,
    pub persist_denied: &'static str,
    pub device_section: &'static str,
    pub device_id_label: &'static str,
    pub loading: &'static str,
    pub not_found_title: &'static str,
    pub not_found_back: &'static str,
    pub update_available: &'static str,
    pub update_now: &'static str,
    pub reload: &'static str,
    pub err_unavailable: &'static str,
    pub err_blocked: &'static str,
    pub err_version_changed: &'static str,
    pub err_quota: &'static str,
    pub err_unreadable: &'static str,
    pub err_failed: &'static str,
    pub err_kept_input: &'static str,
    pub decimal_separator: char,
}

impl Texts {
    /// Fills `{name}` placeholders; unknown placeholders stay visible rather than vanish.
    pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(template.to_owned(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }
}

/// The texts in force. A function (not a constant) so that the language picker can switch it.
pub fn texts() -> &'static Texts {
    &DE
}
