#!/usr/bin/env python3
"""Reads the sample export that tests/bundle_csv.rs writes, with Python's standard library only,
as an analyst would: the CSV files with the csv module (encoding 'utf-8-sig'), bundle.json with
the json module. Checks every cell against expected.json, the BOM and CRLF line ends, and
recomputes records_sha256 as docs/bundle-format.md describes it, and opens the .zip export
with zipfile to find the same files in it.

Usage: python3 tests/read_csv.py target/bundle-samples
"""
import csv
import hashlib
import json
import os
import sys
import zipfile


def fail(message):
    print(f"read_csv.py: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def check_table(path, expected):
    with open(path, "rb") as f:
        raw = f.read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail(f"{path}: no UTF-8 byte order mark")
    if not raw.endswith(b"\r\n") or b"\r\n" not in raw.split(b"\n", 1)[0] + b"\n":
        fail(f"{path}: lines do not end in CRLF")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] != expected["header"]:
        fail(f"{path}: header {rows[0]!r} != {expected['header']!r}")
    if rows[1:] != expected["rows"]:
        for got, want in zip(rows[1:], expected["rows"]):
            if got != want:
                fail(f"{path}: row {got!r} != {want!r}")
        fail(f"{path}: {len(rows) - 1} rows, expected {len(expected['rows'])}")
    return len(rows) - 1


def check_bundle(path):
    with open(path, encoding="utf-8") as f:
        bundle = json.load(f)
    manifest = bundle["manifest"]
    # The canonical serialisation: the records array as written, compact, UTF-8 unescaped.
    canonical = json.dumps(bundle["records"], ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    if digest != manifest["records_sha256"]:
        fail(f"{path}: records_sha256 {manifest['records_sha256']} but the records hash to {digest}")
    if manifest["record_count"] != len(bundle["records"]):
        fail(f"{path}: record_count {manifest['record_count']} but {len(bundle['records'])} records")
    return len(bundle["records"])


def check_zip(path, folder, names):
    with zipfile.ZipFile(path) as z:
        if z.testzip() is not None:
            fail(f"{path}: CRC error")
        inside = z.namelist()
        for name in names:
            with open(os.path.join(folder, name), "rb") as f:
                if z.read(name) != f.read():
                    fail(f"{path}: {name} differs from the file beside it")
        readme = z.read("README.txt").decode("utf-8-sig")
        codebook = z.read("codebook.csv").decode("utf-8")
    if inside[:2] != ["README.txt", "bundle.json"] or inside[-1] != "codebook.csv":
        fail(f"{path}: entries {inside!r}")
    for block in ("EN\r\n", "ES\r\n", "PT\r\n", "FR\r\n"):
        if block not in readme:
            fail(f"{path}: README.txt has no {block!r} block")
    check_codebook(path, codebook)
    return len(inside)


def check_codebook(path, text):
    """codebook.csv: BOM, a label column per language, a row per item and option of the tables."""
    if not text.startswith("\ufeff"):
        fail(f"{path}: codebook.csv has no byte order mark")
    rows = list(csv.reader(text[1:].splitlines()))
    if rows[0] != ["form", "item", "code", "label_en", "label_es", "label_pt", "label_fr"]:
        fail(f"{path}: codebook header {rows[0]!r}")
    keys = {(r[0], r[1], r[2]) for r in rows[1:]}
    for key in [("mini", "", ""), ("mini", "tags", "a"), ("mini", "people", "w"), ("mini", "levels", "national"), ("session", "topic", "")]:
        if key not in keys:
            fail(f"{path}: codebook has no row {key!r}")


def main():
    if len(sys.argv) != 2:
        fail("usage: read_csv.py DIR")
    folder = sys.argv[1]
    with open(os.path.join(folder, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    rows = sum(check_table(os.path.join(folder, name), table) for name, table in sorted(expected["files"].items()))
    records = check_bundle(os.path.join(folder, expected["bundle"]))
    entries = check_zip(os.path.join(folder, expected["zip"]), folder, [expected["bundle"], *expected["files"]])
    print(f"read_csv.py: {len(expected['files'])} CSV files, {rows} rows read back; "
          f"bundle.json digest of {records} records ok; zip of {entries} entries ok")


if __name__ == "__main__":
    main()
