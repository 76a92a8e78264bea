"""benchmarks/bench_peers.py refuses to run, loudly, when a peer cannot be imported.

The peers (datatrove, Data-Juicer) live in a benchmark-only venv that the
tests do not build; these tests point the preflight at interpreters that
lack them and check the exit status and the message, which is all that
stands between a broken peer install and a comparison that silently drops it.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_peers.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_peers_under_test", BENCH)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def test_missing_venv_named(bench, tmp_path: Path) -> None:
    got = bench.check_peers(str(tmp_path / "no-venv" / "bin" / "python"))
    assert set(got) == {"datatrove", "data_juicer"}
    assert all(why is not None and "peer venv missing" in why for why in got.values())


def test_import_error_is_the_reason(bench, tmp_path: Path) -> None:
    """An interpreter without the peers: the reason is the import error's own line."""
    fake = tmp_path / "python"
    # a stand-in interpreter: runs the check with no site-packages (so neither peer is importable)
    fake.write_text(f"#!/bin/sh\nexec {sys.executable} -S -I \"$@\"\n")
    fake.chmod(0o755)
    got = bench.check_peers(str(fake))
    assert "No module named 'datatrove'" in got["datatrove"]
    assert "No module named 'data_juicer'" in got["data_juicer"]


def test_main_exits_non_zero_before_timing(bench, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(bench, "VENV_PY", str(tmp_path / "absent" / "python"))
    monkeypatch.setattr(sys, "argv", ["bench_peers.py", "--corpus", str(tmp_path / "no-corpus"), "--out", str(tmp_path / "peers")])
    with pytest.raises(SystemExit) as exc:
        bench.main()
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "peer(s) unavailable: datatrove" in err and "py-data-juicer" in err
    assert "bash benchmarks/peer_env/setup.sh" in err and "--allow-missing" in err
    assert not (tmp_path / "peers.json").exists()  # nothing half-measured was written


def test_allow_missing_goes_on(bench, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With --allow-missing the preflight does not stop the run (it then stops at the absent corpus)."""
    monkeypatch.setattr(bench, "VENV_PY", str(tmp_path / "absent" / "python"))
    monkeypatch.setattr(sys, "argv", ["bench_peers.py", "--allow-missing", "--corpus", str(tmp_path / "no-corpus")])
    with pytest.raises(SystemExit) as exc:
        bench.main()
    assert "no corpus at" in str(exc.value.code)
