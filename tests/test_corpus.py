"""The manifest and `assistant corpus fetch`: mirror copy, sha256 check, skip present, offline."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys

import pytest

from assistant.corpus import fetch, read_manifest, sha256_file

from conftest import ROOT

MANIFEST = ROOT / "corpus" / "manifest.csv"


def test_manifest_lists_every_report_and_a_demo_subset(corpus_dir):
    rows = read_manifest(MANIFEST)
    assert len(rows) == 497 and len({r.local_authority for r in rows}) == 153
    assert all(r.url.startswith("https://files.ofsted.gov.uk/") and len(r.sha256) == 64 for r in rows)
    demo = [r for r in rows if r.demo]
    assert 8 <= len(demo) <= 12
    assert {r.publication_date[:4] for r in demo if r.local_authority == "birmingham"} == {
        "2014",
        "2016",
        "2019",
        "2023",
    }
    assert any(r.publication_date.startswith("2026") for r in demo)
    assert all((corpus_dir / r.path).is_file() for r in rows)


def _small_manifest(tmp_path, rows):
    path = tmp_path / "manifest.csv"
    with MANIFEST.open(newline="") as f:
        fields = csv.DictReader(f).fieldnames
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        for r in rows:
            w.writerow(
                {
                    "urn": r.urn,
                    "local_authority": r.local_authority,
                    "url": r.url,
                    "path": r.path,
                    "publication_date": r.publication_date,
                    "sha256": r.sha256,
                    "bytes": "",
                    "demo": "1",
                }
            )
    return path


def test_fetch_from_mirror_verifies_and_skips_present(corpus_dir, tmp_path):
    rows = [r for r in read_manifest(MANIFEST) if r.demo][:2]
    manifest = _small_manifest(tmp_path, rows)
    dest = tmp_path / "reports"
    first = fetch(manifest, dest, mirror=corpus_dir, log=lambda _: None)
    assert sorted(first.fetched) == sorted(r.path for r in rows) and not first.failed
    assert all(sha256_file(dest / r.path) == r.sha256 for r in rows)
    second = fetch(manifest, dest, mirror=corpus_dir, log=lambda _: None)
    assert second.fetched == [] and len(second.present) == 2

    # a corrupted mirror copy is refused and not left behind
    bad_mirror = tmp_path / "bad"
    (bad_mirror / rows[0].path).parent.mkdir(parents=True)
    shutil.copyfile(corpus_dir / rows[1].path, bad_mirror / rows[0].path)
    (dest / rows[0].path).unlink()
    third = fetch(manifest, dest, mirror=bad_mirror, log=lambda _: None)
    assert third.failed and "sha256 does not match" in third.failed[0][1]
    assert not (dest / rows[0].path).exists()


def test_fetch_offline_without_mirror_says_what_to_do(tmp_path):
    rows = [r for r in read_manifest(MANIFEST) if r.demo][:2]
    rows = [r.__class__(**{**r.__dict__, "url": "http://127.0.0.1:9/unreachable.pdf"}) for r in rows]
    manifest = _small_manifest(tmp_path, rows)
    result = fetch(manifest, tmp_path / "reports", log=lambda _: None, timeout=2)
    assert len(result.failed) == 2
    assert "--mirror DIR or CORPUS_MIRROR=DIR" in result.failed[0][1]


def test_cli_fetch_exit_codes(corpus_dir, tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "corpus",
            "fetch",
            "--mirror",
            str(corpus_dir),
            "--dest",
            str(tmp_path / "r"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert "10 fetched, 0 already present, 0 failed" in run.stdout


def test_a_wrong_corpus_mirror_fails_rather_than_skips(monkeypatch, tmp_path):
    from conftest import locate_corpus

    monkeypatch.setenv("CORPUS_MIRROR", str(tmp_path / "not-the-corpus"))
    with pytest.raises(pytest.fail.Exception, match="holds no manifest.csv"):
        locate_corpus()
