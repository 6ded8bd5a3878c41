//! The bundled forms' definitions (`forms/**/*.json`, laid out for people to read and review)
//! go into the pages' wasm without that layout: each is copied to `$OUT_DIR/forms/…` with the
//! whitespace between tokens left out, and `src/forms.rs` includes the copies (`form_json!`).
//! The same JSON to every reader; the collector's first load 0.5 KB smaller as sent (issue 14).

use std::fs;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=forms");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("forms");
    copy_compact(Path::new("forms"), &out);
}

fn copy_compact(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create OUT_DIR/forms");
    for entry in fs::read_dir(from).expect("read forms/") {
        let path = entry.expect("forms/ entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_compact(&path, &target);
        } else if path.extension().is_some_and(|e| e == "json") {
            let text = fs::read_to_string(&path).expect("a form's JSON is UTF-8");
            fs::write(&target, compact(&text)).expect("write a compact form");
        }
    }
}

/// `json` without the spaces, tabs and line breaks between its tokens; strings kept as written
/// (a malformed file stays malformed: `cargo test` reads each one and says what is wrong).
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}
