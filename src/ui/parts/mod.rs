//! What pages are built from: the one form mechanism (`form`), the one way to read what is not
//! in memory (`loaded`, `when_loaded`), and the widgets several pages share.

pub mod availability_grid;
pub mod choice_options;
pub mod conflict_panel;
pub mod contact_links;
pub mod document_language;
pub mod figure_table;
pub mod form;
pub mod language_editor;
pub mod loaded;
pub mod qr_code;
pub mod when_loaded;
