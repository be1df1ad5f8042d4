"""Checks samples/yihua-zhang.resume.json against the seed CV (shared/seed/cv.txt).

The expectations below were written by reading the seed text, not the JSON, so the
tests that only need the sample run without ../shared. Tests that read the seed or
the upstream JSON Resume schemas skip when ../shared is absent.
"""

import copy
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

jsonschema = pytest.importorskip("jsonschema")
from jsonschema import Draft4Validator, Draft7Validator, FormatChecker  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
# ../shared beside the clone; RESUMECONV_SHARED overrides the place, as in tests/conftest.py.
SHARED = Path(os.environ.get("RESUMECONV_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SAMPLE_PATH = REPO / "samples" / "yihua-zhang.resume.json"
SCHEMA_PATH = REPO / "schema" / "resume.schema.json"
SEED_PATH = SHARED / "seed" / "cv.txt"
UPSTREAM_V1 = SHARED / "reference" / "jsonresume" / "schema.json"
UPSTREAM_LATEST = SHARED / "reference" / "jsonresume" / "schema-latest.json"

# ---------------------------------------------------------------------------
# Expectations written from the seed text
# ---------------------------------------------------------------------------

# (label as printed, group, author count, equal-contribution authors, releaseDate, type)
PUBLICATIONS = [
    # FIRST-AUTHORED PUBLICATIONS (16, including the [ICML'25W] workshop paper)
    ("NeurIPS'25", "first-authored", 6, [], "2025", "conference-paper"),
    ("NeurIPS'25", "first-authored", 6, ["Y. Zhang", "M. Zhang"], "2025", "conference-paper"),
    ("ACL'25", "first-authored", 7, ["Y. Zhang", "H. Zhuang"], "2025", "conference-paper"),
    ("ICML'25W", "first-authored", 14, ["Y. Zhang"], "2025", "workshop-paper"),
    ("CVPR'25", "first-authored", 6, ["Y. Zhang", "H. Wang"], "2025", "conference-paper"),
    ("CPAL'25", "first-authored", 8, [], "2025", "conference-paper"),
    ("NeurIPS'24", "first-authored", 10, [], "2024", "conference-paper"),
    ("ICML'24", "first-authored", 13, [], "2024", "conference-paper"),
    ("IEEE SPM'24", "first-authored", 6, [], "2024", "magazine-article"),
    ("NeurIPS'23", "first-authored", 9, [], "2023", "conference-paper"),
    ("ICCV'23", "first-authored", 9, [], "2023", "conference-paper"),
    ("ICLR'23", "first-authored", 6, [], "2023", "conference-paper"),
    ("NeurIPS'22", "first-authored", 8, [], "2022", "conference-paper"),
    ("NeurIPS'22", "first-authored", 5, ["Y. Zhang", "G. Zhang"], "2022", "conference-paper"),
    ("ICML'22", "first-authored", 6, [], "2022", "conference-paper"),
    ("CVPR'22", "first-authored", 6, ["Y. Zhang", "T. Chen", "Z. Zhang"], "2022", "conference-paper"),
    # Co-Authored Publications (18)
    ("EMNLP'25", "co-authored", 9, [], "2025", "conference-paper"),
    ("ICCV'25", "co-authored", 5, [], "2025", "conference-paper"),
    ("ICML'25", "co-authored", 6, [], "2025", "conference-paper"),
    ("ICML'25", "co-authored", 9, [], "2025", "conference-paper"),
    ("ICLR'25", "co-authored", 6, [], "2025", "conference-paper"),
    ("AAAI'25", "co-authored", 7, [], "2025", "conference-paper"),
    ("EMNLP'24", "co-authored", 8, [], "2024", "conference-paper"),
    ("NeurlPS'24", "co-authored", 6, [], "2024", "conference-paper"),
    ("NeurIPS'24", "co-authored", 9, [], "2024", "conference-paper"),
    ("ECCV'24", "co-authored", 8, [], "2024", "conference-paper"),
    ("ICLR'24", "co-authored", 6, [], "2024", "conference-paper"),
    ("ICLR'24", "co-authored", 10, [], "2024", "conference-paper"),
    ("IEEE TSP", "co-authored", 6, [], "2024", "journal-article"),
    ("ICML'23", "co-authored", 7, [], "2023", "conference-paper"),
    ("ICLR'23", "co-authored", 7, [], "2023", "conference-paper"),
    ("CVPR'23", "co-authored", 5, [], "2023", "conference-paper"),
    ("CVPR'23", "co-authored", 3, [], "2023", "conference-paper"),
    ("UAI'22", "co-authored", 9, [], "2022", "conference-paper"),
]
# Authors per publication, counted by hand from the seed ("Y, Chen" and "J, Jia" are one author each).
FIRST_AUTHORED_COUNTS = [6, 6, 7, 14, 6, 8, 10, 13, 6, 9, 9, 6, 8, 5, 6, 6]
CO_AUTHORED_COUNTS = [9, 5, 6, 9, 6, 7, 8, 6, 9, 8, 6, 10, 6, 7, 7, 5, 3, 9]
AUTHOR_COUNTS = FIRST_AUTHORED_COUNTS + CO_AUTHORED_COUNTS

# Co-authored entries whose list prints "Y. Zhang" twice: nobody is marked self there.
CO_AUTHORED_TWO_Y_ZHANG = {0, 6, 8, 9, 11, 14}  # indexes inside the co-authored group

# Remarks printed after the venue, by publication index.
PUBLICATION_NOTES = {
    0: ["Spotlight (3.2% of 21575 submissions)"],
    10: ["Oral (1.7% of 8620 submissions)"],
    20: ["Oral, 1.8% of 11,603 submissions"],
    26: ["Spotlight, 5% of 7262 submissions"],
    33: ["Best Paper Runner-Up Award"],
}

# (title without "x2", every year in order)
AWARDS = [
    ("IBM PhD Fellowship 2024", ["2025"]),
    ("Fitch H. Beach Award", ["2025"]),
    ("CPAL Rising Star Award", ["2025"]),
    ("MLCommons Rising Star Award", ["2024"]),
    ("UAI 2022 Best Paper Runner-up Award", ["2022"]),
    ("CVPR Outstanding Reviewer Award", ["2023", "2024"]),
    ("NeurIPS Top Reviewer Award", ["2022", "2023"]),
    ("NeurIPS Scholar Award", ["2022", "2023"]),
    ("AAAI Travel Grant Award", ["2023"]),
    ("ICML Travel Grant Award", ["2022"]),
    ("UAI Student Scholarship Award", ["2022"]),
    ("National Scholarship", ["2016", "2017"]),
]

# (company, position, startDate, endDate or None while current)
POSITIONS = [
    ("Bytedance Seed", "Student Researcher", "2025-09", None),
    ("Meta AI", "Research Scientist Intern", "2025-05", "2025-08"),
    ("Meta AI", "Research Scientist Intern", "2024-09", "2025-05"),
    ("Cisco Research", "Research Scientist Intern", "2023-12", "2024-08"),
    ("Amazon AWS AI Lab", "Applied Scientist Intern", "2023-05", "2023-08"),
]

# (institution, location, studyType, area, startDate, endDate)
EDUCATION = [
    ("Michigan State University", "East Lansing, USA", "Ph.D.", "Computer Science and Engineering", None, None),
    ("RWTH Aachen University", "Aachen, Germany", "M.Sc.", "Automation", None, None),
    ("Huazhong University of Science and Technology", "Wuhan, China", "B.Sc.", "Automation", "2015", "2019"),
]

# (label, title, year derived from the label)
TUTORIALS = [
    ("IEEE MilCom'25", "Robust Machine Unlearning: Securing Foundation Models Against Forgetting Failures", "2025"),
    (
        "AAAI'24",
        "Zeroth-Order Machine Learning: Fundamental Principles and Emerging Applications in Foundation Models",
        "2024",
    ),
    ("AAAI'23", "Bi-level Optimization in Machine Learning: Foundations and Applications", "2023"),
]

# (name, [(role, institution)], start, end, outcomes)
MENTEES = [
    ("Yuhao Sun", [("Undergraduate", "USTC")], "2024-05", "2024-08", ["ICCV'25"]),
    ("Hanhui Wang", [("Master", "USC")], "2024-05", "2024-10", ["CVPR'25"]),
    ("Chongyu Fan", [("Undergraduate", "HUST"), ("PhD", "MSU")], "2023-05", "2024-08", ["ICLR'24 Spotlight"]),
    ("Haomin Zhuang", [("PhD", "Notre Dame")], "2022-12", "2024-08", ["CVPRW'23", "ACL'25 Main"]),
    ("Can Jin", [("Undergraduate", "USTC"), ("PhD", "Rutgers")], "2023-08", "2023-12", ["AAAI'25"]),
    ("Aochuan Chen", [("Undergraduate", "THU"), ("PhD", "HKUST")], "2022-10", "2023-10", ["CVPR'23", "ICLR'24"]),
]

URI_KEYS = {"$schema", "url", "canonical", "image"}


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample():
    return json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _shared_file(path):
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent: {SHARED} not found")
    if not path.is_file():
        pytest.skip(f"../shared is absent: {path} not found")
    return path


@pytest.fixture(scope="module")
def seed_text():
    return _shared_file(SEED_PATH).read_text(encoding="utf-8")


def _seed_publications(text):
    """(label, [author names as printed, '\\*' kept]) for every publication line of the seed."""
    out = []
    for m in re.finditer(r'^- \[([^\]]+)\] (.*?), "', text, re.M):
        tokens = m.group(2).split(", ")
        names, i = [], 0
        while i < len(tokens):
            tok = tokens[i]
            if re.fullmatch(r"[A-Z]", tok):  # "Y, Chen": an initial printed with a comma
                tok = tok + ", " + tokens[i + 1]
                i += 1
            names.append(tok)
            i += 1
        out.append((m.group(1), names))
    return out


def _walk(value, path=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield path + "/" + k, k, v
            yield from _walk(v, path + "/" + k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}/{i}")


def _validate(schema_doc, validator_cls, instance):
    validator_cls.check_schema(schema_doc)
    validator = validator_cls(schema_doc, format_checker=FormatChecker())
    return sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def test_valid_against_our_schema(sample, schema):
    assert sample["$schema"] == schema["$id"]
    errors = _validate(schema, Draft7Validator, sample)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


@pytest.mark.parametrize(
    "name,validator_cls",
    [
        ("schema.json", Draft4Validator),  # upstream v1.0.0, draft-04, root closed
        ("schema-latest.json", Draft7Validator),  # upstream @jsonresume/schema 1.3.1, draft-07
    ],
)
def test_valid_against_upstream_schema(sample, name, validator_cls):
    path = _shared_file(SHARED / "reference" / "jsonresume" / name)
    upstream = json.loads(path.read_text(encoding="utf-8"))
    assert upstream["$schema"].startswith(
        "http://json-schema.org/draft-04/" if validator_cls is Draft4Validator else "http://json-schema.org/draft-07/"
    )
    errors = _validate(upstream, validator_cls, sample)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_upstream_v1_validation_is_not_vacuous(sample):
    upstream = json.loads(_shared_file(UPSTREAM_V1).read_text(encoding="utf-8"))
    broken = copy.deepcopy(sample)
    broken["mentees"] = broken["meta"]["mentees"]  # the v1.0.0 root is closed
    broken["publications"][0]["releaseDate"] = "Nov. 2025"
    assert len(_validate(upstream, Draft4Validator, broken)) == 2


def test_uris_are_absolute(sample):
    # python-jsonschema does not check format "uri" without extra packages; check every URI by hand.
    seen = 0
    for path, key, value in _walk(sample):
        if key in URI_KEYS and isinstance(value, str):
            seen += 1
            parts = urlsplit(value)
            assert parts.scheme in ("http", "https") and parts.netloc, path
            assert not re.search(r"\s", value), path
    assert seen == 1  # only $schema: the seed gives no address at all


def test_formatting_and_key_order(schema):
    text = SAMPLE_PATH.read_text(encoding="utf-8")
    doc = json.loads(text)
    assert text == json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

    def resolve(node):
        if "$ref" in node:
            base = dict(schema["definitions"][node["$ref"].split("/")[-1]])
            base.update({k: v for k, v in node.items() if k != "$ref"})
            return base
        return node

    def check(value, node, path):
        node = resolve(node or {})
        if isinstance(value, dict):
            props = list(node.get("properties", {}))
            keys = list(value)
            unknown = [k for k in keys if k not in props]
            assert not unknown, f"{path}: fields not in the schema: {unknown}"
            assert keys == sorted(keys, key=props.index), f"{path}: keys not in schema order"
            for k in keys:
                check(value[k], node["properties"][k], f"{path}/{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                check(v, node.get("items"), f"{path}/{i}")

    check(doc, schema, "")


def test_nothing_invented(sample):
    # The seed gives no addresses, DOIs, arXiv ids, publishers, awarders, label or profiles.
    for path, key, value in _walk(sample):
        assert key not in {"url", "doi", "arxiv", "publisher", "awarder", "label", "profiles", "image"}, path
        if key == "location":
            assert path.startswith(("/work/", "/education/")), path
        if key in {"startDate", "endDate", "date", "releaseDate"}:
            assert re.fullmatch(r"\d{4}(-\d{2})?", value) or path == "/basics/metrics/0/date", path
    assert all("status" not in p for p in sample["publications"])


# ---------------------------------------------------------------------------
# Content against the seed (hard-coded expectations)
# ---------------------------------------------------------------------------


def test_basics(sample):
    b = sample["basics"]
    assert b["name"] == "Yihua Zhang"
    assert b["email"] == "zhan1908@msu.edu"
    assert b["phone"] == "(+1) 5179803880"
    assert b["metrics"] == [{"name": "citations", "value": 1805, "source": "Google Scholar", "date": "2025-11-03"}]
    assert b["summary"].startswith("My research advances fundamental optimization methods")
    assert b["summary"].endswith("See my research roadmap.")
    assert [h["title"] for h in b["researchHighlights"]] == [
        "LLM Zeroth-Order Fine-Tuning at Inference-Level Memory Cost",
        "Machine Unlearning and Knowledge Editing on LLMs and Diffusion Models",
        "Bi-Level Optimization Foundations for Large-Scale Machine Learning Problems",
    ]
    assert "relying solely on inference-level memory." in b["researchHighlights"][0]["summary"]
    assert "Shanghai Al Lab." in b["researchHighlights"][1]["summary"]
    assert "*" not in json.dumps(b)
    overview = sample["meta"]["publicationsOverview"]
    assert overview.startswith("Yihua Zhang has published over 30 papers")
    assert "(e.g., NeurIPS, ICML, ICLR, CVPR, ICCV, ECCV, ACL), including 15 first-author publications." in overview
    assert overview.endswith("as of Nov. 3rd, 2025.")


def test_publication_counts(sample):
    pubs = sample["publications"]
    assert len(pubs) == 34 == len(PUBLICATIONS) == len(AUTHOR_COUNTS)
    assert sum(p["group"] == "first-authored" for p in pubs) == 16
    assert sum(p["group"] == "co-authored" for p in pubs) == 18
    assert [p["group"] for p in pubs] == ["first-authored"] * 16 + ["co-authored"] * 18
    assert [len(p["authors"]) for p in pubs] == AUTHOR_COUNTS
    assert [e[2] for e in PUBLICATIONS] == AUTHOR_COUNTS


@pytest.mark.parametrize("i", range(34))
def test_publication(sample, i):
    label, group, count, equal, year, ptype = PUBLICATIONS[i]
    p = sample["publications"][i]
    assert p["name"] and '"' not in p["name"]
    assert p["venue"]["short"] == label
    assert p["venue"]["name"]
    assert p["releaseDate"] == year
    assert p["type"] == ptype
    assert p["group"] == group
    assert p["authors"] and len(p["authors"]) == count
    assert all(a["name"] and "*" not in a["name"] for a in p["authors"])
    assert [a["name"] for a in p["authors"] if a.get("equalContribution")] == equal
    assert all(a.get("equalContribution") in (None, True) for a in p["authors"])
    assert p.get("notes") == PUBLICATION_NOTES.get(i)
    selves = [k for k, a in enumerate(p["authors"]) if a.get("self")]
    assert all(a.get("self") in (None, True) for a in p["authors"])
    if group == "first-authored":
        assert selves == [0] and p["authors"][0]["name"] == "Y. Zhang"
    elif (i - 16) in CO_AUTHORED_TWO_Y_ZHANG:
        assert [a["name"] for a in p["authors"]].count("Y. Zhang") == 2
        assert selves == []
    else:
        assert [a["name"] for a in p["authors"]].count("Y. Zhang") == 1
        assert len(selves) == 1 and p["authors"][selves[0]]["name"] == "Y. Zhang"


def test_publication_oddities_kept(sample):
    pubs = sample["publications"]
    assert [a["name"] for a in pubs[0]["authors"]] == ["Y. Zhang", "C. Wang", "Y, Chen", "C. Fan", "J, Jia", "S. Liu"]
    assert pubs[7]["venue"] == {
        "name": "The 63rd Annual Meeting of the Association for Computational Linguistics",
        "short": "ICML'24",
    }
    assert pubs[8]["venue"]["name"] == "IEEE Signal Processing Magazine 2024"
    assert pubs[15]["venue"]["name"] == "2022 Conference on Computer Vision and Pattern Recognition"
    assert pubs[23]["venue"]["short"] == "NeurlPS'24"
    assert pubs[28]["venue"] == {"name": "IEEE Journal of Selected Topics in Signal Processing", "short": "IEEE TSP"}
    assert pubs[29]["authors"][-1]["name"] == "Mingyi Hong"
    assert pubs[32]["name"] == "A Pilot Study of Query-Free Adversarial Attack against Stable Diffusion"
    assert pubs[32]["venue"]["short"] == "CVPR'23"
    assert pubs[3]["name"] == "ReasonRec: A Reasoning-Augmented Multimodal Agent for Unified Recommendation"


def test_awards(sample):
    awards = sample["awards"]
    assert len(awards) == 12
    assert sum(len(a.get("dates", [])) or 1 for a in awards) == 16
    for award, (title, years) in zip(awards, AWARDS, strict=True):
        assert award["title"] == title
        assert award.get("dates", [award["date"]]) == years
        assert award["date"] == years[-1]
        assert "x2" not in award["title"]
    by_title = {a["title"]: a for a in awards}
    ibm = by_title["IBM PhD Fellowship 2024"]
    assert (ibm["amount"], ibm["selectivity"]) == ("$40,000", "24 recipients selected worldwide")
    beach = by_title["Fitch H. Beach Award"]
    assert (beach["amount"], beach["summary"]) == ("$2,000", "highest honor for MSU Ph.D. students")
    assert by_title["CPAL Rising Star Award"]["host"] == "Stanford University"
    assert by_title["CPAL Rising Star Award"]["selectivity"] == "15 recipients selected worldwide"
    assert by_title["MLCommons Rising Star Award"]["host"] == "NVIDIA"
    assert by_title["MLCommons Rising Star Award"]["selectivity"] == "41 recipients selected worldwide"
    national = by_title["National Scholarship"]
    assert (national["selectivity"], national["summary"]) == ("Top 0.2%", "highest undergraduate honor in China")


def test_work(sample):
    work = sample["work"]
    assert len(work) == 5
    for w, (company, position, start, end) in zip(work, POSITIONS, strict=True):
        assert (w["name"], w["position"], w["startDate"], w.get("endDate")) == (company, position, start, end)
    assert work[0]["department"] == "Multimodal Interaction and World Model"
    assert work[0]["location"] == "San Jose, USA"
    assert work[0]["project"] == "Optimization on Token-Efficient Multi-Modal Fusion in VLM Pretrain"
    assert "employmentType" not in work[0]
    assert [w.get("employmentType") for w in work[1:]] == [
        ["full-time", "internship"],
        ["part-time", "internship"],
        ["part-time", "full-time", "internship"],
        ["full-time", "internship"],
    ]
    assert [w.get("workplaceType") for w in work] == [None, None, "remote", "remote", None]
    assert [w.get("location") for w in work] == ["San Jose, USA", "Sunnyvale, USA", None, None, "Seattle, USA"]
    assert [len(w["highlights"]) for w in work] == [3, 4, 4, 2, 2]
    assert "Paper: ReasonRec: A Reasoning-Augmented Multimodal Agent for Unified Recommendation" in work[2]["summary"]
    assert "Mentor: Gaowen Liu" in work[3]["summary"]
    assert "*" not in json.dumps(work)


def test_education(sample):
    edu = sample["education"]
    assert len(edu) == 3
    for e, (inst, loc, study, area, start, end) in zip(edu, EDUCATION, strict=True):
        assert (e["institution"], e["location"], e["studyType"], e["area"]) == (inst, loc, study, area)
        assert (e.get("startDate"), e.get("endDate")) == (start, end)
    assert [e.get("status") for e in edu] == ["candidate", None, None]
    assert edu[0]["advisors"] == ["Dr. Sijia Liu"]
    assert edu[0]["committee"] == ["Dr. Xiaoming Liu", "Dr. Anil K. Jain", "Dr. Kush R. Varshney"]
    assert edu[0]["researchAreas"] == [
        "Efficient Machine Learning",
        "Trustworthy Machine Learning",
        "Multimodal Modeling",
    ]
    assert edu[2]["department"] == "Qiming Honor College of HUST"


def test_tutorials(sample):
    projects = sample["projects"]
    assert len(projects) == 3
    for p, (label, title, year) in zip(projects, TUTORIALS, strict=True):
        assert (p["type"], p["name"], p["venue"], p["startDate"], p["roles"]) == (
            "tutorial",
            title,
            {"short": label},
            year,
            ["Tutorial Speaker"],
        )


def test_service(sample):
    vol = sample["volunteer"]
    assert [(v["type"], v["position"], v["venues"]) for v in vol] == [
        ("volunteering", "Conference Volunteer", ["AAAI'23"]),
        ("volunteering", "Conference Volunteer", ["ICLR'23"]),
        ("reviewing", "Journal Reviewer", ["JMLR", "IEEE TPAMI", "IEEE T-IFS", "TMLR"]),
        ("organizing", "Workshop Organizer", ["ICML'22", "ICML'23", "NeurIPS'24"]),
    ]
    assert vol[3]["organization"] == "New Frontiers in Adversarial ML"
    assert (vol[3]["startDate"], vol[3]["endDate"]) == ("2022", "2024")


def test_mentees(sample):
    mentees = sample["meta"]["mentees"]
    assert len(mentees) == 6
    for m, (name, affs, start, end, outcomes) in zip(mentees, MENTEES, strict=True):
        assert m["name"] == name
        assert [(a["role"], a["institution"]) for a in m["affiliations"]] == affs
        assert (m["startDate"], m["endDate"]) == (start, end)
        assert m["outcomes"] == outcomes


def test_source_notes(sample):
    source = sample["meta"]["source"]
    assert source["file"] == "shared/seed/cv.txt"
    notes = "\n".join(source["notes"])
    for needle in [
        "Y, Chen",
        "J, Jia",
        "NeurlPS'24",
        "IEEE Journal of Selected Topics in Signal Processing",
        "Shanghai Al Lab",
        "15 first-author",
        "CVPRW'23",
        "Mingyi Hong",
        "Full-Time Seattle",
        "The 63rd Annual Meeting of the Association for Computational Linguistics",
        "IBM PhD Fellowship 2024",
        "Website | Blogs",
        "2022 Conference on Computer Vision",
    ]:
        assert needle in notes, needle


# ---------------------------------------------------------------------------
# Against the seed itself (needs ../shared)
# ---------------------------------------------------------------------------


def test_seed_matches_hard_coded_expectations(seed_text):
    seed_pubs = _seed_publications(seed_text)
    assert len(seed_pubs) == 34
    assert [len(names) for _, names in seed_pubs] == AUTHOR_COUNTS
    assert [label for label, _ in seed_pubs] == [e[0] for e in PUBLICATIONS]
    assert [[n.replace("\\*", "") for n in names if n.endswith("\\*")] for _, names in seed_pubs] == [
        e[3] for e in PUBLICATIONS
    ]
    first, co = seed_text.split("### FIRST-AUTHORED PUBLICATIONS")[1].split("### Co-Authored Publications")
    assert len(re.findall(r"^- \[", first, re.M)) == 16
    assert len(re.findall(r"^- \[", co, re.M)) == 18
    assert "Google Scholar Citation 1805" in seed_text and "as of Nov. 3rd, 2025" in seed_text
    for title, _ in AWARDS:
        assert title in seed_text, title
    for _, title, _ in TUTORIALS:
        assert title in seed_text, title
    for name, *_ in MENTEES:
        assert name in seed_text, name


def test_sample_matches_seed(sample, seed_text):
    seed_pubs = _seed_publications(seed_text)
    for p, (label, names) in zip(sample["publications"], seed_pubs, strict=True):
        assert p["venue"]["short"] == label
        assert [a["name"] for a in p["authors"]] == [n.replace("\\*", "") for n in names]
        assert [bool(a.get("equalContribution")) for a in p["authors"]] == [n.endswith("\\*") for n in names]
        assert f'"{p["name"]}"' in seed_text
        assert p["venue"]["name"] in seed_text
        for note in p.get("notes", []):
            assert note in seed_text
    plain = seed_text.replace("**", "").replace("*", "")
    for w in sample["work"]:
        for text in [w["summary"], *w["highlights"], w.get("project", "")]:
            for line in text.split("\n"):
                assert line in plain, line
    for h in sample["basics"]["researchHighlights"]:
        assert h["title"] in seed_text and h["summary"] in plain
    assert sample["basics"]["summary"] in seed_text
    assert sample["meta"]["publicationsOverview"] in plain
