"""The ``rendercv`` format, checked by the real consumer: the installed ``rendercv`` package's own data model.

RenderCV (PyPI ``rendercv``, in the test extras) is imported only to validate what we write and to produce its own
sample documents; tests that need it skip with the reason when it is missing.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SAMPLE_JSON
from resumeconv import formats as registry
from resumeconv.formats.rendercv.fields import NETWORKS, author_text, parse_author
from resumeconv.schemas import load_schema
from resumeconv.validation import validate
from strategies import from_schema

FIXTURE = ROOT / "tests" / "fixtures" / "rendercv" / "John_Doe_ClassicTheme_CV.yaml"
SPEC = registry.get("rendercv")


def rendercv_model(text: str) -> Any:
    """RenderCV's own reading of a YAML string: its YAML reader, then its pydantic RenderCVDataModel."""
    reader = pytest.importorskip("rendercv.data.reader", reason="rendercv is not installed (pip install rendercv)")
    return reader.validate_input_dictionary_and_return_the_data_model(reader.read_a_yaml_file(text))


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    return json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def written(sample: dict[str, Any]) -> Any:
    return SPEC.write(sample)


def test_rendercv_accepts_the_sample(written: Any, sample: dict[str, Any]) -> None:
    model = rendercv_model(written.text)
    sections = [(s.title, s.entry_type, len(s.entries)) for s in model.cv.sections]
    assert sections == [
        ("Summary", "TextEntry", 1), ("Research Highlights", "NormalEntry", 3),
        ("Experience", "ExperienceEntry", 5), ("Education", "EducationEntry", 3),
        ("First-authored Publications", "PublicationEntry", 16), ("Co-authored Publications", "PublicationEntry", 18),
        ("Honors and Awards", "NormalEntry", 12), ("Talks and Tutorials", "NormalEntry", 3),
        ("Service", "NormalEntry", 4), ("Mentoring", "NormalEntry", 6)]
    pubs = [e for s in model.cv.sections if s.entry_type == "PublicationEntry" for e in s.entries]
    assert [p.title for p in pubs] == [p["name"] for p in sample["publications"]]
    assert pubs[1].authors == ["***Y. Zhang***\\*", "M. Zhang\\*", "J. Jia", "Z. Wang", "S. Liu", "T. Chen"]
    assert pubs[0].journal == ("The Thirty-ninth Annual Conference on Neural Information Processing Systems "
                               "(NeurIPS'25)")
    assert pubs[0].date == 2025
    for pub, entry in zip(pubs, sample["publications"], strict=True):
        assert [parse_author(a)[0] for a in pub.authors] == [a["name"] for a in entry["authors"]]
    assert model.cv.name == "Yihua Zhang" and model.cv.email == "zhan1908@msu.edu"
    assert model.cv.phone == "tel:+1-517-980-3880"
    phd = model.cv.sections[3].entries[0]
    assert (phd.institution, phd.area, phd.degree) == ("Michigan State University", "Computer Science and Engineering",
                                                       "Ph.D.")
    assert "Advisors: Dr. Sijia Liu" in phd.highlights
    seed = model.cv.sections[2].entries[0]
    assert (seed.company, seed.position, seed.start_date, seed.end_date) == ("Bytedance Seed", "Student Researcher",
                                                                             "2025-09", "present")
    award = model.cv.sections[6].entries[5]
    assert (award.name, award.date) == ("CVPR Outstanding Reviewer Award", "2023, 2024")


def test_the_sample_losses_name_what_rendercv_cannot_hold(written: Any) -> None:
    lines = [str(x) for x in written.losses]
    assert "/publications/0/notes: RenderCV's publication entries have no notes" in lines
    assert "/basics/metrics: RenderCV does not keep this value" in lines
    assert '/basics/phone: RenderCV does not keep it as it is: reads back as "+1 517-980-3880" (normalized)' in lines
    assert not any(x.pointer.startswith(("/publications/1/authors", "/education", "/awards", "/meta/mentees"))
                   for x in written.losses)


def test_sample_round_trip_keeps_authors_groups_advisors_and_mentees(written: Any, sample: dict[str, Any]) -> None:
    back = SPEC.read(written.data, source="x.rendercv.yaml")
    assert back.losses == []
    doc = back.document
    assert validate(doc) == []
    keep = ("authors", "group", "name", "releaseDate", "venue")
    assert [{k: p[k] for k in keep if k in p} for p in doc["publications"]] == [
        {k: p[k] for k in keep if k in p} for p in sample["publications"]]
    assert doc["education"] == sample["education"]
    assert doc["awards"] == sample["awards"]
    assert doc["projects"] == sample["projects"]
    assert doc["volunteer"] == sample["volunteer"]
    assert doc["meta"]["mentees"] == sample["meta"]["mentees"]
    assert doc["work"] == sample["work"]


def test_networks_use_rendercv_names() -> None:
    doc = {"basics": {"name": "A", "orcid": "0000-0002-1825-0097", "profiles": [
        {"network": "github", "username": "aa"}, {"network": "Twitter", "username": "bb"},
        {"network": "Google Scholar", "username": "XyZ"}, {"network": "Keybase", "username": "cc"},
        {"network": "LinkedIn", "url": "https://linkedin.com/in/dd"}]}}
    result = SPEC.write(doc)
    model = rendercv_model(result.text)
    assert [(n.network, n.username) for n in model.cv.social_networks] == [
        ("ORCID", "0000-0002-1825-0097"), ("GitHub", "aa"), ("X", "bb"), ("Google Scholar", "XyZ")]
    reasons = {x.pointer: x.reason for x in result.losses}
    assert "'Keybase' is not one of RenderCV's networks" in reasons["/basics/profiles/3"]
    assert "has no username" in reasons["/basics/profiles/4"]
    back = SPEC.read(result.data).document
    assert back["basics"]["orcid"] == "0000-0002-1825-0097"


def test_network_names_are_rendercvs_own() -> None:
    pytest.importorskip("rendercv", reason="rendercv is not installed (pip install rendercv)")
    from typing import get_args

    from rendercv.data.models.curriculum_vitae import SocialNetworkName

    assert set(NETWORKS) == set(get_args(SocialNetworkName))


def test_markup_in_titles_survives_both_ways() -> None:
    title = "A *star*, **two**, #hash $x$ @at <b> and \\*"
    doc = {"basics": {"name": "A"}, "publications": [{"name": title, "authors": [{"name": "A*B", "self": True}]}]}
    result = SPEC.write(doc)
    assert result.losses == []
    assert SPEC.read(result.data).document["publications"][0]["name"] == title
    assert SPEC.read(result.data).document["publications"][0]["authors"] == [{"name": "A*B", "self": True}]
    rendercv_model(result.text)


def test_markdown_link_syntax_is_reported() -> None:
    """RenderCV turns ``[text](url)`` into a link and has no escape for it: the text is what reads back."""
    result = SPEC.write({"publications": [{"name": "See [this](x)"}]})
    assert [str(x) for x in result.losses] == [
        '/publications/0/name: RenderCV does not keep it as it is: reads back as "See this" (normalized)']


@pytest.mark.parametrize(("text", "parsed"), [
    ("***Y. Zhang****", ("Y. Zhang", True, True, False)), ("**A**", ("A", True, False, False)),
    ("*John Doe*", ("John Doe", True, False, False)), ("B*", ("B", False, True, False)),
    ("C\\*", ("C", False, True, False)), ("D†", ("D", False, False, True)), ("E", ("E", False, False, False)),
])
def test_author_marks(text: str, parsed: tuple[str, bool, bool, bool]) -> None:
    assert parse_author(text) == parsed
    name, self_, equal, corresponding = parsed
    assert parse_author(author_text(name, self_=self_, equal=equal, corresponding=corresponding)) == parsed


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_rendercv_accepts_generated_documents(data: st.DataObject) -> None:
    doc = data.draw(from_schema(load_schema("academic")))
    result = SPEC.write(doc)
    rendercv_model(result.text)


@pytest.mark.parametrize("name", ["0E0", "1e5", "0o17", "0x1F", ".5", "-.inf", "null", "True", "~"])
def test_names_that_yaml_1_2_reads_as_numbers_stay_text_in_rendercv(name: str) -> None:
    model = rendercv_model(SPEC.write({"basics": {"name": name}}).text)
    assert model.cv.name == name


# --- RenderCV's own files read into valid documents -------------------------------------------------------------


def test_rendercv_example_reads_into_a_valid_document() -> None:
    result = SPEC.read(FIXTURE.read_bytes(), source=str(FIXTURE))
    doc = result.document
    assert validate(doc) == []
    assert doc["basics"]["name"] == "John Doe" and doc["basics"]["url"] == "https://johndoe.ai/"
    assert doc["basics"]["profiles"] == [{"network": "LinkedIn", "username": "johndoe"},
                                         {"network": "GitHub", "username": "johndoe"}]
    assert doc["education"][0]["advisors"] == ["Prof. Sanjeev Arora"]
    assert doc["work"][0] == {
        "name": "Nexus AI", "position": "Co-Founder & CTO", "location": "San Francisco, CA", "startDate": "2023-06",
        "highlights": ["Built foundation model infrastructure serving 2M+ monthly API requests with 99.97% uptime",
                       "Raised $18M Series A led by Sequoia Capital, with participation from a16z and Founders Fund",
                       "Scaled engineering team from 3 to 28 across ML research, platform, and applied AI divisions",
                       "Developed proprietary inference optimization reducing latency by 73% compared to baseline"]}
    assert doc["publications"][1] == {
        "name": "Neural Architecture Search via Differentiable Pruning",
        "authors": [{"name": "James Liu"}, {"name": "John Doe", "self": True}],
        "venue": {"name": "NeurIPS 2022, Spotlight"}, "releaseDate": "2022-12", "doi": "10.1234/neurips.2022.5678"}
    assert doc["projects"][0]["name"] == "FlashInfer" and doc["projects"][1]["startDate"] == "2021"
    assert doc["awards"][0] == {"title": "MIT Technology Review 35 Under 35 Innovators (2024)"}
    assert next(str(x) for x in result.losses if "patents" in x.pointer) == (
        "/cv/sections/patents/0: a bullet or numbered entry in 'patents' has no JSON Resume home")
    assert {x.pointer for x in result.losses} >= {"/design", "/locale", "/settings"}


def test_rendercv_packaged_samples_read_into_valid_documents() -> None:
    pytest.importorskip("rendercv", reason="rendercv is not installed (pip install rendercv)")
    import rendercv
    from rendercv.data import generator
    from rendercv.data.models.design import available_themes

    content = (Path(rendercv.__file__).parent / "data" / "sample_content.yaml").read_text(encoding="utf-8")
    texts = ["cv:\n" + "".join(f"  {line}\n" for line in content.splitlines() if line != "---")]
    for theme in available_themes:
        model = generator.create_a_sample_data_model("Jane Doe", theme)
        texts.append(generator.dictionary_to_yaml(model.model_dump(mode="json", by_alias=True, exclude_none=True)))
    assert len(texts) >= 6
    for text in texts:
        doc = SPEC.read(text.encode("utf-8"), source="rendercv-sample.yaml").document
        assert validate(doc) == [], text[:200]
        assert doc["publications"][0]["authors"][1] == {"name": "John Doe", "self": True}


def test_detected_by_content_and_extension(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    assert registry.detect("cv.yaml", data).name == "rendercv"
    assert registry.by_extension("x.rendercv.yaml", reading=False).name == "rendercv"
    assert registry.detect("cv.yaml", b"basics:\n  name: A\n").name == "yaml"


def test_cli_both_ways(tmp_path: Path, sample: dict[str, Any]) -> None:
    out = tmp_path / "cv.rendercv.yaml"
    proc = subprocess.run([sys.executable, "-m", "resumeconv.cli", "convert", str(SAMPLE_JSON), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"resumeconv: wrote {out} (rendercv, " in proc.stderr
    rendercv_model(out.read_text(encoding="utf-8"))
    back = tmp_path / "back.json"
    proc = subprocess.run([sys.executable, "-m", "resumeconv.cli", "convert", str(out), "-o", str(back)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    assert proc.stderr.startswith(f"resumeconv: wrote {back} (json, ")
    assert "could not be carried" not in proc.stderr
    assert json.loads(back.read_text())["education"] == sample["education"]


def test_not_a_rendercv_file_is_one_line() -> None:
    from resumeconv.core.errors import InputError

    with pytest.raises(InputError, match=r"^x\.rendercv\.yaml: a RenderCV file is a mapping with a 'cv' mapping"):
        SPEC.read(b"- a\n- b\n", source="x.rendercv.yaml")


def test_writer_does_not_change_the_document(sample: dict[str, Any]) -> None:
    before = copy.deepcopy(sample)
    SPEC.write(sample)
    assert sample == before


def test_orcid_url_is_written_as_the_bare_id_and_a_bad_one_reported() -> None:
    good = SPEC.write({"basics": {"name": "A", "orcid": "https://orcid.org/0000-0002-1825-0097"}})
    assert "username: 0000-0002-1825-0097" in good.text
    rendercv_model(good.text)
    bad = SPEC.write({"basics": {"name": "A", "orcid": "not an id"}})
    assert "ORCID" not in bad.text
    assert [(x.pointer, x.kind) for x in bad.losses] == [("/basics/orcid", "loss")]
    rendercv_model(bad.text)
