"""Chain receipts: the head of the manifest chain, kept outside the database.

Every run's manifest carries the sha256 of the previous run's, so the latest
manifest's sha256 (the *head*) fixes every run before it.  A database and
its output folder can still be rewritten together, consistently; what such
a rewrite cannot reproduce is a head that was handed out before it.  So each
run writes a small receipt (``<output>/_receipts/<run_id>.json``: run id,
manifest sha256, previous head) and prints the head; the provider hands the
receipt to the auditor or appends it to a log the provider cannot edit, and
``gensafe audit verify --anchor FILE`` proves that nothing up to that head
was changed, removed or rewritten.

With an Ed25519 key (``gensafe run --sign-key``) the receipt is also
signed, so a forged receipt needs the key: it shows that the holder of the
key issued that head, not that the data was right when the head was made,
and not that the key holder did not rewrite the chain and sign a new head.
"""
from __future__ import annotations

import json
import os
from typing import Any

from gensafe import storage

RECEIPTS = "_receipts"
FORMAT = 1


class ReceiptError(Exception):
    """A receipt or key that cannot be read or does not check."""


def signed_bytes(receipt: dict[str, Any]) -> bytes:
    """The exact bytes a signature covers: the chain facts in canonical JSON."""
    body = {"gensafe_receipt": receipt.get("gensafe_receipt"), "run_id": receipt.get("run_id"),
            "manifest_sha256": receipt.get("manifest_sha256"),
            "prev_manifest_sha256": receipt.get("prev_manifest_sha256")}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _read(path: str, what: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise ReceiptError(f"{path}: cannot read {what} ({exc.strerror})") from None


def load_private_key(path: str) -> Any:
    """An Ed25519 private key from a PEM file (``openssl genpkey -algorithm ed25519``)."""
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    except ImportError:
        raise ReceiptError("signing receipts needs `pip install gensafe[sign]` (the cryptography package)") from None
    try:
        key = serialization.load_pem_private_key(_read(path, "the signing key"), password=None)
    except (ValueError, TypeError) as exc:
        raise ReceiptError(f"{path}: not an unencrypted PEM private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ReceiptError(f"{path}: not an Ed25519 key ({type(key).__name__})")
    return key


def load_public_key(path: str) -> Any:
    """An Ed25519 public key from a PEM file (``openssl pkey -in key.pem -pubout``)."""
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError:
        raise ReceiptError("checking signatures needs `pip install gensafe[sign]` (the cryptography package)") from None
    try:
        key = serialization.load_pem_public_key(_read(path, "the public key"))
    except (ValueError, TypeError) as exc:
        raise ReceiptError(f"{path}: not a PEM public key ({exc})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise ReceiptError(f"{path}: not an Ed25519 public key ({type(key).__name__})")
    return key


def _raw_public(key: Any) -> str:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def make_receipt(run_id: str, manifest_sha256: str, prev: str | None, output_dir: str, db: str,
                 sign_key: Any = None) -> dict[str, Any]:
    """The receipt of one run, signed when a key is given."""
    rec: dict[str, Any] = {"gensafe_receipt": FORMAT, "run_id": run_id, "manifest_sha256": manifest_sha256,
                           "prev_manifest_sha256": prev, "output_dir": storage.absolute(output_dir),
                           "db": os.path.abspath(db)}
    if sign_key is not None:
        rec["signature"] = {"alg": "ed25519", "public_key": _raw_public(sign_key.public_key()),
                            "value": sign_key.sign(signed_bytes(rec)).hex()}
    return rec


def write_receipt(receipt: dict[str, Any], output_dir: str) -> str:
    """Write ``<output>/_receipts/<run_id>.json``; returns its path."""
    from gensafe.writers import atomic_write_bytes

    path = storage.join(output_dir, RECEIPTS, f"{receipt['run_id']}.json")
    storage.makedirs(storage.join(output_dir, RECEIPTS))
    atomic_write_bytes(path, (json.dumps(receipt, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    return path


def load_receipts(path: str) -> list[dict[str, Any]]:
    """The receipts in a file: one JSON object, or one per line (an append-only log)."""
    text = _read(path, "the anchor").decode("utf-8", errors="replace").strip()
    try:
        docs = [json.loads(text)]
    except json.JSONDecodeError:
        docs = []
        for i, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ReceiptError(f"{path}:{i}: not a JSON receipt ({exc.msg})") from None
    out = []
    for i, d in enumerate(docs, 1):
        if not (isinstance(d, dict) and d.get("gensafe_receipt") == FORMAT
                and isinstance(d.get("run_id"), str) and isinstance(d.get("manifest_sha256"), str)):
            raise ReceiptError(f"{path}: receipt {i} is not a gensafe receipt (needs gensafe_receipt, run_id, "
                               "manifest_sha256)")
        out.append(d)
    if not out:
        raise ReceiptError(f"{path}: no receipt in the file")
    return out


def check_signature(receipt: dict[str, Any], public_key: Any) -> str | None:
    """None when the receipt carries a valid signature by ``public_key``, else why not."""
    from cryptography.exceptions import InvalidSignature

    sig = receipt.get("signature")
    if not isinstance(sig, dict) or sig.get("alg") != "ed25519" or not isinstance(sig.get("value"), str):
        return "the receipt is not signed"
    try:
        public_key.verify(bytes.fromhex(sig["value"]), signed_bytes(receipt))
    except (InvalidSignature, ValueError):
        return "the signature does not match the public key (forged or altered receipt)"
    return None
