"""The package as users get it: a wheel and sdist that work outside the checkout, and the GitHub Action's steps.

The wheel is built without build isolation (the test extra has build and hatchling) and installed with
``--no-deps`` into a fresh virtual environment that is given this test environment's site-packages for the
dependencies, so that part needs no package index. The Action's steps install exactly what the Action installs,
from the package index the machine is configured with; they skip, saying so, only where that index cannot be reached.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import site
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SAMPLE_JSON

pytestmark = pytest.mark.slow

def _env(**extra: str) -> dict[str, str]:
    """The environment without our source tree on the path, so only the installed copy can be imported."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.update(extra)
    return env


def _venv_seeing_our_dependencies(venv: Path) -> Path:
    """A fresh virtual environment whose path ends with this environment's site-packages (a ``.pth`` file), so an
    installed wheel finds jsonschema, lxml and the rest without a package index. Its own site-packages comes first,
    so ``resumeconv`` is imported from the wheel installed there; an editable install of the checkout is not seen
    (its ``.pth`` lives in the borrowed folder, and ``.pth`` files there are not processed)."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    own = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         capture_output=True, text=True, check=True).stdout.strip()
    borrowed = [p for p in site.getsitepackages() if os.path.isdir(p)]
    Path(own, "_resumeconv_test_deps.pth").write_text("".join(f"{p}\n" for p in borrowed), encoding="utf-8")
    return py


def _version() -> str:
    text = (ROOT / "src" / "resumeconv" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    assert found
    return found.group(1)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the sdist, then the wheel from the sdist (what ``python -m build`` does), without build isolation."""
    pytest.importorskip("build", reason="the packaging tests need the 'build' package (pip install -e '.[test]')")
    pytest.importorskip("hatchling", reason="the packaging tests need 'hatchling' (pip install -e '.[test]')")
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
                          capture_output=True, text=True, env=_env(), timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return out


def test_one_version_source_and_both_archives(dist: Path) -> None:
    version = _version()
    wheels = list(dist.glob("*.whl"))
    sdists = list(dist.glob("*.tar.gz"))
    assert [w.name for w in wheels] == [f"resumeconv-{version}-py3-none-any.whl"]
    assert [s.name for s in sdists] == [f"resumeconv-{version}.tar.gz"]
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    for needed in ("resumeconv/schemas/resume.schema.json", "resumeconv/schemas/jsonresume-1.0.0.json",
                   "resumeconv/schemas/jsonresume-latest.json", "resumeconv/render.js", "resumeconv/py.typed",
                   "resumeconv/templates/typst/academic.typ", "resumeconv/templates/typst/compact.typ",
                   "resumeconv/cli/__init__.py", "resumeconv/core/fileio.py"):
        assert needed in names, needed
    with tarfile.open(sdists[0]) as tar:
        members = {m.name.split("/", 1)[1] for m in tar.getmembers() if "/" in m.name}
    for needed in ("schema/resume.schema.json", "src/resumeconv/__init__.py", "README.md", "CHANGELOG.md",
                   "action.yml"):
        assert needed in members, needed


def test_wheel_installs_and_runs_outside_the_checkout(dist: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    py = _venv_seeing_our_dependencies(venv)
    wheel = next(dist.glob("*.whl"))
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True,
                   env=_env(), timeout=300)
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(SAMPLE_JSON, work / "cv.json")
    exe = str(venv / "bin" / "resumeconv")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, *args], cwd=work, capture_output=True, text=True, env=_env(), timeout=120)

    where = subprocess.run([str(py), "-c", "import resumeconv; print(resumeconv.__file__)"], cwd=work,
                           capture_output=True, text=True, env=_env(), check=True).stdout.strip()
    assert where.startswith(str(venv)), where
    assert run("--version").stdout.strip().endswith(_version())
    checked = run("validate", "cv.json")
    assert checked.returncode == 0, checked.stderr
    converted = run("convert", "cv.json", "-o", "cv.europass.xml")
    assert converted.returncode == 0, converted.stderr
    assert (work / "cv.europass.xml").read_bytes().lstrip().startswith(b"<?xml")
    schema = json.loads(run("schema").stdout)
    assert schema["$id"] == json.loads((ROOT / "schema" / "resume.schema.json").read_text())["$id"]
    assert json.loads(run("schema", "--profile", "jsonresume-1.0").stdout)["title"]


# ------------------------------------------------------------------------------------------- GitHub Action

_EXPR = re.compile(r"\$\{\{\s*inputs\.([A-Za-z_][\w-]*)\s*\}\}")


@pytest.fixture(scope="module")
def package_index(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The Action installs resumeconv and its dependencies from the package index (its build backend too): skip,
    with the reason, only on a machine whose pip cannot reach the index it is configured with."""
    probe = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--retries", "0",
                            "--timeout", "20", "-d", str(tmp_path_factory.mktemp("probe")), "hatchling"],
                           capture_output=True, text=True, env=_env(), timeout=120)
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"the Action installs from the package index, which pip cannot reach here: {last}")


def run_action(workspace: Path, runner: Path, inputs: dict[str, str]) -> tuple[int, str, str]:
    """Run action.yml's composite steps as a GitHub runner would: its env, GITHUB_PATH, bash -eo pipefail."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    declared = action["inputs"]
    unknown = set(inputs) - set(declared)
    assert not unknown, f"inputs the action does not declare: {unknown}"
    values = {name: inputs.get(name, str(spec.get("default", ""))) for name, spec in declared.items()}
    path_file = runner / "github_path"
    path_file.write_text("")
    base = _env(GITHUB_ACTIONS="true", CI="true", GITHUB_ACTION_PATH=str(ROOT), GITHUB_WORKSPACE=str(workspace),
                RUNNER_TEMP=str(runner), GITHUB_PATH=str(path_file), RUNNER_OS="Linux")
    out, err = "", ""
    for step in action["runs"]["steps"]:
        assert step["shell"] == "bash"
        # Inputs reach the scripts through env only: an expression inside run: would be a script injection.
        assert "${{" not in step["run"], step["name"]
        env = dict(base)
        added = [line for line in path_file.read_text().splitlines() if line]
        env["PATH"] = os.pathsep.join([*reversed(added), base.get("PATH", "")])
        for key, value in step.get("env", {}).items():
            env[key] = _EXPR.sub(lambda m: values[m.group(1)], str(value))
        script = runner / "step.sh"
        script.write_text(step["run"])
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=workspace,
                              env=env, capture_output=True, text=True, timeout=300)
        out, err = out + proc.stdout, err + proc.stderr
        if proc.returncode != 0:
            return proc.returncode, out, err
    return 0, out, err


BROKEN = """{
  "basics": {"name": "A. Person"},
  "work": [
    {"name": "Acme", "position": "Engineer", "startDate": "Jan 2019"}
  ]
}
"""


@pytest.mark.usefixtures("package_index")
def test_action_annotates_errors_on_their_lines(tmp_path: Path) -> None:
    workspace, runner = tmp_path / "repo", tmp_path / "runner"
    workspace.mkdir()
    runner.mkdir()
    (workspace / "cv.json").write_text(BROKEN)
    shutil.copy(SAMPLE_JSON, workspace / "other.resume.json")
    code, out, err = run_action(workspace, runner, {"paths": "cv.json other.resume.json"})
    assert code == 1, err
    assert "::error file=cv.json,line=4,col=" in out
    assert "'Jan 2019' is not a date" in out
    assert "other.resume.json" not in out


@pytest.mark.usefixtures("package_index")
def test_action_passes_on_a_valid_cv_and_honours_profile_and_strict(tmp_path: Path) -> None:
    workspace, runner = tmp_path / "repo", tmp_path / "runner"
    workspace.mkdir()
    runner.mkdir()
    shutil.copy(SAMPLE_JSON, workspace / "cv.json")
    code, _, err = run_action(workspace, runner, {"paths": "cv.json", "profile": "jsonresume-1.0"})
    assert code == 0, err
    warned = json.loads(SAMPLE_JSON.read_text())
    warned["basics"]["summary"] = ""
    (workspace / "cv.json").write_text(json.dumps(warned, indent=2))
    code, out, _ = run_action(workspace, runner, {"paths": "cv.json"})
    assert code == 0
    assert "::warning file=cv.json,line=7,col=16,title=resumeconv empty-string::" in out
    code, out, _ = run_action(workspace, runner, {"paths": "cv.json", "strict": "true"})
    assert code == 1
    assert "::error file=cv.json,line=7,col=16,title=resumeconv empty-string::" in out


def test_precommit_hook_matches_cv_and_resume_names() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    pattern = re.compile(hooks[0]["files"])
    for name in ("cv.json", "cv.yaml", "docs/cv.yml", "resume.json", "my-resume.yaml", "cv.resume.json",
                 "Resume.json"):
        assert pattern.search(name), name
    for name in ("package.json", ".pre-commit-config.yaml", "cvs.txt", "docs/cv.md", "cover-letter.json"):
        assert not pattern.search(name), name
