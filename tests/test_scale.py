"""docs/scale.md runs as written: its Dask block on a two-process LocalCluster, its Spark block on ``local[2]`` and
its object-storage block through fsspec, over the real resumes of ../shared/corpus/jsonresume plus broken files.
Every record must say what the CLI says for that file: the same diagnostics, the same verdict, the same Europass
bytes written next to the input."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from resumeconv.batch import output_path
from test_batch import BROKEN, CLI, corpus_files

pytestmark = pytest.mark.slow

DOC = ROOT / "docs" / "scale.md"
SRC = str(ROOT / "src")


def block(heading_word: str) -> str:
    """The one ```python block of the section whose heading names ``heading_word``."""
    text = DOC.read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    (section,) = [s for s in sections if heading_word in s.split("\n", 1)[0]]
    (code,) = re.findall(r"^```python\n(.*?)^```$", section, flags=re.MULTILINE | re.DOTALL)
    return code


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus and the broken files, copied into a temporary folder (the examples write next to them)."""
    folder = tmp_path_factory.mktemp("scale")
    shared = Path(os.environ.get("RESUMECONV_SHARED", ROOT.parent / "shared"))
    if not (shared / "corpus").is_dir():
        pytest.skip(f"../shared is absent ({shared}); the scale tests run over its corpus")
    for path in corpus_files(shared):
        shutil.copyfile(path, folder / path.name)
    for name, data in BROKEN.items():
        (folder / name).write_bytes(data)
    return folder


def paths_in(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.iterdir() if p.suffix in (".json", ".yaml", ".yml"))


@pytest.fixture(scope="module")
def cli(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict], dict[str, bytes]]:
    """What the CLI says: each file's JSON validate report, and each Europass output ``convert`` wrote."""
    paths = paths_in(inputs)
    proc = subprocess.run([*CLI, "validate", "--output-format", "json", *paths], capture_output=True, text=True,
                          timeout=300)
    reports = {r["file"]: r for r in json.loads(proc.stdout)}
    out = tmp_path_factory.mktemp("cli-europass")
    subprocess.run([*CLI, "convert", "-q", "-t", "europass", "--output-dir", str(out), *paths], capture_output=True,
                   timeout=600)
    return reports, {p.name: p.read_bytes() for p in out.iterdir()}


def check(results: list[dict], written: list[dict], paths: list[str],
          cli: tuple[dict[str, dict], dict[str, bytes]]) -> None:
    reports, outputs = cli
    assert [r["path"] for r in results] == paths and len(paths) >= 37 + len(BROKEN)
    for record in results:
        report = reports[record["path"]]
        assert record["ok"] == report["valid"], record["path"]
        assert record["diagnostics"] == report["errors"], record["path"]
        rules = {d["rule"] for d in report["errors"]}
        assert record["exit"] == (2 if "input" in rules else 3 if "internal" in rules else 0 if report["valid"] else 1)
    assert sum(r["ok"] for r in results) >= 10 and sum(r["exit"] == 2 for r in results) >= len(BROKEN) - 1
    assert [r["path"] for r in written] == paths
    for record in written:
        beside = output_path(record["path"], "europass")
        name = Path(beside).name
        assert name.endswith(".europass.xml") and Path(beside).parent == Path(record["path"]).parent
        assert record["ok"] == (name in outputs), record
        if record["ok"]:
            assert record["written"] == beside
            assert Path(beside).read_bytes() == outputs[name], record["path"]
            assert record["output"] is None
        else:
            assert record["error"] and "\n" not in record["error"]
    for path in Path(paths[0]).parent.glob("*.xml"):
        path.unlink()


def test_dask_block_on_a_two_process_local_cluster(inputs: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dask.distributed", reason="the [dask] extra is not installed")
    import dask
    from dask.distributed import LocalCluster

    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [SRC, os.environ.get("PYTHONPATH")])))
    paths = paths_in(inputs)
    namespace: dict = {"paths": paths}
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            dask.config.set({"scheduler-address": cluster.scheduler_address}):
        exec(compile(block("Dask"), f"{DOC}:Dask", "exec"), namespace)
        assert len(cluster.scheduler_info["workers"]) == 2
    check(namespace["results"], namespace["written"], paths, cli)


def test_spark_block_on_local_2(inputs: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark", reason="the [spark] extra is not installed")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java (apt-get install default-jre-headless)")
    from pyspark.sql import SparkSession

    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [SRC, os.environ.get("PYTHONPATH")])))
    paths = paths_in(inputs)
    namespace: dict = {"paths": paths}
    spark = SparkSession.builder.master("local[2]").appName("resumeconv-test").getOrCreate()
    try:
        exec(compile(block("Spark"), f"{DOC}:Spark", "exec"), namespace)
        assert namespace["spark"].sparkContext.master == "local[2]"
    finally:
        spark.stop()
    check(namespace["results"], namespace["written"], paths, cli)


def test_object_storage_block_through_fsspec(inputs: Path, cli) -> None:
    pytest.importorskip("fsspec", reason="fsspec comes with the [dask] extra")
    _, outputs = cli
    paths = paths_in(inputs)
    namespace: dict = {"urls": [f"file://{p}" for p in paths]}
    exec(compile(block("Object storage"), f"{DOC}:Object storage", "exec"), namespace)
    for url, record in zip(namespace["urls"], namespace["results"], strict=True):
        name = Path(output_path(url, "europass")).name
        assert record["path"] == url and record["ok"] == (name in outputs), url
        if record["ok"]:
            assert Path(url[len("file://"):]).with_name(name).read_bytes() == outputs[name]
            assert "output" not in record
