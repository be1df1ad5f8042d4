"""LinkedIn's data export ("Get a copy of your data"): a .zip, or the unpacked folder, of one CSV per section.

Columns are found by header name, with the aliases of every export year; the archive is read in memory with
limits (no path traversal, no zip bomb), and nothing is ever extracted or written.
"""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import Callable
from typing import Any

from ..core import dates, ids
from ..core.errors import InputError, UnsafeInputError
from ..core.fileio import decode_text, max_input_bytes, read_bytes
from ..core.losses import LossReport, pointer
from . import ReadResult
from ._contract import Option, Source

#: The reader takes no options (a folder comes as ``path``, from the registry).
OPTIONS: tuple[Option, ...] = ()
#: Files read, by lower-case base name (older exports have "Phone Numbers.csv").
FILES = ("profile.csv", "positions.csv", "education.csv", "skills.csv", "languages.csv", "certifications.csv",
         "publications.csv", "honors.csv", "projects.csv", "courses.csv", "email addresses.csv", "phonenumbers.csv",
         "phone numbers.csv", "organizations.csv", "volunteering.csv", "recommendations_received.csv")
#: Column aliases across export years: the 2023+ name first, older names after it.
ALIASES = {
    "Started On": ("Started On", "Start Date"),
    "Finished On": ("Finished On", "End Date"),
    "Issued On": ("Issued On", "Issue Date"),
    "Start Date": ("Start Date", "Started On"),
    "End Date": ("End Date", "Finished On"),
    "Authority": ("Authority", "Issuer"),
}
#: The document section each CSV fills (where a skipped row is reported).
SECTIONS = {"positions.csv": "work", "education.csv": "education", "skills.csv": "skills",
            "languages.csv": "languages", "certifications.csv": "certificates", "publications.csv": "publications",
            "honors.csv": "awards", "projects.csv": "projects", "volunteering.csv": "volunteer",
            "recommendations_received.csv": "references", "profile.csv": "basics",
            "email addresses.csv": "basics", "phonenumbers.csv": "basics", "phone numbers.csv": "basics"}
#: Zip limits: total uncompressed bytes (the input size limit times 4) and the largest compression ratio.
MAX_RATIO = 100
MAX_MEMBERS = 10_000


class _Row:
    """One CSV row, read by header name (with aliases); values HTML-unescaped and stripped."""

    def __init__(self, values: dict[str, str]):
        self.values = values

    def get(self, name: str) -> str:
        from html import unescape  # not at the top: detection imports this module on validate's start-up path

        for alias in ALIASES.get(name, (name,)):
            value = self.values.get(alias)
            if value:
                return unescape(value).strip()
        return ""

    def date(self, name: str) -> str | None:
        return dates.parse_human(self.get(name)) if self.get(name) else None

    def empty(self) -> bool:
        return not any(v.strip() for v in self.values.values() if v)


class _Files:
    """The CSVs an export holds, by lower-case base name: each copy found (its name in the export, its bytes); and
    what was found under a CSV's name but is no file to read (a folder, a FIFO), to report."""

    def __init__(self) -> None:
        self.copies: dict[str, list[tuple[str, bytes]]] = {}
        self.unreadable: list[tuple[str, str]] = []

    def add(self, base: str, name: str, content: bytes) -> None:
        self.copies.setdefault(base, []).append((name, content))


def _member_limit(name: str, size: int, source: str | None) -> None:
    """A CSV in the archive is held to the input size limit, as the same file in an unpacked folder is."""
    if size > max_input_bytes():
        raise UnsafeInputError(f"refused: {name!r} in the archive is {size} bytes, larger than the limit of "
                               f"{max_input_bytes()} bytes (raise it with --max-input-size or "
                               "RESUMECONV_MAX_INPUT_BYTES)", source)


def _zip_files(data: bytes, source: str | None) -> _Files:
    """The known CSVs of an export archive, read in memory after checking every member name and size."""
    import zipfile  # not at the top: detection imports this module on validate's start-up path
    import zlib

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError) as err:
        raise InputError(f"not a readable zip archive ({err})", source) from None
    if len(members) > MAX_MEMBERS:
        raise UnsafeInputError(f"the archive has {len(members)} members (limit {MAX_MEMBERS})", source)
    total = 0
    for info in members:
        name = info.filename
        if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in re.split(r"[/\\]", name):
            raise UnsafeInputError(f"refused: the archive has an unsafe member name {name!r}", source)
        total += info.file_size
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1 << 20:
            raise UnsafeInputError(f"refused: {name!r} expands {info.file_size // max(info.compress_size, 1)} times "
                                   f"(a zip bomb?)", source)
    if total > 4 * max_input_bytes():
        raise UnsafeInputError(f"refused: the archive expands to {total} bytes (limit {4 * max_input_bytes()})", source)
    out = _Files()
    for info in members:
        base = re.split(r"[/\\]", info.filename.rstrip("/\\"))[-1].lower()
        if not info.filename or base not in FILES:
            continue
        mode = info.external_attr >> 16
        if info.is_dir():
            out.unreadable.append((info.filename, "a folder"))
            continue
        if stat.S_ISLNK(mode):  # its content is the target's path, never a CSV
            raise UnsafeInputError(f"refused: {info.filename!r} is a symbolic link; an export holds plain files",
                                   source)
        _member_limit(info.filename, info.file_size, source)
        if info.flag_bits & 0x1:
            raise InputError(f"{info.filename!r} is encrypted", source)
        try:
            with archive.open(info) as fh:
                content = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, zlib.error) as err:
            raise InputError(f"cannot read {info.filename!r} from the archive ({err})", source) from None
        if len(content) > info.file_size:
            raise UnsafeInputError(f"refused: {info.filename!r} is larger than its header says", source)
        out.add(base, info.filename, content)
    return out


def _dir_files(path: str) -> _Files:
    """The known CSVs of an unpacked export folder (read with the usual input size limit)."""
    out = _Files()
    try:
        names = sorted(os.listdir(path))
    except OSError as err:
        raise InputError(err.strerror or str(err), path) from None
    for name in names:
        full = os.path.join(path, name)
        if name.lower() not in FILES:
            continue
        try:
            mode = os.lstat(full).st_mode
        except OSError as err:
            raise InputError(f"{name}: {err.strerror or err}", path) from None
        if stat.S_ISLNK(mode):  # an unpacked hostile archive could point Profile.csv at any file of yours
            raise UnsafeInputError(f"refused: {name} is a symbolic link; an export folder holds plain files", path)
        if not stat.S_ISREG(mode):  # never opened: a FIFO would block, a device could be anything
            out.unreadable.append((name, "a folder" if stat.S_ISDIR(mode) else "not a regular file"))
            continue
        out.add(name.lower(), name, read_bytes(full))
    return out


def _rows(data: bytes, source: str) -> tuple[list[_Row], list[str]]:
    """Parse one CSV (RFC 4180, UTF-8): rows keyed by header, all-empty rows dropped; and the rows skipped.

    A row the csv module refuses (``"B"x``) or with more fields than the header is skipped and named
    (``line 4: 9 fields where the header has 7``), so one broken row does not cost the whole export. A header that
    cannot be read is an input error with its line."""
    import csv

    reader = csv.reader(io.StringIO(decode_text(data, source), newline=""), strict=True)
    rows: list[_Row] = []
    skipped: list[str] = []
    try:
        header = next(reader, None)
    except csv.Error as err:
        raise InputError(f"bad CSV header: {err}", source, reader.line_num) from None
    if header is None:
        return [], []
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            skipped.append(f"line {reader.line_num}: bad CSV ({err}); row skipped")
            continue
        if len(fields) > len(header):  # an unquoted comma shifted the columns: no value can be trusted
            skipped.append(f"line {reader.line_num}: {len(fields)} fields where the header has {len(header)}; "
                           "row skipped")
            continue
        rows.append(_Row(dict(zip(header, fields, strict=False))))  # a short row leaves the last columns empty
    return [row for row in rows if not row.empty()], skipped


class _Export:
    def __init__(self, files: _Files, source: str):
        self.files, self.source = files.copies, source
        self.doc: dict[str, Any] = {}
        self.report = LossReport()
        for name, what in files.unreadable:
            self.report.add(pointer(SECTIONS.get(name.rstrip("/\\").rsplit("/", 1)[-1].lower(), "")),
                            f"{name} is {what}, not a CSV file: not read")

    def rows(self, *names: str) -> list[_Row]:
        """The rows of the first of ``names`` the export holds; of every copy when it holds several (another
        folder, another case), each copy named in the report, so none is dropped unseen."""
        for name in names:
            copies = self.files.get(name)
            if not copies:
                continue
            where = pointer(SECTIONS[name]) if name in SECTIONS else ""
            distinct: dict[bytes, str] = {}
            for member, content in copies:
                distinct.setdefault(content, member)
            if len(copies) > 1:
                listed = ", ".join(member for member, _ in copies)
                how = ("the same content, read once" if len(distinct) == 1
                       else "the rows of each are read, in this order")
                self.report.add(where, f"{len(copies)} files named {name} ({listed}): {how}", "normalization")
            rows: list[_Row] = []
            for content, member in distinct.items():
                found, skipped = _rows(content, f"{self.source}/{member}")
                rows.extend(found)
                for note in skipped:
                    self.report.add(where, f"{member}: {note}")
            return rows
        return []

    def section(self, key: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = self.doc.setdefault(key, [])
        return items

    def url(self, row: _Row, item: dict[str, Any], ptr: str) -> None:
        """The Url column: a web address LinkedIn stored without its scheme gets ``https://`` (reported); text
        that is not a web address is reported, not written where the schema wants a URI."""
        value = row.get("Url")
        if not value:
            return
        if re.match(r"^https?://\S+$", value):
            item["url"] = value
        elif re.match(r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[/?#]\S*)?$", value):
            item["url"] = f"https://{value}"
            self.report.add(pointer(*_parts(ptr), "url"), f"Url '{_short(value)}' has no scheme: written as "
                            f"https://{_short(value)}", "normalization")
        else:
            self.lose(row, "Url", pointer(*_parts(ptr), "url"), "not a web address")

    def lose(self, row: _Row, column: str, ptr: str, reason: str) -> None:
        value = row.get(column)
        if value:
            self.report.add(ptr, f"{column} '{_short(value)}': {reason}")

    def read(self) -> dict[str, Any]:
        if not self.files:
            raise InputError("no LinkedIn export CSV (Profile.csv, Positions.csv, ...) found", self.source)
        steps: tuple[Callable[[], None], ...] = (
            self.profile, self.contact, self.positions, self.education, self.skills, self.languages,
            self.certifications, self.publications, self.honors, self.projects, self.volunteering,
            self.recommendations, self.courses, self.organizations)
        for step in steps:
            step()
        return self.doc

    def profile(self) -> None:
        from ._linkedin_common import basics_location

        for row in self.rows("profile.csv")[:1]:
            basics = self.doc.setdefault("basics", {})
            name = " ".join(x for x in (row.get("First Name"), row.get("Last Name")) if x)
            for key, value in (("name", name), ("label", row.get("Headline")), ("summary", row.get("Summary"))):
                if value:
                    basics[key] = value
            location = basics_location(row.get("Geo Location"), self.report, pointer("basics", "location"))
            if row.get("Zip Code"):
                location["postalCode"] = row.get("Zip Code")
            if location:
                basics["location"] = location
            self.websites(row, basics)
            for handle in re.findall(r"[^\[\],\s]+", row.get("Twitter Handles")):
                basics.setdefault("profiles", []).append({"network": "Twitter", "username": handle.lstrip("@")})
            for column in ("Maiden Name", "Address", "Birth Date", "Industry", "Instant Messengers",
                           "Contact Instructions", "Country"):
                self.lose(row, column, pointer("basics"), "no field for it")

    def websites(self, row: _Row, basics: dict[str, Any]) -> None:
        for label, url in re.findall(r"\[?([A-Z_]+):(https?://[^\s,\]]+)", row.get("Websites")):
            if ids.is_orcid(url):
                basics.setdefault("orcid", ids.normalize_orcid(url))
            elif label == "PERSONAL" and "url" not in basics:
                basics["url"] = url
            else:
                basics.setdefault("profiles", []).append({"network": label.title(), "url": url})

    def contact(self) -> None:
        emails = self.rows("email addresses.csv")
        emails.sort(key=lambda r: r.get("Primary") != "Yes")
        basics = self.doc.setdefault("basics", {})
        for n, row in enumerate(emails):
            if n == 0 and row.get("Email Address"):
                basics["email"] = row.get("Email Address")
            else:
                self.lose(row, "Email Address", pointer("basics", "email"), "JSON Resume holds one e-mail address")
        phones = [r for r in self.rows("phonenumbers.csv", "phone numbers.csv") if r.get("Number")]
        for n, row in enumerate(phones):
            if n == 0:
                ext = row.get("Extension")
                basics["phone"] = row.get("Number") + (f" ext. {ext}" if ext else "")
            else:
                self.lose(row, "Number", pointer("basics", "phone"), "JSON Resume holds one phone number")
        if not basics:
            del self.doc["basics"]

    def positions(self) -> None:
        from ._linkedin_common import split_description, work_location

        for row in self.rows("positions.csv"):
            item: dict[str, Any] = {}
            _put(item, "name", row.get("Company Name"))
            _put(item, "position", row.get("Title"))
            if row.get("Location"):
                work_location(row.get("Location"), item)
            _dates(row, item, "Started On", "Finished On")
            summary, highlights = split_description(row.get("Description"))
            _put(item, "summary", summary)
            if highlights:
                item["highlights"] = highlights
            self.section("work").append(item)

    def education(self) -> None:
        for i, row in enumerate(self.rows("education.csv")):
            item: dict[str, Any] = {}
            _put(item, "institution", row.get("School Name"))
            _put(item, "studyType", row.get("Degree Name"))
            _dates(row, item, "Start Date", "End Date")
            ptr = pointer("education", i)
            self.report.add(pointer("education", i, "area"), "the export has no field of study")
            self.lose(row, "Notes", ptr, "JSON Resume education has no notes field")
            self.lose(row, "Activities", ptr, "JSON Resume education has no activities field")
            self.section("education").append(item)

    def skills(self) -> None:
        for row in self.rows("skills.csv"):
            if row.get("Name"):
                self.section("skills").append({"name": row.get("Name")})

    def languages(self) -> None:
        from ._linkedin_common import PROFICIENCIES, proficiency

        for row in self.rows("languages.csv"):
            item = {"language": row.get("Name")}
            level = proficiency(row.get("Proficiency")) if row.get("Proficiency") else None
            if row.get("Proficiency"):
                item["fluency"] = PROFICIENCIES[level][0] if level is not None else row.get("Proficiency")
            self.section("languages").append(item)

    def certifications(self) -> None:
        for i, row in enumerate(self.rows("certifications.csv")):
            item: dict[str, Any] = {}
            for key, column in (("name", "Name"), ("issuer", "Authority")):
                _put(item, key, row.get(column))
            ptr = pointer("certificates", i)
            self.url(row, item, ptr)
            started = row.date("Started On")
            if started and dates.precision(started) == "day":
                item["date"] = started
            else:
                self.lose(row, "Started On", pointer("certificates", i, "date"),
                          "certificates.date must be a full date and the export gives no day")
            self.lose(row, "Finished On", ptr, "JSON Resume certificates have no expiry date")
            self.lose(row, "License Number", ptr, "JSON Resume certificates have no licence number")
            self.section("certificates").append(item)

    def publications(self) -> None:
        for i, row in enumerate(self.rows("publications.csv")):
            item: dict[str, Any] = {}
            for key, column in (("name", "Name"), ("publisher", "Publisher"), ("summary", "Description")):
                _put(item, key, row.get(column))
            self.url(row, item, pointer("publications", i))
            _put(item, "releaseDate", row.date("Published On"))
            doi = ids.find_doi(row.get("Url")) or ids.find_doi(row.get("Description"))
            if doi and ids.is_doi(doi):
                item["doi"] = doi
            self.report.add(pointer("publications", i, "authors"),
                            "the export has no author list (at most free text in Description)")
            self.section("publications").append(item)

    def honors(self) -> None:
        for row in self.rows("honors.csv"):
            item: dict[str, Any] = {}
            for key, column in (("title", "Title"), ("summary", "Description"), ("awarder", "Issuer")):
                _put(item, key, row.get(column))
            _put(item, "date", row.date("Issued On"))
            self.section("awards").append(item)

    def projects(self) -> None:
        for i, row in enumerate(self.rows("projects.csv")):
            item: dict[str, Any] = {}
            for key, column in (("name", "Title"), ("description", "Description")):
                _put(item, key, row.get(column))
            self.url(row, item, pointer("projects", i))
            _dates(row, item, "Started On", "Finished On")
            self.section("projects").append(item)

    def volunteering(self) -> None:
        for i, row in enumerate(self.rows("volunteering.csv")):
            item: dict[str, Any] = {"type": "volunteering"}
            for key, column in (("organization", "Company Name"), ("position", "Role"), ("summary", "Description")):
                _put(item, key, row.get(column))
            _dates(row, item, "Started On", "Finished On")
            self.lose(row, "Cause", pointer("volunteer", i), "JSON Resume volunteering has no cause field")
            self.section("volunteer").append(item)

    def recommendations(self) -> None:
        for row in self.rows("recommendations_received.csv"):
            if row.get("Status") and row.get("Status") != "VISIBLE":
                continue
            name = " ".join(x for x in (row.get("First Name"), row.get("Last Name")) if x)
            item = {"name": name} if name else {}
            _put(item, "reference", row.get("Text"))
            self.section("references").append(item)

    def courses(self) -> None:
        for row in self.rows("courses.csv"):
            number = f" ({row.get('Number')})" if row.get("Number") else ""
            self.report.add(pointer("education"),
                            f"course '{row.get('Name')}'{number}: LinkedIn courses are not linked to a degree")

    def organizations(self) -> None:
        for row in self.rows("organizations.csv"):
            role = f" ({row.get('Position')})" if row.get("Position") else ""
            self.report.add(pointer(), f"organization '{row.get('Name')}'{role}: JSON Resume has no memberships")


def _parts(ptr: str) -> list[str | int]:
    return [int(x) if x.isdigit() else x for x in ptr.strip("/").split("/") if x]


def _put(item: dict[str, Any], key: str, value: str | None) -> None:
    if value:
        item[key] = value


def _dates(row: _Row, item: dict[str, Any], start: str, end: str) -> None:
    _put(item, "startDate", row.date(start))
    _put(item, "endDate", row.date(end))


def _short(value: str) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


#: A zip whose first members include an export CSV; a folder listing that has one.
_ZIP = re.compile(rb"\APK\x03\x04[\s\S]{26,300}?(Profile|Positions|Education|Skills|Languages|Email Addresses)\.csv")
_FOLDER = re.compile(r"(?im)^(Profile|Positions|Education|Skills)\.csv$")


def accepts(source: Source, *, format: str = "linkedin-export") -> bool:
    """An export: a zip or an unpacked folder with LinkedIn's section CSVs."""
    if source.listing is not None:
        return _FOLDER.search(source.listing) is not None
    return _ZIP.search(source.data[:8192]) is not None


def read(data: bytes, *, source: str | None = None, format: str = "linkedin-export", path: str | None = None,
         **_: Any) -> ReadResult:
    """Read an export .zip (as bytes) or an unpacked export folder (``path=``)."""
    name = source or path or "<input>"
    files = _dir_files(path) if path is not None and os.path.isdir(path) else _zip_files(data, name)
    export = _Export(files, name)
    return ReadResult.untyped(export.read(), export.report.items)
