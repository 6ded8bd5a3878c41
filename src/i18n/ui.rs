//! The app's own words (the `ui` section of every locale file), as methods checked by the
//! compiler: a screen writes `t.start()`, never a key string.

use super::Catalog;

/// Declares the UI strings' methods on [`Catalog`] and [`UI_KEYS`] from one list of keys.
macro_rules! ui_strings {
    ($($key:ident),+ $(,)?) => {
        /// The catalog keys of the UI texts, in order (`ui.start`; the completeness test reads this).
        pub const UI_KEYS: &[&str] = &[$(concat!("ui.", stringify!($key)),)+];

        /// The UI strings: one method per key of the locale file's `ui` section, each looking
        /// its key up when called. A page's wasm so holds only the keys it names, not the list
        /// of all (the collector -0.9 KB gzip), where a table filled at load held every one.
        impl Catalog {
            $(
                pub fn $key(&self) -> &'static str {
                    self.ui(concat!("ui.", stringify!($key)))
                }
            )+
        }
    };
}

ui_strings! {
    app_title, language, language_unavailable, forms, start, start_form, drafts, no_drafts, delete,
    confirm_delete, last_saved, complete, draft, untitled, home, saved, saving, unsaved,
    required_answered, mark_complete, is_complete, fix_these, download_json, download_csv,
    download_zip, add_instance, remove_instance, instance, choose, optional, keep_mine, load_theirs,
    not_found, unknown_form, loading, total, secretariat, import_bundles, drop_hint, files_read,
    confirm_clear, records_in_collection, clear_collection, file, accepted, duplicates, conflicts,
    rejected, statistics, download_csv_table, records, form, any, search, records_shown,
    secretariat_intro, collection_not_saved, set_aside_count, country, category, theme,
    thematic_sessions, thematic_areas, objective, date_from, date_to, revision, set_aside_title,
    keep_instead, filters, statistics_of_shown, transfer, export_title, export_which, export_all,
    export_new, session, records_to_export, share, backup_title, backup_hint, backup_button,
    open_backup, added, already_here, to_choose, this_device, the_file, keep_this_device,
    use_the_file, not_exported, inputs, add_input, save_and_next, back_to_session, no_inputs, print,
    print_blank, not_answered, version, response_id, back_to_form, blank_note, link_refused, link_title,
    link_hint, copy_link, copied, link, import, links, sections, filter_options, no_match, chosen, contents,
    next_unanswered, all_answered, section_done, section_todo, remove_choice, delete_named, remove_instance_n,
    download_table_named, download_response, this_response, report_tab, workbench_intro, grid_caption,
    cell_named, synthesis, answers_in_cell, answer_from, make_excerpt, excerpt_hint, not_quotable, more_answers,
    excerpts, no_excerpts, kind_of_finding, objectives, principles, for_summary, is_good_practice, remove_excerpt,
    excerpt_moved, report_sections, download_docx, download_markdown, withheld, download_workbench, open_workbench,
    workbench_merged, not_a_workbench, workbench_not_saved, workbench_link, workbench_title, back_to_secretariat, set_aside_merges,
    encryption, key_intro, key_loss, key_name, key_name_default, passphrase, passphrase_again, passphrase_rule,
    passphrase_short, passphrase_differ, create_key, key_created, restore_key, key_backup_file, restore, key_restored,
    this_device_key, fingerprint, publish_key, download_key_file, publish_hint, key_link, working, no_webcrypto,
    encrypted_for, not_encrypted, open_key_file, key_set, go_to_forms, download_encrypted, unencrypted_copy,
    unencrypted_warning, backup_passphrase, backup_passphrase_hint, backup_is_locked, wrong_passphrase, key_link_bad,
    migration_title, migration_intro, migration_set_aside, migration_clear,
    update_ready, reload, text_kept, storage_use, storage_kept, storage_may_clear, storage_low, backup_reminder,
    install, records_in_collection_one, set_aside_count_one, records_shown_one, records_to_export_one,
    export_writing,
}
