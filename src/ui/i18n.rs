//! The app's own words (form texts come from the definitions), one table per language.

use crate::engine::ViolationKind;

/// UI strings of one language.
pub struct Strings {
    pub app_title: &'static str,
    pub language: &'static str,
    pub forms: &'static str,
    pub start: &'static str,
    pub drafts: &'static str,
    pub no_drafts: &'static str,
    pub open: &'static str,
    pub delete: &'static str,
    pub confirm_delete: &'static str,
    pub last_saved: &'static str,
    pub complete: &'static str,
    pub draft: &'static str,
    pub untitled: &'static str,
    pub home: &'static str,
    pub saved: &'static str,
    pub saving: &'static str,
    pub unsaved: &'static str,
    pub required_answered: &'static str,
    pub mark_complete: &'static str,
    pub is_complete: &'static str,
    pub fix_these: &'static str,
    pub download_json: &'static str,
    pub download_csv: &'static str,
    pub download_zip: &'static str,
    pub add_instance: &'static str,
    pub remove_instance: &'static str,
    pub instance: &'static str,
    pub choose: &'static str,
    pub optional: &'static str,
    pub keep_mine: &'static str,
    pub load_theirs: &'static str,
    pub not_found: &'static str,
    pub loading: &'static str,
    pub offline_ready: &'static str,
    pub total: &'static str,
    pub inputs: &'static str,
    pub add_input: &'static str,
    pub save_and_next: &'static str,
    pub back_to_session: &'static str,
    pub no_inputs: &'static str,
}

pub static EN: Strings = Strings {
    app_title: "GCM Review Collector",
    language: "Language",
    forms: "Forms",
    start: "Start a new response",
    drafts: "Responses on this device",
    no_drafts: "No responses yet.",
    open: "Open",
    delete: "Delete",
    confirm_delete: "Delete this response from this device? This cannot be undone.",
    last_saved: "Last saved",
    complete: "Complete",
    draft: "Draft",
    untitled: "(not yet named)",
    home: "All forms and responses",
    saved: "All changes saved on this device",
    saving: "Saving…",
    unsaved: "Not saved yet",
    required_answered: "required questions answered",
    mark_complete: "Mark as complete",
    is_complete: "This response is complete. Editing it makes it a draft again.",
    fix_these: "Please answer or correct these questions:",
    download_json: "Download JSON",
    download_csv: "Download CSV (main table)",
    download_zip: "Download everything (.zip)",
    add_instance: "Add an example",
    remove_instance: "Remove this example",
    instance: "Example",
    choose: "Choose…",
    optional: "(optional)",
    keep_mine: "Keep my version",
    load_theirs: "Load the other version",
    not_found: "This response is not on this device.",
    loading: "Loading…",
    offline_ready: "Works offline",
    total: "Total",
    inputs: "Participant inputs",
    add_input: "Add a participant input",
    save_and_next: "Save and add next",
    back_to_session: "Back to the session",
    no_inputs: "No inputs yet.",
};

pub static ES: Strings = Strings {
    app_title: "Recopilador del Examen del Pacto Mundial",
    language: "Idioma",
    forms: "Formularios",
    start: "Comenzar una nueva respuesta",
    drafts: "Respuestas en este dispositivo",
    no_drafts: "Aún no hay respuestas.",
    open: "Abrir",
    delete: "Eliminar",
    confirm_delete: "¿Eliminar esta respuesta de este dispositivo? No se puede deshacer.",
    last_saved: "Guardado por última vez",
    complete: "Completa",
    draft: "Borrador",
    untitled: "(aún sin nombre)",
    home: "Todos los formularios y respuestas",
    saved: "Todos los cambios guardados en este dispositivo",
    saving: "Guardando…",
    unsaved: "Aún sin guardar",
    required_answered: "preguntas obligatorias respondidas",
    mark_complete: "Marcar como completa",
    is_complete: "Esta respuesta está completa. Si la modifica, vuelve a ser un borrador.",
    fix_these: "Responda o corrija estas preguntas:",
    download_json: "Descargar JSON",
    download_csv: "Descargar CSV (tabla principal)",
    download_zip: "Descargar todo (.zip)",
    add_instance: "Agregar un ejemplo",
    remove_instance: "Quitar este ejemplo",
    instance: "Ejemplo",
    choose: "Elija…",
    optional: "(opcional)",
    keep_mine: "Conservar mi versión",
    load_theirs: "Cargar la otra versión",
    not_found: "Esta respuesta no está en este dispositivo.",
    loading: "Cargando…",
    offline_ready: "Funciona sin conexión",
    total: "Total",
    inputs: "Aportes de participantes",
    add_input: "Agregar un aporte de participante",
    save_and_next: "Guardar y agregar otro",
    back_to_session: "Volver a la sesión",
    no_inputs: "Aún no hay aportes.",
};

/// The table for a language code; English for any language without one yet.
pub fn strings(lang: &str) -> &'static Strings {
    match lang {
        "es" => &ES,
        _ => &EN,
    }
}

/// The languages offered by the switch: code and name in that language.
pub const LANGUAGES: [(&str, &str); 2] = [("en", "English"), ("es", "Español")];

/// A violation in words.
pub fn violation(lang: &str, kind: &ViolationKind) -> String {
    let es = lang == "es";
    match kind {
        ViolationKind::Missing => if es { "Esta pregunta es obligatoria." } else { "This question is required." }.into(),
        ViolationKind::TooShort { min } => {
            if es { format!("Escriba al menos {min} caracteres.") } else { format!("Write at least {min} characters.") }
        }
        ViolationKind::TooLong { max } => {
            if es { format!("Escriba como máximo {max} caracteres.") } else { format!("Write at most {max} characters.") }
        }
        ViolationKind::Email => {
            if es { "Escriba una dirección de correo válida, p. ej. nombre@ejemplo.org." } else { "Enter a valid email address, e.g. name@example.org." }.into()
        }
        ViolationKind::Date => if es { "Indique una fecha válida." } else { "Enter a valid date." }.into(),
        ViolationKind::Number => if es { "Escriba un número." } else { "Enter a number." }.into(),
        ViolationKind::BelowMin { min } => if es { format!("El mínimo es {min}.") } else { format!("The minimum is {min}.") },
        ViolationKind::AboveMax { max } => if es { format!("El máximo es {max}.") } else { format!("The maximum is {max}.") },
        ViolationKind::UnknownChoice => if es { "Elija una de las opciones." } else { "Choose one of the options." }.into(),
    }
}
