#!/usr/bin/env python3
"""The tests' stand-in for the browser: what WebCrypto will do, written from the spec
(docs/bundle-format.md §10) with Python's `cryptography`, independently of src/bundle/envelope.rs.

    seal_envelope.py keygen DIR          -> DIR/private.pem (PKCS#8), DIR/public.spki (DER)
    seal_envelope.py seal KEY.json IN OUT  -> OUT, the envelope of IN for the key file KEY.json
    seal_envelope.py lockkey DIR NAME OUT  -> OUT, DIR's key pair as a key backup (§10.5) named
        NAME, locked with the passphrase in GCM_PASSPHRASE; and OUT.json, what it locks (for
        the tests to read)
"""

import base64
import hashlib
import json
import os
import struct
import sys
import unicodedata

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC


def keygen(folder):
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    spki = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    with open(os.path.join(folder, "private.pem"), "wb") as f:
        f.write(pem)
    with open(os.path.join(folder, "public.spki"), "wb") as f:
        f.write(spki)


def seal(key_file, source, target):
    with open(key_file, encoding="utf-8") as f:
        key = json.load(f)
    assert key["format"] == "gcm-review-public-key" and key["format_version"] == 1, key
    assert key["algorithm"] == "RSA-OAEP-3072-SHA-256", key
    spki = base64.b64decode(key["spki"], validate=True)
    fingerprint = hashlib.sha256(spki).digest()
    assert fingerprint.hex() == key["fingerprint"], "the key file's fingerprint is not its key's"
    public = serialization.load_der_public_key(spki)
    with open(source, "rb") as f:
        plain = f.read()
    aes_key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(12)
    oaep = padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
    wrapped = public.encrypt(aes_key, oaep)
    header = b"GCMENC" + bytes([1, 1]) + fingerprint + struct.pack(">H", len(wrapped)) + wrapped + nonce
    header += struct.pack(">Q", len(plain) + 16)
    with open(target, "wb") as f:
        f.write(header + AESGCM(aes_key).encrypt(nonce, plain, header))


def lockkey(folder, name, target):
    with open(os.path.join(folder, "private.pem"), "rb") as f:
        private = serialization.load_pem_private_key(f.read(), password=None)
    spki = private.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    pkcs8 = private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    backup = {
        "format": "gcm-review-private-key",
        "format_version": 1,
        "name": name,
        "algorithm": "RSA-OAEP-3072-SHA-256",
        "spki": base64.b64encode(spki).decode("ascii"),
        "fingerprint": hashlib.sha256(spki).hexdigest(),
        "pkcs8": base64.b64encode(pkcs8).decode("ascii"),
    }
    plain = json.dumps(backup, indent=2, ensure_ascii=False).encode("utf-8")
    iterations, salt, nonce = 600_000, os.urandom(16), os.urandom(12)
    secret = unicodedata.normalize("NFC", os.environ["GCM_PASSPHRASE"]).encode("utf-8")
    key = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations).derive(secret)
    header = b"GCMPWD" + bytes([1, 1, 1]) + struct.pack(">I", iterations) + salt + nonce + struct.pack(">Q", len(plain) + 16)
    with open(target, "wb") as f:
        f.write(header + AESGCM(key).encrypt(nonce, plain, header))
    with open(target + ".json", "wb") as f:
        f.write(plain)


if __name__ == "__main__":
    if sys.argv[1] == "keygen":
        keygen(sys.argv[2])
    elif sys.argv[1] == "lockkey":
        lockkey(*sys.argv[2:5])
    else:
        seal(*sys.argv[2:5])
