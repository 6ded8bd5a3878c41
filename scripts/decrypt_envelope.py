#!/usr/bin/env python3
"""Decrypts a GCM Review Collector envelope (`*.gcm-encrypted`) outside the app.

    GCM_PASSPHRASE=… python3 scripts/decrypt_envelope.py --backup secretariat-key.gcm-key \
        annex1_CHL_2026-11-22_1a2b3c4d.gcm-encrypted [-o annex1_CHL_2026-11-22_1a2b3c4d.zip]
    python3 scripts/decrypt_envelope.py --key secretariat-private-key.pem \
        annex1_CHL_2026-11-22_1a2b3c4d.gcm-encrypted

The key is the secretariat's key backup as the app downloads it (`*.gcm-key`, locked with a
passphrase: from the GCM_PASSPHRASE environment variable, else asked for), or the private key
as PKCS#8 (PEM or DER). The layouts are in docs/bundle-format.md §10.3 and §10.5; this script
is the recipe of docs/decrypt-outside-the-app.md, and the tests (tests/envelope.rs,
tests/key_backup.rs) run it. Needs Python 3.9+ and `pip install cryptography`.
Exit status: 0 when decrypted, 1 when refused (the message says why), 2 for a usage error.
"""

import argparse
import base64
import getpass
import hashlib
import json
import os
import struct
import sys
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

MAGIC = b"GCMENC"
VERSION = 1
ALGORITHM = 1  # RSA-OAEP-3072 (SHA-256, MGF1-SHA-256) wrapping an AES-256-GCM key
WRAPPED_KEY_LEN = 384
TAG_LEN = 16

LOCKED_MAGIC = b"GCMPWD"
LOCKED_HEADER_LEN = 49
KEY_BACKUP = 1  # content 1: the secretariat's private key (2 is a backup of drafts)
PBKDF2_SHA256 = 1
MIN_ITERATIONS, MAX_ITERATIONS = 600_000, 10_000_000


class Refused(Exception):
    """The envelope cannot be decrypted; the message says why, for a person."""


def parse(data):
    """The envelope's fields, and its header (AES-GCM's additional data)."""
    if not data.startswith(MAGIC[: len(data)]) or not data:
        raise Refused("not an encrypted bundle (it does not start with GCMENC)")
    if len(data) < 8:
        raise Refused("truncated: the file ends inside its header")
    if data[6] != VERSION:
        raise Refused(f"envelope version {data[6]}: this recipe reads version {VERSION} only")
    if data[7] != ALGORITHM:
        raise Refused(f"envelope algorithm {data[7]}: this recipe knows algorithm {ALGORITHM} only")
    if len(data) < 42:
        raise Refused("truncated: the file ends inside its header")
    fingerprint = data[8:40]
    (n,) = struct.unpack(">H", data[40:42])
    if n != WRAPPED_KEY_LEN:
        raise Refused(f"damaged: a wrapped key of {n} bytes (expected {WRAPPED_KEY_LEN})")
    header_len = 42 + n + 12 + 8
    if len(data) < header_len:
        raise Refused("truncated: the file ends inside its header")
    wrapped_key = data[42 : 42 + n]
    nonce = data[42 + n : 54 + n]
    (m,) = struct.unpack(">Q", data[54 + n : header_len])
    if m < TAG_LEN:
        raise Refused(f"damaged: a ciphertext of {m} bytes")
    ciphertext = data[header_len:]
    if len(ciphertext) < m:
        raise Refused(f"truncated: {m - len(ciphertext)} bytes of the ciphertext are missing")
    if len(ciphertext) > m:
        raise Refused(f"damaged: {len(ciphertext) - m} bytes follow the ciphertext")
    return fingerprint, wrapped_key, nonce, ciphertext, data[:header_len]


def load_private_key(key_bytes):
    if b"-----BEGIN" in key_bytes:
        return serialization.load_pem_private_key(key_bytes, password=None)
    return serialization.load_der_private_key(key_bytes, password=None)


def unlock_key_backup(data, passphrase):
    """The private key in a key backup (`*.gcm-key`, docs/bundle-format.md §10.5), or Refused."""
    if not data.startswith(LOCKED_MAGIC):
        raise Refused("not a key backup (it does not start with GCMPWD)")
    if len(data) < LOCKED_HEADER_LEN:
        raise Refused("truncated: the key backup ends inside its header")
    version, content, kdf = data[6], data[7], data[8]
    if version != 1 or kdf != PBKDF2_SHA256:
        raise Refused(f"locked file version {version}, key derivation {kdf}: this recipe reads 1 and 1 only")
    if content != KEY_BACKUP:
        raise Refused(f"this locked file holds content {content}, not the secretariat's key (1)")
    (iterations,) = struct.unpack(">I", data[9:13])
    if not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
        raise Refused(f"{iterations} iterations is outside {MIN_ITERATIONS}..{MAX_ITERATIONS}")
    salt, nonce = data[13:29], data[29:41]
    (m,) = struct.unpack(">Q", data[41:LOCKED_HEADER_LEN])
    header, ciphertext = data[:LOCKED_HEADER_LEN], data[LOCKED_HEADER_LEN:]
    if m < TAG_LEN or len(ciphertext) != m:
        raise Refused("damaged: the key backup is cut short or has bytes added")
    # The app derives from the passphrase's NFC form: the same words typed on another keyboard.
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    aes_key = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations).derive(secret)
    try:
        plain = AESGCM(aes_key).decrypt(nonce, ciphertext, header)
    except InvalidTag:
        raise Refused("the passphrase does not open this key backup (or the file was changed)")
    backup = json.loads(plain)
    if backup.get("format") != "gcm-review-private-key" or backup.get("format_version") != 1:
        raise Refused("the key backup holds something else than a version 1 private key")
    return serialization.load_der_private_key(base64.b64decode(backup["pkcs8"], validate=True), password=None)


def decrypt(data, private_key):
    """The bundle zip inside the envelope `data`, or Refused."""
    fingerprint, wrapped_key, nonce, ciphertext, header = parse(data)
    spki = private_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    ours = hashlib.sha256(spki).digest()
    if fingerprint != ours:
        raise Refused(
            f"encrypted for another key ({short(fingerprint)}), not for this one ({short(ours)})"
        )
    oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
    try:
        aes_key = private_key.decrypt(wrapped_key, oaep)
    except ValueError:
        raise Refused("altered: the wrapped key does not open with this private key")
    if len(aes_key) != 32:
        raise Refused("altered: the wrapped key is not an AES-256 key")
    try:
        return AESGCM(aes_key).decrypt(nonce, ciphertext, header)
    except InvalidTag:
        raise Refused("altered or damaged: the ciphertext fails its authentication check")


def short(fingerprint):
    """The first 8 bytes of a fingerprint, as the app shows it: '3f2a 9c01 77d4 e5b8'."""
    h = fingerprint[:8].hex()
    return " ".join(h[i : i + 4] for i in range(0, 16, 4))


def main():
    ap = argparse.ArgumentParser(description="Decrypt a .gcm-encrypted bundle to its .zip.")
    key = ap.add_mutually_exclusive_group(required=True)
    key.add_argument("--backup", help="the secretariat's key backup (.gcm-key); passphrase from GCM_PASSPHRASE, else asked")
    key.add_argument("--key", help="the secretariat's private key, PKCS#8 PEM or DER")
    ap.add_argument("envelope", help="the .gcm-encrypted file")
    ap.add_argument("-o", "--output", help="the .zip to write (default: beside the envelope)")
    args = ap.parse_args()
    output = args.output or args.envelope.removesuffix(".gcm-encrypted") + ".zip"
    with open(args.backup or args.key, "rb") as f:
        key_bytes = f.read()
    if args.backup:
        passphrase = os.environ.get("GCM_PASSPHRASE") or getpass.getpass(f"Passphrase of {args.backup}: ")
        try:
            private_key = unlock_key_backup(key_bytes, passphrase)
        except Refused as e:
            print(f"{args.backup}: {e}", file=sys.stderr)
            return 1
    else:
        private_key = load_private_key(key_bytes)
    with open(args.envelope, "rb") as f:
        data = f.read()
    try:
        bundle_zip = decrypt(data, private_key)
    except Refused as e:
        print(f"{args.envelope}: {e}", file=sys.stderr)
        return 1
    with open(output, "wb") as f:
        f.write(bundle_zip)
    print(f"{args.envelope} -> {output} ({len(bundle_zip)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
