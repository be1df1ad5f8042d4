"""Every untrusted-input path attacked through the real CLI (subprocess): one place to see them all.

Each attack must be refused quickly, with exit code 2, exactly one line on stderr naming the file and saying
what was refused, and no traceback. See SECURITY.md for the guarantees these tests hold the tool to.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

#: Seconds an attack may take end to end, start-up included (a real blow-up takes minutes or never ends).
QUICK = 10.0

XML_READERS = {
    "europass": '<Candidate xmlns="http://www.europass.eu/1.0">{body}</Candidate>',
    "europass-v3": '<SkillsPassport xmlns="http://europass.cedefop.europa.eu/Europass" locale="en">{body}'
                   "</SkillsPassport>",
    "orcid-xml": '<work:work xmlns:work="http://www.orcid.org/ns/work"><work:title>{body}</work:title></work:work>',
}
DTD_REFUSED = "XML with a DOCTYPE or entity declaration is refused"


def run(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None) -> tuple[subprocess.CompletedProcess,
                                                                                              float]:
    """Run the installed CLI in a fresh interpreter; the process and the seconds it took."""
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", "from resumeconv.cli import main; main()", *args],
                          input=stdin, capture_output=True, env={**os.environ, **(env or {})}, timeout=120)
    return proc, time.monotonic() - start


def assert_refused(proc: subprocess.CompletedProcess, elapsed: float, name: str, *fragments: str) -> str:
    """Exit 2, one stderr line naming ``name`` and containing every fragment, no traceback; the line."""
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr
    assert proc.returncode == 2, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"resumeconv: {name}"), lines[0]
    for fragment in fragments:
        assert fragment in lines[0]
    assert elapsed < QUICK
    return lines[0]


def xml(fmt: str, prolog: str, body: str) -> bytes:
    return f'<?xml version="1.0"?>\n{prolog}\n{XML_READERS[fmt].format(body=body)}'.encode()


# ------------------------------------------------------------------------------------------------------ XML


@pytest.mark.parametrize("fmt", XML_READERS)
def test_xxe_file_entity_is_refused_and_never_read(fmt: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    evil = tmp_path / "evil.xml"
    evil.write_bytes(xml(fmt, f'<!DOCTYPE r [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>', "&xxe;"))
    proc, elapsed = run("convert", "-f", fmt, "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}:2: ", DTD_REFUSED)
    assert b"TOP-SECRET-VALUE" not in proc.stdout + proc.stderr


@pytest.mark.parametrize("fmt", XML_READERS)
@pytest.mark.parametrize("kind", ["entity", "external-dtd", "parameter-entity"])
def test_xxe_over_http_makes_no_request(fmt: str, kind: str, tmp_path: Path, httpserver) -> None:
    httpserver.expect_request("/evil").respond_with_data("PWNED")
    url = httpserver.url_for("/evil")
    prolog = {
        "entity": f'<!DOCTYPE r [<!ENTITY xxe SYSTEM "{url}">]>',
        "external-dtd": f'<!DOCTYPE r SYSTEM "{url}">',
        "parameter-entity": f'<!DOCTYPE r [<!ENTITY % p SYSTEM "{url}"> %p;]>',
    }[kind]
    evil = tmp_path / "evil.xml"
    evil.write_bytes(xml(fmt, prolog, "&xxe;" if kind == "entity" else "x"))
    proc, elapsed = run("convert", "-f", fmt, "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}:2: ", DTD_REFUSED)
    assert httpserver.log == []


@pytest.mark.parametrize("fmt", XML_READERS)
def test_billion_laughs_is_refused_quickly(fmt: str, tmp_path: Path) -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    evil = tmp_path / "laughs.xml"
    evil.write_bytes(xml(fmt, f"<!DOCTYPE r [{''.join(entities)}]>", "&lol9;"))
    proc, elapsed = run("convert", "-f", fmt, "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}:2: ", DTD_REFUSED)


@pytest.mark.parametrize("fmt", XML_READERS)
def test_quadratic_blowup_is_refused_quickly(fmt: str, tmp_path: Path) -> None:
    """One 100 kB internal entity referenced 20,000 times would expand to 2 GB without any nesting."""
    evil = tmp_path / "quadratic.xml"
    evil.write_bytes(xml(fmt, f'<!DOCTYPE r [<!ENTITY a "{"A" * 100_000}">]>', "&a;" * 20_000))
    proc, elapsed = run("convert", "-f", fmt, "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}:2: ", DTD_REFUSED)


@pytest.mark.parametrize("fmt", XML_READERS)
def test_doctype_hidden_in_utf16_is_refused(fmt: str, tmp_path: Path) -> None:
    evil = tmp_path / "wide.xml"
    text = xml(fmt, '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;").decode()
    evil.write_bytes(text.replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16"))
    proc, elapsed = run("convert", "-f", fmt, "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}", DTD_REFUSED)
    assert b"root:" not in proc.stdout


@pytest.mark.parametrize("fmt", XML_READERS)
def test_deeply_nested_xml_is_refused(fmt: str, tmp_path: Path) -> None:
    evil = tmp_path / "deep.xml"
    evil.write_bytes(xml(fmt, "", "<a>" * 100_000 + "</a>" * 100_000))
    proc, elapsed = run("convert", "-f", fmt, "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}:3:", "invalid XML: Excessive depth in document: 256")


def test_detected_xml_is_refused_the_same_way(tmp_path: Path) -> None:
    """No -f: the format is sniffed from the content, and the same parser refuses the DTD."""
    evil = tmp_path / "cv.europass.xml"
    evil.write_bytes(xml("europass", '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;"))
    proc, elapsed = run("convert", "-t", "yaml", str(evil))
    assert_refused(proc, elapsed, f"{evil}:2: ", DTD_REFUSED)


# ----------------------------------------------------------------------------------------------- YAML, JSON

YAML_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))


@pytest.mark.parametrize("command", [["convert", "-t", "json"], ["migrate"], ["render", "-t", "even"]])
def test_yaml_alias_bomb_is_refused_by_every_command(command: list[str], tmp_path: Path) -> None:
    evil = tmp_path / "bomb.yaml"
    evil.write_text(YAML_BOMB)
    proc, elapsed = run(*command, str(evil))
    assert_refused(proc, elapsed, f"{evil}", "YAML aliases expand to more than 100000 nodes (alias bomb refused)")


def test_yaml_alias_bomb_is_one_unreadable_file_for_validate(tmp_path: Path) -> None:
    evil = tmp_path / "bomb.yaml"
    evil.write_text(YAML_BOMB)
    proc, elapsed = run("validate", str(evil))
    assert proc.returncode == 2 and elapsed < QUICK
    assert proc.stdout.decode().startswith(f"{evil}:")
    assert "alias bomb refused" in proc.stdout.decode()
    assert proc.stderr.decode().splitlines() == [
        "resumeconv: 1 file(s) checked: 0 valid, 0 invalid, 1 unreadable (1 error(s), 0 warning(s))"]


@pytest.mark.parametrize(("name", "text", "message"), [
    ("deep.json", "[" * 100_000 + "]" * 100_000, "JSON nested deeper than 200 levels"),
    ("deep.yaml", "a: " + "[" * 5_000 + "]" * 5_000, "nested deeper than 200 levels"),
], ids=["deep.json", "deep.yaml"])
def test_deep_nesting_is_refused(name: str, text: str, message: str, tmp_path: Path) -> None:
    evil = tmp_path / name
    evil.write_text(text)
    proc, elapsed = run("convert", "-t", "yaml" if name.endswith(".json") else "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}", message)


# ------------------------------------------------------------------------------------------------------ zip


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


PROFILE = b"First Name,Last Name\nAda,Lovelace\n"


@pytest.mark.parametrize("member", ["../../evil/Profile.csv", "/etc/Profile.csv", "C:/x/Profile.csv",
                                    "a/../../Profile.csv", "..\\..\\Profile.csv"])
def test_zip_path_traversal_is_refused(member: str, tmp_path: Path) -> None:
    evil = tmp_path / "export.zip"
    evil.write_bytes(_zip({"Profile.csv": PROFILE, member: PROFILE}))
    proc, elapsed = run("convert", "-f", "linkedin-export", "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}", "refused: the archive has an unsafe member name")
    assert not (tmp_path.parent / "evil").exists()


def test_zip_bomb_is_refused_by_its_ratio(tmp_path: Path) -> None:
    evil = tmp_path / "bomb.zip"
    evil.write_bytes(_zip({"Profile.csv": PROFILE + b"0" * 50_000_000}))
    assert evil.stat().st_size < 100_000
    proc, elapsed = run("convert", "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}", "refused: 'Profile.csv' expands", "times (a zip bomb?)")


def test_zip_total_size_is_held_to_the_input_limit(tmp_path: Path) -> None:
    """Members each too small for the ratio check (under 1 MiB), but together more than 4 x --max-input-size."""
    evil = tmp_path / "wide.zip"
    evil.write_bytes(_zip({f"Positions{i}.csv": b"0" * 900_000 for i in range(5)} | {"Profile.csv": PROFILE}))
    proc, elapsed = run("convert", "-f", "linkedin-export", "-t", "json", "--max-input-size", "1000000", str(evil))
    assert_refused(proc, elapsed, f"{evil}", "refused: the archive expands to", "(limit 4000000)")


def test_symlink_in_an_unpacked_export_is_refused(tmp_path: Path) -> None:
    """An unpacked hostile archive may hold Profile.csv -> a private file; its content must not reach the output."""
    secret = tmp_path / "secret.csv"
    secret.write_text("First Name,Last Name\nTOP-SECRET,VALUE\n")
    export = tmp_path / "export"
    export.mkdir()
    (export / "Positions.csv").write_text("Company Name,Title\nAcme,Engineer\n")
    (export / "Profile.csv").symlink_to(secret)
    proc, elapsed = run("convert", "-t", "json", str(export))
    assert_refused(proc, elapsed, f"{export}: ", "refused: Profile.csv is a symbolic link")
    assert b"TOP-SECRET" not in proc.stdout


@pytest.mark.parametrize("packed", [True, False], ids=["zip", "folder"])
def test_max_input_size_holds_export_csvs_in_a_zip_as_in_a_folder(packed: bool, tmp_path: Path) -> None:
    rows = "".join(f"Acme {i},Engineer {i * 7919 % 10007}\n" for i in range(30_000)).encode()
    assert 600_000 < len(rows) < 1_000_000
    files = {"Profile.csv": PROFILE, "Positions.csv": b"Company Name,Title\n" + rows}
    if packed:
        export = tmp_path / "export.zip"
        export.write_bytes(_zip(files))
    else:
        export = tmp_path / "export"
        export.mkdir()
        for name, data in files.items():
            (export / name).write_bytes(data)
    proc, elapsed = run("convert", "-f", "linkedin-export", "-t", "json", "--max-input-size", "500k", str(export))
    line = assert_refused(proc, elapsed, f"{export}", "512000 bytes", "--max-input-size")
    assert "Positions.csv" in line
    assert run("convert", "-f", "linkedin-export", "-t", "json", str(export))[0].returncode == 0


def test_symlink_member_of_an_export_zip_is_refused_not_read_as_its_path(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("Positions.csv", b"Company Name,Title\nAcme,Engineer\n")
        link = zipfile.ZipInfo("Profile.csv")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, b"/home/you/.ssh/id_rsa")
    evil = tmp_path / "export.zip"
    evil.write_bytes(buf.getvalue())
    proc, elapsed = run("convert", "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}: ", "refused: 'Profile.csv' is a symbolic link")
    assert b"id_rsa" not in proc.stdout


def test_fifo_and_folder_named_like_export_csvs_are_reported_not_skipped(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "Profile.csv").write_bytes(PROFILE)
    os.mkfifo(export / "Positions.csv")  # never opened: reading it would block for ever
    (export / "Skills.csv").mkdir()
    proc, elapsed = run("convert", "-t", "json", "-v", str(export))
    assert proc.returncode == 0, proc.stderr
    assert elapsed < QUICK
    lines = proc.stderr.decode().splitlines()
    assert "  /work: Positions.csv is not a regular file, not a CSV file: not read" in lines
    assert "  /skills: Skills.csv is a folder, not a CSV file: not read" in lines


def test_two_positions_csv_in_an_export_zip_are_both_read_and_named(tmp_path: Path) -> None:
    export = tmp_path / "export.zip"
    export.write_bytes(_zip({"Profile.csv": PROFILE, "Positions.csv": b"Company Name,Title\nAcme,Engineer\n",
                             "old/positions.csv": b"Company Name,Title\nInitech,Intern\n",
                             "Skills.csv/": b""}))
    proc, _ = run("convert", "-t", "json", "-v", str(export))
    assert proc.returncode == 0, proc.stderr
    work = [(w["name"], w["position"]) for w in json.loads(proc.stdout)["work"]]
    assert work == [("Acme", "Engineer"), ("Initech", "Intern")]
    lines = proc.stderr.decode().splitlines()
    assert "  /work: 2 files named positions.csv (Positions.csv, old/positions.csv): the rows of each are read, in " \
           "this order" in lines
    assert "  /skills: Skills.csv/ is a folder, not a CSV file: not read" in lines


def test_two_identical_positions_csv_are_read_once(tmp_path: Path) -> None:
    positions = b"Company Name,Title\nAcme,Engineer\n"
    export = tmp_path / "export.zip"
    export.write_bytes(_zip({"Positions.csv": positions, "copy/POSITIONS.CSV": positions}))
    proc, _ = run("convert", "-t", "json", "-v", str(export))
    assert json.loads(proc.stdout)["work"] == [{"name": "Acme", "position": "Engineer"}]
    assert "  /work: 2 files named positions.csv (Positions.csv, copy/POSITIONS.CSV): the same content, read once" \
        in proc.stderr.decode().splitlines()


# ------------------------------------------------------------------------------------------------- oversize


@pytest.mark.parametrize("how", ["env", "option"])
@pytest.mark.parametrize("command", ["convert", "validate"])
def test_oversize_input_is_refused_before_parsing(how: str, command: str, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text('{"basics": {"name": "' + "x" * 5000 + '"}}')
    limit = ["--max-input-size", "1000"] if how == "option" else []
    env = {"RESUMECONV_MAX_INPUT_BYTES": "1000"} if how == "env" else {}
    args = [command, *limit, str(big)] + (["-t", "yaml"] if command == "convert" else [])
    proc, elapsed = run(*args, env=env)
    message = "input is larger than the limit of 1000 bytes (raise it with --max-input-size or " \
              "RESUMECONV_MAX_INPUT_BYTES)"
    if command == "convert":
        assert_refused(proc, elapsed, f"{big}: ", message)
    else:
        assert proc.returncode == 2
        assert proc.stdout.decode() == f"{big}: error: {message}\n"
        assert "Traceback" not in proc.stderr.decode()


def test_oversize_stdin_is_refused(tmp_path: Path) -> None:
    proc, elapsed = run("convert", "-f", "json", "-t", "yaml", "--max-input-size", "100", "-", stdin=b"{}" + b" " * 500)
    assert_refused(proc, elapsed, "<stdin>: ", "larger than the limit of 100 bytes")


def test_max_input_size_raises_the_limit_too(tmp_path: Path) -> None:
    doc = tmp_path / "cv.json"
    doc.write_text('{"basics": {"name": "' + "x" * 5000 + '"}}')
    proc, _ = run("convert", "--max-input-size", "10000", str(doc), "-t", "yaml",
                  env={"RESUMECONV_MAX_INPUT_BYTES": "1000"})
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("basics:\n  name: xxxx")


def test_max_input_size_reaches_the_worker_processes(tmp_path: Path) -> None:
    docs = []
    for name in ("a.json", "b.json"):
        doc = tmp_path / name
        doc.write_text('{"basics": {"name": "' + "x" * 500 + '"}}')
        docs.append(str(doc))
    proc, _ = run("convert", "-j", "2", "--max-input-size", "100", "-t", "yaml", "--output-dir",
                  str(tmp_path / "out"), *docs)
    assert proc.returncode == 2
    assert sorted(proc.stderr.decode().splitlines()) == [
        f"resumeconv: {d}: input is larger than the limit of 100 bytes (raise it with --max-input-size or "
        "RESUMECONV_MAX_INPUT_BYTES)" for d in docs]


def test_max_input_size_is_restored_when_the_command_ends(tmp_path: Path, monkeypatch) -> None:
    """The option sets the limit through the environment (for -j workers) and puts the old value back."""
    from click.testing import CliRunner

    from resumeconv.cli import main

    monkeypatch.setenv("RESUMECONV_MAX_INPUT_BYTES", "777777")
    doc = tmp_path / "cv.json"
    doc.write_text('{"basics": {"name": "' + "x" * 500 + '"}}')
    result = CliRunner().invoke(main, ["convert", "--max-input-size", "100", str(doc), "-t", "yaml"])
    assert result.exit_code == 2
    assert "larger than the limit of 100 bytes" in result.stderr
    assert os.environ["RESUMECONV_MAX_INPUT_BYTES"] == "777777"


# ------------------------------------------------------------------------------------------------------ PDF


def _pdf(pages: int = 1, content: bytes | None = None, attachment: bytes | None = None) -> bytes:
    """A PDF built with pypdf: blank pages, a compressed content stream on every page (LinkedIn as its author), or
    a compressed attachment.xml."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    if content is not None:
        for page in writer.pages:
            stream = StreamObject()
            stream.set_data(zlib.compress(content, 9))
            stream[NameObject("/Filter")] = NameObject("/FlateDecode")
            page[NameObject("/Contents")] = writer._add_object(stream)
        writer.add_metadata({"/Author": "LinkedIn", "/Creator": "LinkedIn"})
    if attachment is not None:
        writer.add_attachment("attachment.xml", attachment)
        for i, obj in enumerate(writer._objects):
            if isinstance(obj, StreamObject) and obj.get("/Type") == "/EmbeddedFile":
                writer._objects[i] = obj.flate_encode()
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_linkedin_pdf_with_too_many_pages_is_refused(tmp_path: Path) -> None:
    evil = tmp_path / "profile.pdf"
    evil.write_bytes(_pdf(pages=2000))
    proc, elapsed = run("convert", "-f", "linkedin", "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}: ", "the PDF has 2000 pages (limit 100)")


def test_linkedin_pdf_content_bomb_is_refused(tmp_path: Path) -> None:
    """A 40 kB page stream that inflates to 20 MB of text operators: refused before text extraction."""
    evil = tmp_path / "profile.pdf"
    evil.write_bytes(_pdf(content=b"BT 72 712 Td " + b"(AAAA) Tj T* " * 1_500_000 + b"ET"))
    assert evil.stat().st_size < 200_000
    proc, elapsed = run("convert", "-f", "linkedin", "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}: ", "page 1 of the PDF expands to 19500015 bytes of content (limit 262144)")


def _filled(size: int, unit: bytes, head: bytes = b"BT /F1 10 Tf 72 712 Td ", tail: bytes = b"ET") -> bytes:
    return head + unit * ((size - len(head) - len(tail)) // len(unit)) + tail


def test_linkedin_pdf_of_4_pages_of_4_mb_content_is_refused_quickly(tmp_path: Path) -> None:
    """40 kB on disk: it took 30 s and 310 MB in pdfminer when each page was held only to 4 MiB."""
    evil = tmp_path / "profile.pdf"
    evil.write_bytes(_pdf(pages=4, content=_filled(4 * 1024 * 1024 - 16, b"(AAAA) Tj T* ")))
    assert evil.stat().st_size < 50_000
    proc, elapsed = run("convert", "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}: ", "page 1 of the PDF expands to 4194280 bytes of content (limit 262144)")


def test_linkedin_pdf_content_is_bounded_for_all_pages_together(tmp_path: Path) -> None:
    evil = tmp_path / "profile.pdf"
    evil.write_bytes(_pdf(pages=4, content=_filled(200_000, b"q Q ")))
    proc, elapsed = run("convert", "-f", "linkedin", "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}: ", "the first 3 pages of the PDF expand to 599991 bytes of content "
                                               "(limit 524288 for all pages)")


@pytest.mark.parametrize("unit", [b"(A) Tj ", b"0 0 m S "], ids=["characters", "paths"])
def test_linkedin_pdf_page_drawing_too_much_is_refused(unit: bytes, tmp_path: Path) -> None:
    """Within the content limits, but more glyphs or paths than pdfminer's layout analysis should be given."""
    evil = tmp_path / "profile.pdf"
    text = b"BT /F1 10 Tf 72 712 Td (Ada Lovelace) Tj ET "
    evil.write_bytes(_pdf(content=_filled(250_000, unit, text + b"BT ") if unit.endswith(b"Tj ") else
                          _filled(250_000, unit, text, b"")))
    proc, elapsed = run("convert", "-f", "linkedin", "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}: ", "page 1 of the PDF draws more than 20000 characters, paths and images")


@pytest.mark.parametrize(("form", "calls", "says"), [
    (b"q Q " * 250_000, 1, "page 1 of the PDF expands to 1000052 bytes of content (limit 262144)"),
    (b"0 0 m S", 30_000, "page 1 of the PDF draws more than 20000 characters, paths and images"),
], ids=["one-big-form", "a-form-drawn-30000-times"])
def test_linkedin_pdf_form_xobjects_are_held_to_the_page_limits(form: bytes, calls: int, says: str,
                                                                 tmp_path: Path) -> None:
    """A form XObject's content runs as its page's does: its size and each time it is drawn count."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    xobject = StreamObject()
    xobject.set_data(zlib.compress(form, 9))
    xobject.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                    NameObject("/Filter"): NameObject("/FlateDecode"),
                    NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(9), FloatObject(9)])})
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/XObject"): DictionaryObject({NameObject("/Fm0"): writer._add_object(xobject)}),
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    content = StreamObject()
    content.set_data(zlib.compress(b"BT /F1 10 Tf 72 712 Td (Ada Lovelace) Tj ET " + b"/Fm0 Do " * calls, 9))
    content[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(content)
    writer.add_metadata({"/Author": "LinkedIn", "/Creator": "LinkedIn"})
    evil = tmp_path / "profile.pdf"
    with open(evil, "wb") as fh:
        writer.write(fh)
    proc, elapsed = run("convert", "-f", "linkedin", "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}: ", says)


def test_real_linkedin_pdf_with_45_mb_of_trailing_junk_reads_as_without_it(shared: Path, tmp_path: Path) -> None:
    """The junk after %%EOF took pdfminer 187 s; it is no part of the PDF and is not parsed."""
    real = shared / "corpus" / "linkedin-pdf" / "gigvistas" / "profile.pdf"
    junk = tmp_path / "profile.pdf"
    block = b"1 0 obj junk << /A 1 >>\n" + bytes(range(256)) * 4
    junk.write_bytes(real.read_bytes() + block * (45_000_000 // len(block)))
    assert junk.stat().st_size > 44_000_000
    clean, _ = run("convert", "-t", "json", str(real))
    proc, elapsed = run("convert", "-t", "json", str(junk))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == clean.stdout and b'"name"' in clean.stdout
    assert elapsed < QUICK


def test_europass_pdf_attachment_bomb_is_held_to_the_input_limit(tmp_path: Path) -> None:
    evil = tmp_path / "cv.pdf"
    evil.write_bytes(_pdf(attachment=b"<a>" + b" " * 5_000_000 + b"</a>"))
    assert evil.stat().st_size < 100_000
    proc, elapsed = run("convert", "-f", "europass", "-t", "json", "--max-input-size", "1000000", str(evil))
    assert_refused(proc, elapsed, f"{evil}: ", "embedded in this PDF is larger than the limit of 1000000 bytes")


def test_europass_pdf_with_many_pages_and_no_xml_is_refused_quickly(tmp_path: Path) -> None:
    evil = tmp_path / "cv.pdf"
    evil.write_bytes(_pdf(pages=2000))
    proc, elapsed = run("convert", "-f", "europass", "-t", "json", str(evil))
    # The one PDF reader (formats/_pdf.py) holds every format to the same page limit.
    assert_refused(proc, elapsed, f"{evil}: ", "the PDF has 2000 pages (limit 100)")


def test_a_detected_pdf_without_europass_xml_is_held_to_the_linkedin_limits(tmp_path: Path) -> None:
    evil = tmp_path / "cv.pdf"
    evil.write_bytes(_pdf(pages=2000))
    proc, elapsed = run("convert", "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}: ", "the PDF has 2000 pages (limit 100)")


def test_europass_pdf_attachment_with_a_doctype_is_refused(tmp_path: Path) -> None:
    evil = tmp_path / "cv.pdf"
    evil.write_bytes(_pdf(attachment=xml("europass", '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;")))
    proc, elapsed = run("convert", "-t", "json", str(evil))
    assert_refused(proc, elapsed, f"{evil}:2: ", DTD_REFUSED)


# --------------------------------------------------------------------------------------------------- BibTeX


def test_bibtex_macro_bomb_is_refused(tmp_path: Path) -> None:
    """Each @string doubles ten times over: 100 characters would become 10^14 without the expansion budget."""
    macros = '@string{a = "' + "x" * 100 + '"}\n' + "".join(
        f"@string{{{chr(98 + i)} = {' # '.join([chr(97 + i)] * 10)}}}\n" for i in range(12))
    evil = tmp_path / "bomb.bib"
    evil.write_text(macros + "@article{k, title = m}\n")
    proc, elapsed = run("convert", "-t", "json", str(evil))
    line = assert_refused(proc, elapsed, f"{evil}:5:", "@string macros expand to more than", "(macro bomb refused)")
    assert "characters" in line
