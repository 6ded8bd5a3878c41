#!/usr/bin/env python3
"""Decrypts a GCM Review Collector envelope (`*.gcm-encrypted`) outside the app.

    python3 scripts/decrypt_envelope.py --key secretariat-private-key.pem \
        annex1_CHL_2026-11-22_1a2b3c4d.gcm-encrypted [-o annex1_CHL_2026-11-22_1a2b3c4d.zip]

The key is the secretariat's private key as PKCS#8 (PEM or DER). The layout is in
docs/bundle-format.md §10; this script is the recipe of docs/decrypt-outside-the-app.md, and
the tests (tests/envelope.rs) run it. Needs Python 3.9+ and `pip install cryptography`.
Exit status: 0 when decrypted, 1 when refused (the message says why), 2 for a usage error.
"""

import argparse
import hashlib
import struct
import sys

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"GCMENC"
VERSION = 1
ALGORITHM = 1  # RSA-OAEP-3072 (SHA-256, MGF1-SHA-256) wrapping an AES-256-GCM key
WRAPPED_KEY_LEN = 384
TAG_LEN = 16


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
    ap.add_argument("--key", required=True, help="the secretariat's private key, PKCS#8 PEM or DER")
    ap.add_argument("envelope", help="the .gcm-encrypted file")
    ap.add_argument("-o", "--output", help="the .zip to write (default: beside the envelope)")
    args = ap.parse_args()
    output = args.output or args.envelope.removesuffix(".gcm-encrypted") + ".zip"
    with open(args.key, "rb") as f:
        private_key = load_private_key(f.read())
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
