//! serde_json's pretty layout, made from its compact output. Records are serialised compact for
//! storage and digests anyway; laying the same bytes out again for the files people open, instead
//! of serialising them a second time with serde_json's pretty printer, leaves the wasm one copy
//! of every type's serialiser instead of two (collector -0.9 KB gzip).

/// `json`, as `serde_json::to_vec` writes it, laid out as `serde_json::to_vec_pretty` would have
/// written the same value (two spaces an indent; `[]` and `{}` when empty), starting `depth`
/// levels in, appended to `out`. Compact JSON has no whitespace outside strings, so every
/// bracket, comma and colon outside a string is structure.
pub fn pretty_into(json: &[u8], mut depth: usize, out: &mut Vec<u8>) {
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.extend(std::iter::repeat_n(b' ', 2 * depth));
    };
    let (mut in_string, mut escaped) = (false, false);
    let mut bytes = json.iter().copied().peekable();
    while let Some(b) = bytes.next() {
        if in_string {
            out.push(b);
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                out.push(b);
            }
            b'[' | b'{' => {
                out.push(b);
                match bytes.next_if(|&c| c == b']' || c == b'}') {
                    Some(close) => out.push(close),
                    None => {
                        depth += 1;
                        newline(out, depth);
                    }
                }
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                newline(out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b);
                newline(out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(b),
        }
    }
}

/// `value` as `serde_json::to_string_pretty` writes it, through the compact serialiser.
pub fn to_string_pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let compact = serde_json::to_vec(value)?;
    let mut out = Vec::with_capacity(compact.len() * 5 / 4);
    pretty_into(&compact, 0, &mut out);
    // Only ASCII was added to valid UTF-8.
    Ok(String::from_utf8(out).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lays_out_as_serde_json_s_pretty_printer() {
        let values = [
            json!({}),
            json!([]),
            json!("a"),
            json!(1.5),
            json!(null),
            json!({"a": [], "b": {}, "c": [1, [2, []], {"d": {}}], "e": null, "f": true, "g": -1e300}),
            json!([[[]], [{}], {"x": [{"y": "z"}]}]),
            json!({"brackets, commas and colons in strings": "[{,:}] \" \\\" \\ , : { [", "é—\u{1}\n": "\u{2028}"}),
            json!({"key\"with:quote": ["\\", "\\\\", "\"", "a\"b,c"]}),
        ];
        for v in values {
            assert_eq!(to_string_pretty(&v).unwrap(), serde_json::to_string_pretty(&v).unwrap(), "{v}");
        }
    }

    #[test]
    fn starts_as_deep_as_asked() {
        let v = json!({"a": [1, {"b": 2}]});
        let mut printer = serde_json::ser::PrettyFormatter::new();
        use serde_json::ser::Formatter;
        for _ in 0..2 {
            printer.begin_array(&mut std::io::sink()).unwrap();
        }
        let mut expected = Vec::new();
        serde::Serialize::serialize(&v, &mut serde_json::Serializer::with_formatter(&mut expected, printer)).unwrap();
        let mut out = Vec::new();
        pretty_into(&serde_json::to_vec(&v).unwrap(), 2, &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), String::from_utf8(expected).unwrap());
    }
}
