"""The library API resumeconv.validate: profiles, messages for people, line:column for JSON and YAML."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import resumeconv
from resumeconv.core.errors import InputError, UsageError
from resumeconv.validation import check, explain, schema_findings

FIXTURES = Path(__file__).parent / "fixtures" / "validate"
TODAY = datetime.date(2025, 6, 1)

#: (line, column, pointer, severity, rule) of every diagnostic of broken.json, in reading order.
BROKEN_JSON = [
    (4, 5, "/basics/website", "warning", "legacy-field"),
    (5, 14, "/basics/email", "error", "schema.email"),
    (7, 35, "/basics/profiles/0/url", "warning", "orcid-checksum"),
    (13, 20, "/work/0/startDate", "error", "schema.date"),
    (14, 18, "/work/0/endDate", "error", "schema.date"),
    (15, 14, "/work/0/url", "error", "schema.uri"),
    (18, 3, "/hobbies", "error", "schema.unknown-key"),
    (20, 42, "/publications/0/doi", "error", "schema.doi"),
    (21, 5, "/publications/1", "warning", "duplicate-publication"),
]
BROKEN_YAML = [
    (3, 3), (4, 10), (7, 12), (10, 16), (11, 14), (12, 10), (13, 1), (16, 10), (18, 5),
]


def rows(diags):
    return [(d.line, d.column, d.pointer, d.severity, d.rule) for d in diags]


def test_valid_sample_has_no_diagnostics(sample_doc):
    from conftest import SAMPLE_JSON

    assert resumeconv.validate(SAMPLE_JSON) == []
    for profile in ("academic", "jsonresume", "jsonresume-1.0"):
        assert resumeconv.validate(sample_doc, profile=profile) == []


def test_validate_is_the_function_even_after_the_module_is_imported():
    import resumeconv.validation

    assert callable(resumeconv.validate)


def test_broken_json_lines_and_columns():
    diags = resumeconv.validate(FIXTURES / "broken.json", today=TODAY)
    assert rows(diags) == BROKEN_JSON
    assert {d.file for d in diags} == {str(FIXTURES / "broken.json")}


def test_broken_yaml_lines_and_columns_match_the_same_findings():
    diags = resumeconv.validate(FIXTURES / "broken.yaml", today=TODAY)
    assert [(d.line, d.column) for d in diags] == BROKEN_YAML
    assert [r[2:] for r in rows(diags)] == [r[2:] for r in BROKEN_JSON]


def test_messages_say_what_would_be_right():
    messages = {d.pointer: d.message for d in resumeconv.validate(FIXTURES / "broken.json", today=TODAY)}
    assert messages["/work/0/startDate"] == "'Jan 2019' is not a date; write 2019-01"
    assert messages["/work/0/endDate"] == "'Present' is not a date; leave endDate out for an ongoing entry"
    assert messages["/work/0/url"] == "'www.example.org' has no scheme; write https://www.example.org"
    assert messages["/hobbies"] == "unknown top-level key 'hobbies': it is the pre-1.0 name of 'interests'; rename it"
    assert messages["/publications/0/doi"] == "write the bare DOI 10.1000/xyz123, without the resolver prefix"
    assert messages["/basics/email"] == "'ada@example' is not an e-mail address (name@example.org)"


def test_unknown_top_level_keys_suggest_a_section_or_meta():
    doc = {"publication": [], "hots": {}}
    found = {f.pointer: f.message for f in schema_findings(doc)}
    assert found == {
        "/publication": "unknown key 'publication'; did you mean 'publications'?",
        "/hots": "unknown top-level key 'hots': JSON Resume has no such section; move it under 'meta' (as meta.hots), "
                 "where custom data belongs, or into an existing section",
    }


def test_all_errors_are_reported_not_only_the_first():
    doc = {"work": [{"startDate": "2019/13"}, {"endDate": "Sept. 2020"}, {"startDate": "2016 ~ 2020"}]}
    assert [(f.pointer, f.message) for f in schema_findings(doc)] == [
        ("/work/0/startDate", "'2019/13' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019-01"),
        ("/work/1/endDate", "'Sept. 2020' is not a date; write 2020-09"),
        ("/work/2/startDate", "'2016 ~ 2020' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019-01"),
    ]


def test_type_errors_and_null():
    doc = {"interests": ["chess"], "references": 0, "work": [{"summary": None}]}
    assert sorted((f.pointer, f.rule, f.message) for f in schema_findings(doc)) == [
        ("/interests/0", "schema.type", "expected an object, got a string"),
        ("/references", "schema.type", "expected an array (a list), got a number"),
        ("/work/0/summary", "schema.type", "expected a string, got null; leave 'summary' out instead of null"),
    ]


def test_required_enum_and_min_items_in_academic_fields():
    doc = {"publications": [{"name": "P", "type": "journal-paper", "authors": [{"self": True}]},
                            {"name": "Q", "authors": []}]}
    assert sorted((f.pointer, f.rule, f.message) for f in schema_findings(doc)) == [
        ("/publications/0/authors/0", "schema.required", "missing required field 'name'"),
        ("/publications/0/type", "schema.enum",
         "'journal-paper' is not an allowed value; did you mean 'journal-article'?"),
        ("/publications/1/authors", "schema.minItems", "needs at least 1 item(s); leave 'authors' out if it is empty"),
    ]


def test_full_date_field_never_gets_an_invented_day():
    found = schema_findings({"certificates": [{"name": "C", "date": "Jun 2019"}]})
    assert len(found) == 1
    assert found[0].message.startswith("'Jun 2019' is not a full date; this field needs YYYY-MM-DD")


def test_any_of_noise_collapses_to_the_best_match():
    from jsonschema import Draft7Validator

    schema = {"type": "object", "properties": {"when": {"anyOf": [
        {"type": "string", "pattern": "^[0-9]{4}$"}, {"type": "object", "required": ["year"]}]}}}
    found = explain(Draft7Validator(schema), {"when": "Jan 2019"})
    assert [(f.pointer, f.rule) for f in found] == [("/when", "schema.pattern")]
    assert found[0].message == "'Jan 2019' does not match '^[0-9]{4}$'"


def test_profiles_differ_where_the_schemas_differ():
    doc = {"custom": 1, "certificates": [{"name": "C", "date": "2019-05"}],
           "publications": [{"name": "P", "doi": "doi:10.1000/x"}]}

    def summary(profile):
        return [(d.pointer, d.severity, d.rule) for d in resumeconv.validate(doc, profile=profile, today=TODAY)]

    assert summary("academic") == [
        ("/certificates/0/date", "error", "schema.date"), ("/custom", "error", "schema.unknown-key"),
        ("/publications/0/doi", "error", "schema.doi")]
    assert summary("jsonresume") == [
        ("/certificates/0/date", "warning", "upstream-v1.0"), ("/custom", "warning", "upstream-v1.0"),
        ("/publications/0/doi", "warning", "doi-syntax")]
    assert summary("jsonresume-1.0") == [
        ("/certificates/0/date", "error", "schema.date"), ("/custom", "error", "schema.unknown-key"),
        ("/publications/0/doi", "warning", "doi-syntax")]


def test_strict_turns_warnings_into_errors():
    doc = {"basics": {"label": ""}}
    assert [f.severity for f in check(doc)] == ["warning"]
    assert [f.severity for f in check(doc, strict=True)] == ["error"]


def test_lint_can_be_switched_off():
    assert check({"basics": {"label": ""}}, lint=False) == []


def test_dict_input_has_no_positions():
    diags = resumeconv.validate({"basics": {"email": "x"}})
    assert rows(diags) == [(None, None, "/basics/email", "error", "schema.email")]
    assert diags[0].file == "<document>"


def test_bytes_input_gets_positions():
    diags = resumeconv.validate(b'{\n  "basics": {"email": "x"}\n}\n')
    assert rows(diags) == [(2, 23, "/basics/email", "error", "schema.email")]
    assert diags[0].file == "<input>"


def test_unreadable_and_malformed_input_raise_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        resumeconv.validate(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "basics": {,}\n}\n')
    with pytest.raises(InputError) as info:
        resumeconv.validate(bad)
    assert (info.value.line, info.value.column) == (2, 14)


def test_unknown_profile_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown profile 'europass'"):
        resumeconv.validate({}, profile="europass")


def test_the_valid_path_builds_no_source_map(monkeypatch):
    import resumeconv.validation.sourcemap

    def boom(*_args):
        raise AssertionError("source map built for a valid file")

    monkeypatch.setattr(resumeconv.validation.sourcemap, "build", boom)
    assert resumeconv.validate(FIXTURES / "valid.json", today=TODAY) == []
